import type { FastifyInstance } from 'fastify';
import { API, type HealthResponse } from '../../../src/shared/api.js';
import type { Services } from '../../services.js';

export async function healthRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get(API.health, async (_request, reply): Promise<HealthResponse> => {
    const up = await services.mail.imapReachable();
    if (!up) reply.code(503);
    return { status: up ? 'ok' : 'degraded', imap: up ? 'up' : 'down' };
  });
}
