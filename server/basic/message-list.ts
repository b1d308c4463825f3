// GET /basic/mail: the folder list with unread counts, and one page of a folder's messages as a
// table, with paging, sorting, search and the unread/flagged filter in the URL. The table sits
// in one POST form, so checked messages can be marked, moved or deleted together.
import { findFolder } from '../../src/shared/folders.js';
import type { FastifyInstance } from 'fastify';
import type { Folder, MessageListResponse, MessageRow } from '../../src/shared/api.js';
import { formatBytes } from '../../src/shared/i18n/translate.js';
import { PAGE_SIZE } from '../../src/shared/limits.js';
import { mailContext } from '../session/plugin.js';
import type { Services } from '../services.js';
import { actionButtons } from './action-form.js';
import { folderName, folderNav } from './folders.js';
import { requireBasicSession } from './guard.js';
import { html, type Html } from './html.js';
import { BASIC, pageContext, redirectTo, renderBasic, sendBasic, type PageContext } from './layout.js';
import { listHref, listState, messageHref, outcomeParams, withOutcome, type ListState } from './list-url.js';
import { outcomeNote, sendFailurePage } from './outcome.js';

/** Dates in the user's language; the server does not know the user's zone, so UTC, said so. */
export function formatDate(ctx: PageContext, iso: string | null): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}

function statusWords(ctx: PageContext, row: MessageRow): string {
  const words = [
    !row.flags.seen && ctx.tr('list.unread'),
    row.flags.flagged && ctx.tr('list.flagged'),
    row.flags.answered && ctx.tr('list.answered'),
    row.hasAttachment && ctx.tr('list.attachment'),
  ];
  return words.filter(Boolean).join(', ');
}

function rowHtml(ctx: PageContext, folder: string, row: MessageRow): Html {
  const sender = row.from ? row.from.name || row.from.address : ctx.tr('list.unknownSender');
  const subject = row.subject || ctx.tr('list.noSubject');
  return html`<tr${row.flags.seen ? null : html` class="unread"`}>
<td><input type="checkbox" name="uid" value="${row.uid}" aria-label="${ctx.tr('list.select', { sender, subject })}"></td>
<td>${statusWords(ctx, row)}</td>
<td>${sender}</td>
<td><a href="${messageHref(folder, row.uid)}">${subject}</a></td>
<td>${formatDate(ctx, row.date)}</td>
<td>${formatBytes(ctx.locale, row.size)}</td>
</tr>`;
}

function searchForm(ctx: PageContext, state: ListState): Html {
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}"${value === current ? html` selected` : null}>${label}</option>`;
  return html`<form method="get" action="${BASIC}/mail" class="list-controls" role="search">
<input type="hidden" name="folder" value="${state.folder}">
<label for="q">${ctx.tr('list.search')}</label>
<input id="q" name="q" type="search" maxlength="200" value="${state.q}">
<label for="sort">${ctx.tr('list.sort')}</label>
<select id="sort" name="sort">${(['arrival', 'date', 'from', 'subject', 'size'] as const).map((s) => option(s, ctx.tr(`list.sort.${s}`), state.sort))}</select>
<label for="order">${ctx.tr('basic.order')}</label>
<select id="order" name="order">${(['desc', 'asc'] as const).map((o) => option(o, ctx.tr(`list.order.${o}`), state.order))}</select>
<label for="filter">${ctx.tr('basic.show')}</label>
<select id="filter" name="filter">${(['all', 'unread', 'flagged'] as const).map((f) => option(f, ctx.tr(`list.filter.${f}`), state.filter))}</select>
<button type="submit">${ctx.tr('list.searchButton')}</button>
</form>`;
}

function filterLinks(ctx: PageContext, state: ListState): Html {
  const links = (['all', 'unread', 'flagged'] as const).map((filter) =>
    filter === state.filter
      ? html`<li><strong aria-current="true">${ctx.tr(`list.filter.${filter}`)}</strong></li>`
      : html`<li><a href="${listHref(state, { filter, page: 1 })}">${ctx.tr(`list.filter.${filter}`)}</a></li>`,
  );
  return html`<nav aria-label="${ctx.tr('basic.show')}"><ul class="filters">${links}</ul></nav>`;
}

function paging(ctx: PageContext, state: ListState, list: MessageListResponse): Html {
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  return html`<nav class="paging" aria-label="${ctx.tr('basic.pages')}">
${state.page > 1 ? html`<a rel="prev" href="${listHref(state, { page: Math.min(state.page - 1, pages) })}">${ctx.tr('basic.previous')}</a>` : null}
<span>${ctx.tr('basic.pageOf', { page: state.page, pages })}</span>
${state.page < pages ? html`<a rel="next" href="${listHref(state, { page: state.page + 1 })}">${ctx.tr('basic.next')}</a>` : null}
</nav>`;
}

export async function basicMessageList(app: FastifyInstance, services: Services): Promise<void> {
  app.get(`${BASIC}/mail`, { preHandler: requireBasicSession(services) }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const query = request.query as Record<string, unknown>;
    const state = listState(query);
    let folders: Folder[] = [];
    try {
      folders = await services.mail.folders(mailContext(request));
      const list = await services.mail.listMessages(mailContext(request), {
        folder: state.folder,
        offset: (state.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
        sort: state.sort,
        order: state.order,
        filter: state.filter,
        ...(state.q ? { q: state.q } : {}),
      });
      const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
      // Past the end (the last page was emptied by an action): the last page, with the outcome kept.
      if (state.page > pages) return await redirectTo(reply, withOutcome(listHref(state, { page: pages }), outcomeParams(query)));
      const current = findFolder(folders, state.folder) ?? null;
      const title = current ? folderName(ctx, current) : state.folder;
      const back = listHref(state);
      const body = html`<div class="basic-layout">
${folderNav(ctx, folders, state.folder)}
<section class="basic-content" aria-labelledby="list-title">
<h1 id="list-title">${title}</h1>
${outcomeNote(ctx, query)}
<p><a href="${BASIC}/compose">${ctx.tr('compose.new')}</a></p>
${searchForm(ctx, state)}
${filterLinks(ctx, state)}
<p>${list.total === 1 ? ctx.tr('list.countOne') : ctx.tr('list.count', { count: list.total })}${state.q ? html` – ${ctx.tr('basic.searchFor', { q: state.q })}` : null}</p>
<form method="post" action="${BASIC}/mail/action" class="list-form">
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="folder" value="${state.folder}">
<input type="hidden" name="back" value="${back}">
${actionButtons(ctx, folders, current, true)}
${list.rows.length === 0
  ? html`<p>${ctx.tr('list.empty')}</p>`
  : html`<table>
<caption>${ctx.tr('list.label')}</caption>
<thead><tr><th scope="col">${ctx.tr('basic.select')}</th><th scope="col">${ctx.tr('basic.status')}</th><th scope="col">${ctx.tr('message.from')}</th><th scope="col">${ctx.tr('list.sort.subject')}</th><th scope="col">${ctx.tr('message.date')}</th><th scope="col">${ctx.tr('list.sort.size')}</th></tr></thead>
<tbody>${list.rows.map((row) => rowHtml(ctx, state.folder, row))}</tbody>
</table>`}
</form>
${paging(ctx, state, list)}
</section>
</div>`;
      return sendBasic(reply, 200, renderBasic(ctx, title, body));
    } catch (error) {
      return sendFailurePage(ctx, reply, error, folders.length > 0 ? folderNav(ctx, folders, null) : null);
    }
  });
}
