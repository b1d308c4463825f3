// What a POST did, shown on the page it redirected to: `?done=moved&count=2&missing=1` or
// `?error=CODE` in words of the user's language. And the page a GET shows when the mail server
// refuses it (a folder that vanished, a message deleted elsewhere) instead of a JSON error.
import type { FastifyReply } from 'fastify';
import { ERRORS, isErrorCode } from '../../src/shared/errors.js';
import { errorMessage, type MessageKey } from '../../src/shared/i18n/translate.js';
import { Failure } from '../failure.js';
import { html, type Html } from './html.js';
import { BASIC, renderBasic, sendBasic, type PageContext } from './layout.js';

export const RESULTS = ['read', 'unread', 'flagged', 'unflagged', 'moved', 'spam', 'deleted', 'expunged', 'none', 'sent'] as const;
export type Result = (typeof RESULTS)[number];

function count(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export function outcomeNote(ctx: PageContext, query: Record<string, unknown>): Html | null {
  if (isErrorCode(query.error)) return html`<p class="error" role="alert">${errorMessage(ctx.locale, query.error)}</p>`;
  const done = RESULTS.find((result) => result === query.done);
  if (!done) return null;
  const missing = count(query.missing);
  return html`<p class="notice" role="status">${ctx.tr(`basic.result.${done}` as MessageKey, { count: count(query.count) })}${
    missing > 0 ? html` ${ctx.tr('action.missing', { count: missing })}` : null
  }</p>`;
}

/** Answers a GET page whose mail operation failed with a Failure; anything else is re-thrown. */
export function sendFailurePage(ctx: PageContext, reply: FastifyReply, error: unknown, nav: Html | null = null) {
  if (!(error instanceof Failure)) throw error;
  reply.log.info({ code: error.code, ...error.context }, 'basic page failed');
  const body = html`${nav}<section class="basic-content"><h1>${ctx.tr('basic.failed')}</h1>
<p class="error" role="alert">${errorMessage(ctx.locale, error.code)}</p>
<p><a href="${BASIC}/mail">${ctx.tr('basic.toInbox')}</a></p></section>`;
  return sendBasic(reply, ERRORS[error.code].status || 500, renderBasic(ctx, ctx.tr('basic.failed'), body));
}
