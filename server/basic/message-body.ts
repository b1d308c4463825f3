// GET /basic/message/body: the sanitized body of one message as a whole document, for the
// message page's <iframe sandbox>. Its own CSP header allows nothing but inline styles and the
// message's own (data:) images — web images only after the user chose to show them — and the
// CSP sandbox keeps it scriptless and opaque even when opened on its own, outside the frame.
import type { FastifyInstance } from 'fastify';
import { renderPlainText } from '../../src/shared/plain-text.js';
import { MAIL_FRAME_SANDBOX, type SanitizedMail } from '../../src/shared/sanitize/index.js';
import { mailContext } from '../session/plugin.js';
import type { Services } from '../services.js';
import { requireBasicSession } from './guard.js';
import { BASIC, pageContext } from './layout.js';
import { folderParam, uidParam } from './list-url.js';
import { frameDocument, loadMessage, sanitizedBody } from './message-view.js';
import { sendFailurePage } from './outcome.js';

export const MESSAGE_BODY = `${BASIC}/message/body`;

export function bodyFrameCsp(allowRemote: boolean): string {
  const web = allowRemote ? ' https: http:' : '';
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src data:${web}`,
    ...(allowRemote ? [`font-src${web}`, `media-src${web}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
    // Only our own message page may frame it.
    "frame-ancestors 'self'",
    `sandbox ${MAIL_FRAME_SANDBOX}`,
  ].join('; ');
}

export function bodyHref(folder: string, uid: number, allowRemote: boolean): string {
  return `${MESSAGE_BODY}?${new URLSearchParams({ folder, uid: String(uid), remote: allowRemote ? '1' : '0' })}`;
}

export async function basicMessageBody(app: FastifyInstance, services: Services): Promise<void> {
  app.get(MESSAGE_BODY, { preHandler: requireBasicSession(services) }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const folder = folderParam(query.folder);
    const uid = uidParam(query.uid);
    const allowRemote = query.remote === '1';
    const ctx = pageContext(request, reply);
    try {
      if (!folder || uid === null) return await reply.code(400).type('text/plain; charset=utf-8').send('bad request');
      const message = await loadMessage(services.mail, mailContext(request), folder, uid);
      // A message without HTML is shown as plain text on the page itself; should the frame be asked for it, it gets the same text.
      const sanitized: SanitizedMail = (await sanitizedBody(message, allowRemote)) ?? {
        html: `<div style="white-space: pre-wrap; font-family: sans-serif">${renderPlainText(message.text)}</div>`,
        blocked: 0,
        cids: [],
        links: [],
      };
      return await reply
        .code(200)
        .header('content-security-policy', bodyFrameCsp(allowRemote))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .type('text/html; charset=utf-8')
        .send(frameDocument(sanitized, allowRemote));
    } catch (error) {
      return sendFailurePage(ctx, reply, error);
    }
  });
}
