// Request-side of sessions: finds the session from the cookie, enforces CSRF on every
// state-changing request, and gives routes the MailContext they need.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, USER_HEADER, USER_PARAM } from '../../src/shared/api.js';
import { Failure } from '../failure.js';
import type { MailContext } from '../mail/service.js';
import { SESSION_COOKIE, tokensEqual, type ActiveSession, type Sessions } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: ActiveSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request checks that need no session: browsers send Sec-Fetch-Site and Origin on
 * cross-site POSTs, so a request that names another site is refused outright. Login CSRF is
 * covered by this plus the JSON content type (a cross-site form cannot send application/json
 * without a CORS preflight, which we never answer).
 */
export function assertSameOrigin(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') throw new Failure('CSRF_REJECTED', { reason: `sec-fetch-site ${fetchSite}` });
  const origin = request.headers.origin;
  // Under our Referrer-Policy no-referrer, browsers send `Origin: null` with form POSTs (Fetch
  // §"serializing a request origin"); that says nothing, and the form token still has to match.
  if (origin !== undefined && origin !== 'null' && origin !== `${request.protocol}://${request.host}`) {
    throw new Failure('CSRF_REJECTED', { reason: 'origin mismatch', origin });
  }
}

function decodedUser(header: string): string | null {
  try {
    return decodeURIComponent(header).toLowerCase();
  } catch {
    return null;
  }
}

export function requireSession(sessions: Sessions) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const result = await sessions.resolve(request.cookies[SESSION_COOKIE]);
    if (!result.ok) throw new Failure(result.code);
    request.session = result.session;
    const query = request.query as Record<string, unknown> | undefined;
    const claimed = request.headers[USER_HEADER] ?? (typeof query?.[USER_PARAM] === 'string' ? query[USER_PARAM] : undefined);
    if (typeof claimed === 'string' && decodedUser(claimed) !== result.session.record.user.toLowerCase()) {
      throw new Failure('SESSION_CHANGED', { reason: 'the tab shows another mailbox than the cookie names' });
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !tokensEqual(sent, result.session.record.csrfToken)) {
        throw new Failure('CSRF_REJECTED', { reason: 'missing or wrong token' });
      }
    }
  };
}

export function mailContext(request: FastifyRequest): MailContext {
  const session = request.session;
  if (!session) throw new Failure('AUTH_REQUIRED');
  return { sessionKey: session.key, user: session.record.user, password: session.password, clientAddress: request.ip };
}
