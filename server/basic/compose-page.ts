// The /basic compose form, and the links other /basic pages use to start one. One form does
// everything: Attach (upload and stay), Send, Save draft. The CSRF token and the compose id come
// first in the form so the server knows both before the first file byte arrives.
import type { ComposeKind } from '../../src/shared/api.js';
import type { ErrorCode } from '../../src/shared/errors.js';
import { errorMessage, formatBytes } from '../../src/shared/i18n/translate.js';
import { FORM_CSRF_FIELD } from '../session/form-csrf.js';
import type { ComposeForm } from './compose-forms.js';
import { COMPOSE_ID_FIELD, FILE_FIELD, REMOVE_FIELD } from './compose-multipart.js';
import { html, type Html } from './html.js';
import { BASIC, type PageContext } from './layout.js';

export const COMPOSE_PAGE = `${BASIC}/compose`;

export interface ComposeView {
  composeId: string;
  form: ComposeForm;
  error: ErrorCode | null;
  /** A note after an action that stayed on the form. */
  done: 'draftSaved' | null;
  limitBytes: number;
  maxMessageBytes: number;
}

/** Where to answer, answer all or forward a message. */
export function composeHref(kind: Exclude<ComposeKind, 'new'>, folder: string, uid: number): string {
  return `${COMPOSE_PAGE}?${new URLSearchParams({ kind, folder, uid: String(uid) })}`;
}

/** Where to continue writing a message kept in Drafts. */
export function draftHref(folder: string, uid: number): string {
  return `${COMPOSE_PAGE}?${new URLSearchParams({ draft: String(uid), folder })}`;
}

/**
 * The writing links of an open message: "Continue writing" for a message in the Drafts
 * folder, else Reply, Reply all and Forward. For the message view of the reading pages.
 */
export function composeLinks(ctx: PageContext, message: { folder: string; uid: number; inDrafts: boolean }): Html {
  const { folder, uid } = message;
  if (message.inDrafts) return html`<nav class="compose-links" aria-label="${ctx.tr('compose.new')}"><a href="${draftHref(folder, uid)}">${ctx.tr('compose.continueDraft')}</a></nav>`;
  return html`<nav class="compose-links" aria-label="${ctx.tr('compose.new')}">
  <a href="${composeHref('reply', folder, uid)}">${ctx.tr('compose.reply')}</a>
  <a href="${composeHref('replyAll', folder, uid)}">${ctx.tr('compose.replyAll')}</a>
  <a href="${composeHref('forward', folder, uid)}">${ctx.tr('compose.forward')}</a>
</nav>`;
}

export function composeTitle(ctx: PageContext, form: ComposeForm): string {
  const kind = form.original?.kind;
  return kind ? ctx.tr(`compose.${kind}`) : ctx.tr('compose.title');
}

function attachmentList(ctx: PageContext, view: ComposeView): Html {
  const used = view.form.attachments.reduce((sum, file) => sum + file.size, 0);
  const items = view.form.attachments.map(
    (file) => html`<li><input type="checkbox" id="remove-${file.id}" name="${REMOVE_FIELD}" value="${file.id}">
    <label for="remove-${file.id}">${ctx.tr('compose.remove', { name: file.filename })}</label>
    <span class="hint">(${formatBytes(ctx.locale, file.size)})</span></li>`,
  );
  return html`<fieldset class="basic-attachments">
  <legend>${ctx.tr('compose.attachmentsTotal', { used: formatBytes(ctx.locale, used), limit: formatBytes(ctx.locale, view.limitBytes) })}</legend>
  ${items.length > 0 ? html`<ul>${items}</ul>` : null}
  <label for="files">${ctx.tr('compose.attach')}</label>
  <input id="files" name="${FILE_FIELD}" type="file" multiple>
  <button type="submit" name="action" value="attach">${ctx.tr('basic.compose.attachNow')}</button>
</fieldset>`;
}

export function composeBody(ctx: PageContext, view: ComposeView): Html {
  const { form } = view;
  const original = form.original;
  const error = view.error
    ? errorMessage(ctx.locale, view.error, { limitBytes: view.error === 'MESSAGE_TOO_LARGE' ? view.maxMessageBytes : view.limitBytes })
    : null;
  // The first submit button is the one Enter in a text field presses: Attach, which only keeps
  // the form, so a stray Enter in the subject never sends a half-written message.
  return html`<h1>${composeTitle(ctx, form)}</h1>
${view.done ? html`<p class="notice" role="status">${ctx.tr(`basic.compose.${view.done}`)}</p>` : null}
${error ? html`<p class="error" role="alert">${error}</p>` : null}
<form method="post" action="${COMPOSE_PAGE}" enctype="multipart/form-data" class="basic-compose">
  <input type="hidden" name="${FORM_CSRF_FIELD}" value="${ctx.csrfToken}">
  <input type="hidden" name="${COMPOSE_ID_FIELD}" value="${view.composeId}">
  ${original
    ? html`<input type="hidden" name="originalFolder" value="${original.folder}">
  <input type="hidden" name="originalUid" value="${original.uid}">
  <input type="hidden" name="originalKind" value="${original.kind}">`
    : null}
  ${form.draftUid !== undefined ? html`<input type="hidden" name="draftUid" value="${form.draftUid}">` : null}
  <label for="to">${ctx.tr('compose.to')}</label>
  <input id="to" name="to" type="text" autocomplete="off" aria-describedby="address-hint" value="${form.to}">
  <p id="address-hint" class="hint">${ctx.tr('basic.compose.addressHint')}</p>
  <label for="cc">${ctx.tr('compose.cc')}</label>
  <input id="cc" name="cc" type="text" autocomplete="off" value="${form.cc}">
  <label for="bcc">${ctx.tr('compose.bcc')}</label>
  <input id="bcc" name="bcc" type="text" autocomplete="off" value="${form.bcc}">
  <label for="subject">${ctx.tr('compose.subject')}</label>
  <input id="subject" name="subject" type="text" maxlength="2000" value="${form.subject}">
  <label for="text">${ctx.tr('compose.body')}</label>
  ${/* HTML drops the first line break after <textarea>: one of our own keeps the text's own. */ null}
  <textarea id="text" name="text" rows="18" cols="72">
${form.text}</textarea>
  ${attachmentList(ctx, view)}
  <div class="basic-compose-actions">
    <button type="submit" name="action" value="send">${ctx.tr('compose.send')}</button>
    <button type="submit" name="action" value="draft">${ctx.tr('compose.saveDraft')}</button>
  </div>
</form>`;
}
