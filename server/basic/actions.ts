// POST /basic/mail/action: mark read/unread, flag, move, spam and delete for the checked
// messages (or the one being read), then a 303 back to the page it came from with the outcome
// in the query. Deleting where it is for good (in Trash) asks first on a page of its own.
import type { FastifyInstance } from 'fastify';
import type { ActionResponse } from '../../src/shared/api.js';
import { Failure } from '../failure.js';
import type { MailContext } from '../mail/service.js';
import { assertFormToken } from '../session/form-csrf.js';
import { assertSameOrigin, mailContext } from '../session/plugin.js';
import type { Services } from '../services.js';
import { ACTIONS, deletesForGood, type Action } from './action-form.js';
import { requireBasicSession } from './guard.js';
import { html } from './html.js';
import { BASIC, pageContext, redirectTo, renderBasic, sendBasic } from './layout.js';
import { listHref, DEFAULTS, folderParam, uidParam, withOutcome } from './list-url.js';
import { findFolder } from '../../src/shared/folders.js';
import { safeNext } from './login.js';
import type { Result } from './outcome.js';

type Form = Record<string, string | string[] | undefined>;

/** Same bound as the JSON API (server/api/mail-schemas.ts). */
const MAX_UIDS = 1000;

function uidsOf(value: unknown): number[] | null {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const uids = [...new Set(values.map(uidParam))];
  return uids.length <= MAX_UIDS && uids.every((uid) => uid !== null) ? (uids as number[]) : null;
}

function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Runs one action; null when it must be confirmed first. */
async function run(services: Services, ctx: MailContext, action: Action, folder: string, uids: number[], form: Form): Promise<[Result, ActionResponse] | null> {
  const { mail } = services;
  const flags = (result: Result, change: { add?: ['seen' | 'flagged']; remove?: ['seen' | 'flagged'] }) =>
    mail.setFlags(ctx, { folder, uids, ...change }).then((r): [Result, ActionResponse] => [result, r]);
  switch (action) {
    case 'read':
      return flags('read', { add: ['seen'] });
    case 'unread':
      return flags('unread', { remove: ['seen'] });
    case 'flag':
      return flags('flagged', { add: ['flagged'] });
    case 'unflag':
      return flags('unflagged', { remove: ['flagged'] });
    case 'move': {
      const target = folderParam(form.target);
      if (!target) throw new Failure('BAD_REQUEST', { reason: 'no move target' });
      return ['moved', await mail.moveMessages(ctx, { folder, uids, target })];
    }
    case 'spam':
      return ['spam', await mail.moveMessages(ctx, { folder, uids, target: 'junk' })];
    case 'delete': {
      const folders = await mail.folders(ctx);
      const forGood = deletesForGood(folders, findFolder(folders, folder) ?? null);
      if (forGood && form.confirm !== '1') return null;
      return [forGood ? 'expunged' : 'deleted', await mail.deleteMessages(ctx, { folder, uids })];
    }
  }
}

export async function basicActions(app: FastifyInstance, services: Services): Promise<void> {
  const preHandler = requireBasicSession(services);

  app.post<{ Body: Form }>(`${BASIC}/mail/action`, { preHandler }, async (request, reply) => {
    const form = request.body ?? {};
    const folder = folderParam(form.folder);
    const back = safeNext(single(form.back) ?? (folder ? listHref({ folder, ...DEFAULTS }) : undefined));
    try {
      assertSameOrigin(request);
      assertFormToken(request, form._csrf);
      const action = ACTIONS.find((a) => a === form.action);
      const uids = uidsOf(form.uid);
      if (!folder || !action || !uids) throw new Failure('BAD_REQUEST', { reason: 'bad action form' });
      if (uids.length === 0) return redirectTo(reply, withOutcome(back, { done: 'none' }));
      const outcome = await run(services, mailContext(request), action, folder, uids, form);
      if (!outcome) {
        const confirm = new URLSearchParams({ folder, back });
        uids.forEach((uid) => confirm.append('uid', String(uid)));
        return redirectTo(reply, `${BASIC}/mail/confirm?${confirm}`);
      }
      const [done, result] = outcome;
      // After the message being read was moved away (or marked unread), its page is no place to go back to.
      const leaves = done === 'moved' || done === 'spam' || done === 'deleted' || done === 'expunged' || done === 'unread';
      const target = leaves && single(form.list) ? safeNext(single(form.list)) : back;
      return redirectTo(reply, withOutcome(target, { done, count: result.done.length, missing: result.missing.length }));
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      request.log.info({ code: error.code, ...error.context }, 'basic action refused');
      return redirectTo(reply, withOutcome(back, { error: error.code }));
    }
  });

  app.get(`${BASIC}/mail/confirm`, { preHandler }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const query = request.query as Record<string, unknown>;
    const folder = folderParam(query.folder);
    const uids = uidsOf(query.uid);
    const back = safeNext(single(query.back));
    if (!folder || !uids || uids.length === 0) return redirectTo(reply, withOutcome(back, { done: 'none' }));
    const body = html`<section class="card">
<h1>${ctx.tr('action.deleteForever')}</h1>
<p>${ctx.tr('action.confirmDeleteForever', { count: uids.length })}</p>
<form method="post" action="${BASIC}/mail/action">
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<input type="hidden" name="folder" value="${folder}">
<input type="hidden" name="back" value="${back}">
<input type="hidden" name="confirm" value="1">
${uids.map((uid) => html`<input type="hidden" name="uid" value="${uid}">`)}
<button type="submit" name="action" value="delete">${ctx.tr('action.deleteForever')}</button>
</form>
<p><a href="${back}">${ctx.tr('basic.cancel')}</a></p>
</section>`;
    return sendBasic(reply, 200, renderBasic(ctx, ctx.tr('action.deleteForever'), body));
  });
}
