// /api/messages: list windows, raw source, part downloads, and flag/move/delete actions.
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import {
  type ActionResponse, type DeleteRequest, type FlagsRequest, type ListQuery, MESSAGE_API, type MessageListResponse, type MoveRequest,
} from '../../../src/shared/api.js';
import { PAGE_SIZE } from '../../../src/shared/limits.js';
import { mailContext, requireSession } from '../../session/plugin.js';
import type { Services } from '../../services.js';
import { folderPath, NO_CONTROL_CHARACTERS, strictObject, uid, uids } from '../mail-schemas.js';

const FLAG_NAMES = { type: 'array', maxItems: 5, uniqueItems: true, items: { enum: ['seen', 'flagged', 'answered', 'forwarded', 'draft'] } } as const;

const listSchema = {
  querystring: strictObject(
    {
      folder: folderPath,
      offset: { type: 'integer', minimum: 0, maximum: 4294967295, default: 0 },
      limit: { type: 'integer', minimum: 1, maximum: 200, default: PAGE_SIZE },
      sort: { enum: ['arrival', 'date', 'from', 'subject', 'size'] },
      order: { enum: ['asc', 'desc'] },
      q: { type: 'string', maxLength: 200, pattern: NO_CONTROL_CHARACTERS },
      filter: { enum: ['all', 'unread', 'flagged'] },
    },
    ['offset', 'limit', 'sort', 'order', 'q', 'filter'],
  ),
};

const sourceSchema = { querystring: strictObject({ folder: folderPath, uid, full: { enum: ['0', '1'] } }, ['full']) };

// An IMAP section number (RFC 3501 §6.4.5): "2", "1.2", …
const partSchema = {
  querystring: strictObject({ folder: folderPath, uid, part: { type: 'string', maxLength: 100, pattern: '^[1-9]\\d{0,5}(\\.[1-9]\\d{0,5})*$' } }),
};

const flagsSchema = { body: strictObject({ folder: folderPath, uids, add: FLAG_NAMES, remove: FLAG_NAMES }, ['add', 'remove']) };
const moveSchema = { body: strictObject({ folder: folderPath, uids, target: folderPath }) };
const deleteSchema = { body: strictObject({ folder: folderPath, uids }) };

/** Headers of every raw download: never sniffed, never cached, never shown in our origin. */
const DOWNLOAD_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
};

export async function messageRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { mail } = services;
  const preHandler = requireSession(services.sessions);

  app.get<{ Querystring: ListQuery }>(MESSAGE_API.list, { schema: listSchema, preHandler }, (request): Promise<MessageListResponse> =>
    mail.listMessages(mailContext(request), request.query),
  );

  app.get<{ Querystring: { folder: string; uid: number; full?: '0' | '1' } }>(MESSAGE_API.source, { schema: sourceSchema, preHandler }, async (request, reply) => {
    const { folder, uid: messageUid, full } = request.query;
    const source = await mail.messageSource(mailContext(request), folder, messageUid, full === '1');
    // Always a download, never a page: a message opened directly must not render as MHTML.
    reply
      .headers(DOWNLOAD_HEADERS)
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', contentDisposition(`message-${messageUid}.eml`))
      .type('message/rfc822');
    return reply.send(source.body);
  });

  app.get<{ Querystring: { folder: string; uid: number; part: string } }>(MESSAGE_API.part, { schema: partSchema, preHandler }, async (request, reply) => {
    const { folder, uid: messageUid, part } = request.query;
    const download = await mail.messagePart(mailContext(request), folder, messageUid, part);
    reply
      .headers(DOWNLOAD_HEADERS)
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', contentDisposition(download.fileName))
      .type(download.contentType);
    return reply.send(download.stream);
  });

  app.post<{ Body: FlagsRequest }>(MESSAGE_API.flags, { schema: flagsSchema, preHandler }, (request): Promise<ActionResponse> =>
    mail.setFlags(mailContext(request), request.body),
  );

  app.post<{ Body: MoveRequest }>(MESSAGE_API.move, { schema: moveSchema, preHandler }, (request): Promise<ActionResponse> =>
    mail.moveMessages(mailContext(request), request.body),
  );

  app.post<{ Body: DeleteRequest }>(MESSAGE_API.delete, { schema: deleteSchema, preHandler }, (request): Promise<ActionResponse> =>
    mail.deleteMessages(mailContext(request), request.body),
  );
}
