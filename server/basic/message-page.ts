// GET /basic/message: one message — headers, sender check, the sanitized body in a sandboxed
// frame (or as plain text with &view=text), the remote-content bar, attachments, and the forms
// and links to act on it. Opening it marks it read: this handler is the user reading it.
import type { FastifyInstance } from 'fastify';
import type { Address, Folder } from '../../src/shared/api.js';
import type { AuthMethod } from '../../src/shared/authentication.js';
import { formatBytes } from '../../src/shared/i18n/translate.js';
import { renderPlainText } from '../../src/shared/plain-text.js';
import { MAIL_FRAME_SANDBOX } from '../../src/shared/sanitize/index.js';
import { Failure } from '../failure.js';
import { mailContext } from '../session/plugin.js';
import type { Services } from '../services.js';
import { actionButtons } from './action-form.js';
import { requireBasicSession } from './guard.js';
import { Html, html, PAGE_CSP } from './html.js';
import { BASIC, pageContext, renderBasic, sendBasic, type PageContext } from './layout.js';
import { DEFAULTS, folderParam, listHref, messageHref, uidParam } from './list-url.js';
import { bodyHref } from './message-body.js';
import { findFolder } from '../../src/shared/folders.js';
import { formatDate } from './message-list.js';
import { loadMessage, sanitizedBody, type BasicMessage } from './message-view.js';
import { outcomeNote, sendFailurePage } from './outcome.js';

/** PAGE_CSP plus the one thing this page needs: framing its own body route. */
export const MESSAGE_PAGE_CSP = `${PAGE_CSP}; frame-src 'self'`;

function addresses(list: Address[]): string {
  return list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
}

function headerList(ctx: PageContext, message: BasicMessage): Html {
  const rows: [string, string][] = [
    [ctx.tr('message.from'), addresses(message.from)],
    [ctx.tr('message.to'), addresses(message.to)],
    [ctx.tr('message.cc'), addresses(message.cc)],
    [ctx.tr('message.replyTo'), addresses(message.replyTo)],
    [ctx.tr('message.date'), formatDate(ctx, message.date)],
  ];
  return html`<dl class="headers">${rows.filter(([, value]) => value).map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

function senderCheck(ctx: PageContext, message: BasicMessage): Html | null {
  const entries = Object.entries(message.authentication) as [AuthMethod, string][];
  if (entries.length === 0) return null;
  const words = entries.map(([method, verdict]) => {
    const params = { method: method.toUpperCase(), verdict };
    return verdict === 'pass' ? ctx.tr('message.auth.pass', params) : verdict === 'fail' ? ctx.tr('message.auth.fail', params) : ctx.tr('message.auth.other', params);
  });
  return html`<p class="auth">${ctx.tr('basic.senderCheck')}: ${words.join(', ')}</p>`;
}

function attachmentList(ctx: PageContext, message: BasicMessage): Html | null {
  if (message.attachments.length === 0) return null;
  return html`<section aria-labelledby="attachments"><h2 id="attachments">${ctx.tr('message.attachments')}</h2><ul>${message.attachments.map(
    (a) => html`<li><a href="${a.href}" download>${ctx.tr('message.download', { name: a.filename || a.mimeType })}</a> (${a.mimeType}, ${formatBytes(ctx.locale, a.size)})</li>`,
  )}</ul></section>`;
}

export async function basicMessagePage(app: FastifyInstance, services: Services): Promise<void> {
  app.get(`${BASIC}/message`, { preHandler: requireBasicSession(services) }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const query = request.query as Record<string, unknown>;
    const folder = folderParam(query.folder);
    const uid = uidParam(query.uid);
    const allowRemote = query.remote === '1';
    const textView = query.view === 'text';
    try {
      if (!folder || uid === null) return await sendFailurePage(ctx, reply, new Failure('BAD_REQUEST'));
      const mail = mailContext(request);
      const message = await loadMessage(services.mail, mail, folder, uid);
      const folders = await services.mail.folders(mail);
      await services.mail.setFlags(mail, { folder, uids: [uid], add: ['seen'] }).catch((error: unknown) => request.log.info({ err: error }, 'could not mark read'));
      const current: Folder | null = findFolder(folders, folder) ?? null;
      const list = listHref({ folder, ...DEFAULTS });
      const here = messageHref(folder, uid, { ...(allowRemote ? { remote: '1' } : {}), ...(textView ? { view: 'text' } : {}) });
      const sanitized = textView ? null : await sanitizedBody(message, allowRemote);
      const subject = message.subject || ctx.tr('list.noSubject');
      const compose = (kind: string) => `${BASIC}/compose?${new URLSearchParams({ kind, folder, uid: String(uid) })}`;
      const body = html`<p><a href="${list}">${ctx.tr('message.back')}</a></p>
<article class="basic-message" aria-labelledby="subject">
<h1 id="subject">${subject}</h1>
${outcomeNote(ctx, query)}
${headerList(ctx, message)}
${senderCheck(ctx, message)}
<p class="compose-links"><a href="${compose('reply')}">${ctx.tr('compose.reply')}</a> <a href="${compose('replyAll')}">${ctx.tr('compose.replyAll')}</a> <a href="${compose('forward')}">${ctx.tr('compose.forward')}</a></p>
<form method="post" action="${BASIC}/mail/action" class="message-actions">
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="folder" value="${folder}">
<input type="hidden" name="uid" value="${uid}">
<input type="hidden" name="back" value="${here}">
<input type="hidden" name="list" value="${list}">
${actionButtons(ctx, folders, current, false)}
</form>
${sanitized && !allowRemote && sanitized.blocked > 0
  ? html`<p class="notice remote-bar">${ctx.tr('message.blocked', { count: sanitized.blocked })} <a href="${messageHref(folder, uid, { remote: '1' })}">${ctx.tr('message.showRemote')}</a></p>`
  : null}
<p class="views">${textView || message.html === null
  ? message.html === null ? null : html`<a href="${messageHref(folder, uid)}">${ctx.tr('basic.formattedView')}</a>`
  : html`<a href="${messageHref(folder, uid, { view: 'text' })}">${ctx.tr('basic.plainView')}</a>`}</p>
${sanitized
  ? // The frame's sandbox flags and the ones we refuse are explained at MAIL_FRAME_SANDBOX.
    html`<iframe class="mail-frame" sandbox="${MAIL_FRAME_SANDBOX}" src="${bodyHref(folder, uid, allowRemote)}" title="${ctx.tr('message.frameTitle')}"></iframe>`
  : // renderPlainText escapes every character of the mail; its only markup is its own.
    html`<div class="plain-body">${message.text.trim() ? new Html(renderPlainText(message.text)) : ctx.tr('basic.noText')}</div>`}
${attachmentList(ctx, message)}
</article>`;
      return await sendBasic(reply, 200, renderBasic(ctx, subject, body), MESSAGE_PAGE_CSP);
    } catch (error) {
      return sendFailurePage(ctx, reply, error);
    }
  });
}
