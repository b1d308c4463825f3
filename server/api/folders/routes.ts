import type { FastifyInstance } from 'fastify';
import { API, type FoldersResponse } from '../../../src/shared/api.js';
import { mailContext, requireSession } from '../../session/plugin.js';
import type { Services } from '../../services.js';

export async function folderRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get(API.folders, { preHandler: requireSession(services.sessions) }, async (request): Promise<FoldersResponse> => {
    return { folders: await services.mail.folders(mailContext(request)) };
  });
}
