// POST /api/session signs in, GET tells the SPA who is signed in, DELETE signs out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API, type SessionInfo, type SignInRequest } from '../../../src/shared/api.js';
import { Failure } from '../../failure.js';
import { MAX_ADDRESS_LENGTH, MAX_PASSWORD_LENGTH } from '../../../src/shared/limits.js';
import { assertSameOrigin, requireSession } from '../../session/plugin.js';
import { SESSION_COOKIE, type ActiveSession } from '../../session/sessions.js';
import { sessionCookieOptions, signInUser, signOutSession } from '../../session/sign-in.js';
import type { Services } from '../../services.js';

const signInSchema = {
  body: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: {
      // No control characters: the name goes into an IMAP LOGIN literal and into logs.
      username: { type: 'string', minLength: 1, maxLength: MAX_ADDRESS_LENGTH, pattern: '^[^\\u0000-\\u001f\\u007f]+$' },
      password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
      keepOnDevice: { type: 'boolean' },
    },
  },
} as const;

function sessionInfo(services: Services, session: ActiveSession): SessionInfo {
  const { config } = services;
  return {
    user: session.record.user,
    csrfToken: session.record.csrfToken,
    keepOnDevice: session.record.keepOnDevice,
    idleTimeoutSeconds: config.session.idleTimeoutSeconds,
    expiresAt: new Date(session.record.createdAt + config.session.absoluteTimeoutSeconds * 1000).toISOString(),
    limits: { maxAttachmentBytes: config.maxAttachmentBytes, maxMessageBytes: config.maxMessageBytes, cacheBytes: config.clientCacheBytes },
  };
}

export async function sessionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { sessions } = services;

  app.post<{ Body: SignInRequest }>(API.session, { schema: signInSchema }, async (request, reply) => {
    assertSameOrigin(request);
    // This route has no token yet: only a JSON body (which a foreign page cannot send without a
    // CORS preflight we never answer) and no opaque origin may sign in, against login CSRF.
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json') || request.headers.origin === 'null') {
      throw new Failure('CSRF_REJECTED', { reason: 'sign-in not sent as JSON by our page' });
    }
    const { cookieValue, session } = await signInUser(services, {
      username: request.body.username,
      password: request.body.password,
      keepOnDevice: request.body.keepOnDevice === true,
      clientAddress: request.ip,
      previousCookie: request.cookies[SESSION_COOKIE],
    });
    request.log.info({ user: session.record.user, session: session.key.slice(0, 12) }, 'signed in');
    reply.setCookie(SESSION_COOKIE, cookieValue, sessionCookieOptions(services, request));
    return sessionInfo(services, session);
  });

  app.get(API.session, { preHandler: requireSession(sessions) }, async (request) => sessionInfo(services, request.session!));

  app.delete(API.session, async (request: FastifyRequest, reply: FastifyReply) => {
    assertSameOrigin(request);
    if (request.cookies[SESSION_COOKIE] !== undefined) {
      const result = await sessions.resolve(request.cookies[SESSION_COOKIE]);
      if (result.ok) {
        // Only the page that holds the token may end the session (else any site could log us out).
        await requireSession(sessions)(request, reply);
        await signOutSession(services, result.session);
        request.log.info({ user: result.session.record.user }, 'signed out');
      }
    }
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(services, request));
    return reply.code(204).send();
  });
}
