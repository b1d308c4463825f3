// /api/compose: attachment uploads, send, drafts, reply/forward preparation, address suggestions.
// Every route needs a session; POST and DELETE also its CSRF token (requireSession).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type AddressSuggestion, COMPOSE_API, type DraftContent, type SaveDraftRequest, type SaveDraftResponse, type SendRequest, type SendResponse,
  type OpenDraftRequest, type StartComposeRequest, type UploadedAttachment,
} from '../../../src/shared/api.js';
import { detectLocale, type Locale } from '../../../src/shared/i18n/translate.js';
import { Failure } from '../../failure.js';
import { validTimeZone } from '../../mail/reply-content.js';
import { mailContext, requireSession } from '../../session/plugin.js';
import type { Services } from '../../services.js';
import {
  contactsSchema, loadDraftSchema, removeUploadSchema, saveDraftSchema, sendSchema, startSchema, uploadSchema,
} from './schemas.js';

/** The form field that carries the file (COMPOSE_API.attachments). */
const FILE_FIELD = 'file';

function requestLocale(request: FastifyRequest, asked: Locale | undefined): Locale {
  return detectLocale(asked, String(request.headers['accept-language'] ?? '').split(','));
}

export async function composeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { mail, sessions, config } = services;
  const session = requireSession(sessions);
  // Scoped to this plugin: only the upload route parses multipart bodies. One file, a few
  // small fields at most; the file size limit is set per request to the bytes still allowed.
  await app.register(multipart, { limits: { files: 1, fields: 4, parts: 5, fieldSize: 1024, headerPairs: 20 } });
  // JSON bodies of send and draft carry the text (and HTML) of a message: allow up to the
  // message limit; the composed message is measured again before it is submitted.
  const messageBodyLimit = config.maxMessageBytes;

  app.post<{ Querystring: { compose: string } }>(COMPOSE_API.attachments, { schema: uploadSchema, preHandler: session }, async (request): Promise<UploadedAttachment> => {
    const ctx = mailContext(request);
    return mail.compose.uploads.receive(ctx.sessionKey, request.query.compose.toLowerCase(), async (remainingBytes) => {
      const part = await request.file({ limits: { fileSize: remainingBytes }, throwFileSizeLimit: false });
      if (!part) return undefined;
      if (part.fieldname !== FILE_FIELD) {
        part.file.resume();
        throw new Failure('BAD_REQUEST', { reason: `upload field "${part.fieldname}" is not "${FILE_FIELD}"` });
      }
      return { stream: part.file, filename: part.filename, contentType: part.mimetype, truncated: () => part.file.truncated };
    });
  });

  app.delete<{ Querystring: { compose: string; id: string } }>(COMPOSE_API.attachments, { schema: removeUploadSchema, preHandler: session }, async (request, reply) => {
    await mail.compose.uploads.remove(mailContext(request).sessionKey, request.query.compose.toLowerCase(), request.query.id);
    return reply.code(204).send();
  });

  app.post<{ Body: SendRequest }>(COMPOSE_API.send, { schema: sendSchema, preHandler: session, bodyLimit: messageBodyLimit }, async (request): Promise<SendResponse> => {
    return mail.compose.send(mailContext(request), { ...request.body, composeId: request.body.composeId.toLowerCase() }, request.log);
  });

  app.post<{ Body: SaveDraftRequest }>(COMPOSE_API.draft, { schema: saveDraftSchema, preHandler: session, bodyLimit: messageBodyLimit }, async (request): Promise<SaveDraftResponse> => {
    return mail.compose.saveDraft(mailContext(request), { ...request.body, composeId: request.body.composeId.toLowerCase() }, request.log);
  });

  app.post<{ Body: OpenDraftRequest }>(COMPOSE_API.openDraft, { schema: loadDraftSchema, preHandler: session }, async (request): Promise<DraftContent> => {
    const { folder, uid, compose } = request.body;
    return mail.compose.loadDraft(mailContext(request), folder, uid, compose.toLowerCase());
  });

  app.post<{ Body: StartComposeRequest; Querystring: { lang?: Locale; tz?: string } }>(
    COMPOSE_API.start,
    { schema: startSchema, preHandler: session },
    async (request): Promise<DraftContent> => {
      const style = { locale: requestLocale(request, request.query.lang), timeZone: validTimeZone(request.query.tz) };
      return mail.compose.start(mailContext(request), { ...request.body, composeId: request.body.composeId.toLowerCase() }, style);
    },
  );

  app.get<{ Querystring: { q: string } }>(COMPOSE_API.contacts, { schema: contactsSchema, preHandler: session }, async (request): Promise<AddressSuggestion[]> => {
    return mail.compose.contacts(mailContext(request), request.query.q);
  });
}
