// POST /api/session signs in, GET tells the SPA who is signed in, DELETE signs out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API, type SessionInfo, type SignInRequest } from '../../../src/shared/api.js';
import { MAX_ADDRESS_LENGTH, MAX_PASSWORD_LENGTH } from '../../../src/shared/limits.js';
import { Failure } from '../../failure.js';
import { assertSameOrigin, requireSession } from '../../session/plugin.js';
import { SESSION_COOKIE, type ActiveSession } from '../../session/sessions.js';
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
    limits: { maxAttachmentBytes: config.maxAttachmentBytes, maxMessageBytes: config.maxMessageBytes },
  };
}

function cookieOptions(services: Services, request: FastifyRequest) {
  const secure = services.config.session.cookieSecure;
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secure === 'auto' ? request.protocol === 'https' : secure,
  };
}

export async function sessionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { sessions, loginLimits, mail } = services;

  app.post<{ Body: SignInRequest }>(API.session, { schema: signInSchema }, async (request, reply) => {
    assertSameOrigin(request);
    const username = request.body.username.trim();
    const { password } = request.body;
    const wait = await loginLimits.blockedFor(request.ip, username);
    if (wait > 0) throw new Failure('RATE_LIMITED', { username, client: request.ip }, wait);

    let client;
    try {
      client = await mail.signIn(username, password, request.ip);
    } catch (error) {
      if (error instanceof Failure && error.code === 'AUTH_FAILED') await loginLimits.recordFailure(request.ip, username);
      throw error;
    }
    await loginLimits.recordSuccess(username);
    const { cookieValue, session } = await sessions.create(username, password, request.body.keepOnDevice === true);
    mail.keepConnection(session.key, client);
    request.log.info({ user: username, session: session.key.slice(0, 12) }, 'signed in');
    reply.setCookie(SESSION_COOKIE, cookieValue, cookieOptions(services, request));
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
        await mail.endSession(result.session.key);
        await sessions.destroy(result.session.key);
        request.log.info({ user: result.session.record.user }, 'signed out');
      }
    }
    reply.clearCookie(SESSION_COOKIE, cookieOptions(services, request));
    return reply.code(204).send();
  });
}
