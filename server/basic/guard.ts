// Pages that need a signed-in user: without a session, off to the sign-in page (and back after).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../session/sessions.js';
import type { Services } from '../services.js';
import { BASIC } from './layout.js';

export function requireBasicSession(services: Services) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const result = await services.sessions.resolve(request.cookies[SESSION_COOKIE]);
    if (result.ok) {
      request.session = result.session;
      return;
    }
    const next = request.method === 'GET' ? request.url : `${BASIC}/`;
    const reason = result.code === 'SESSION_EXPIRED' ? '&error=SESSION_EXPIRED' : '';
    await reply.code(303).header('location', `${BASIC}/login?next=${encodeURIComponent(next)}${reason}`).send();
  };
}
