// Folder management: POST creates, PATCH renames, DELETE deletes (with its subfolders); the
// subscription route (un)subscribes. Each answers the new folder tree.
import type { FastifyInstance } from 'fastify';
import {
  type CreateFolderRequest, type FoldersResponse, MESSAGE_API, type RenameFolderRequest, type SubscribeRequest,
} from '../../../src/shared/api.js';
import { mailContext, requireSession } from '../../session/plugin.js';
import type { Services } from '../../services.js';
import { folderPath, strictObject } from '../mail-schemas.js';

/** Bounded only: the name's own rules (FOLDER_NAME_INVALID) are checked by the service. */
const folderName = { type: 'string', maxLength: 1000 } as const;

const createSchema = { body: strictObject({ parent: { ...folderPath, minLength: 0 }, name: folderName }) };
const renameSchema = { body: strictObject({ path: folderPath, newName: folderName }) };
const deleteSchema = { querystring: strictObject({ path: folderPath }) };
const subscribeSchema = { body: strictObject({ path: folderPath, subscribed: { type: 'boolean' } }) };

export async function folderAdminRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { mail } = services;
  const preHandler = requireSession(services.sessions);

  app.post<{ Body: CreateFolderRequest }>(MESSAGE_API.folder, { schema: createSchema, preHandler }, async (request): Promise<FoldersResponse> => ({
    folders: await mail.createFolder(mailContext(request), request.body),
  }));

  app.patch<{ Body: RenameFolderRequest }>(MESSAGE_API.folder, { schema: renameSchema, preHandler }, async (request): Promise<FoldersResponse> => ({
    folders: await mail.renameFolder(mailContext(request), request.body),
  }));

  app.delete<{ Querystring: { path: string } }>(MESSAGE_API.folder, { schema: deleteSchema, preHandler }, async (request): Promise<FoldersResponse> => ({
    folders: await mail.deleteFolder(mailContext(request), request.query.path),
  }));

  app.post<{ Body: SubscribeRequest }>(MESSAGE_API.subscription, { schema: subscribeSchema, preHandler }, async (request): Promise<FoldersResponse> => ({
    folders: await mail.setSubscription(mailContext(request), request.body),
  }));
}
