// /basic/compose: writing mail without JavaScript. GET shows the form (new, a prepared reply or
// forward, a draft to continue); POST takes the whole form with its files, keeps what was typed
// (compose-forms.ts), then attaches, saves a draft or sends through the same compose service the
// SPA uses, and redirects. A refusal redirects back to the form with everything still in it.
import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComposeMessage, DraftContent } from '../../src/shared/api.js';
import { splitAddressList } from '../../src/shared/address.js';
import { ERRORS, isErrorCode, type ErrorCode } from '../../src/shared/errors.js';
import { errorMessage } from '../../src/shared/i18n/translate.js';
import { Failure } from '../failure.js';
import { validTimeZone } from '../mail/reply-content.js';
import { assertSameOrigin, mailContext } from '../session/plugin.js';
import type { Services } from '../services.js';
import { ComposeForms, EMPTY_FORM, type ComposeForm } from './compose-forms.js';
import { composeMultipartLimits, readComposePost, type PostedCompose } from './compose-multipart.js';
import { composeBody, COMPOSE_PAGE, composeTitle } from './compose-page.js';
import { requireBasicSession } from './guard.js';
import { html } from './html.js';
import { BASIC, pageContext, redirectTo, renderBasic, sendBasic } from './layout.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KINDS = ['reply', 'replyAll', 'forward'] as const;
type Kind = (typeof KINDS)[number];

/** After sending: the inbox, with the reading pages' "sent" note. */
export const SENT_LOCATION = `${BASIC}/mail?folder=INBOX&done=sent`;

/** A UID as IMAP allows it (RFC 3501 §2.3.1.1), or undefined. */
function uidOf(value: unknown): number | undefined {
  const uid = Number(value);
  return typeof value === 'string' && /^\d{1,10}$/.test(value) && uid >= 1 && uid <= 4294967295 ? uid : undefined;
}

/** A folder path fit for an IMAP command: bounded, no control characters. */
function folderOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 1000 && !/[\u0000-\u001f\u007f]/.test(value) ? value : undefined;
}

function originalOf(folder: unknown, uid: unknown, kind: unknown): ComposeMessage['original'] {
  const path = folderOf(folder);
  const number = uidOf(uid);
  return path && number && KINDS.includes(kind as Kind) ? { folder: path, uid: number, kind: kind as Kind } : undefined;
}

function formOf(content: DraftContent, draftUid?: number): ComposeForm {
  return {
    to: content.to.join(', '),
    cc: content.cc.join(', '),
    bcc: content.bcc.join(', '),
    subject: content.subject,
    text: content.text,
    attachments: content.attachments.map(({ id, filename, size }) => ({ id, filename, size })),
    ...(content.original ? { original: content.original } : {}),
    ...(draftUid !== undefined ? { draftUid } : {}),
  };
}

/** The typed form as the compose service takes it. */
function messageOf(composeId: string, form: ComposeForm): ComposeMessage {
  return {
    composeId,
    to: splitAddressList(form.to),
    cc: splitAddressList(form.cc),
    bcc: splitAddressList(form.bcc),
    subject: form.subject,
    // Browsers submit a textarea's line breaks as CRLF (HTML §4.10.21.8); the composer wants LF.
    text: form.text.replace(/\r\n?/g, '\n'),
    attachments: form.attachments.map((file) => file.id),
    ...(form.original ? { original: form.original } : {}),
  };
}

const formHref = (composeId: string, extra: Record<string, string> = {}) => `${COMPOSE_PAGE}?${new URLSearchParams({ compose: composeId, ...extra })}`;

export async function basicCompose(app: FastifyInstance, services: Services): Promise<void> {
  const { mail, config } = services;
  const forms = new ComposeForms();
  const guard = requireBasicSession(services);
  // Scoped to this plugin: only the compose form is parsed as multipart here.
  await app.register(multipart, { limits: composeMultipartLimits(config.maxAttachmentBytes, config.maxMessageBytes), throwFileSizeLimit: false });

  /** A request refused before anything in it was used (CSRF): a page that says so, nothing kept. */
  function refuse(request: FastifyRequest, reply: FastifyReply, code: ErrorCode) {
    const ctx = pageContext(request, reply);
    const body = html`<h1>${ctx.tr('compose.title')}</h1>
<p class="error" role="alert">${errorMessage(ctx.locale, code)}</p>
<p><a href="${COMPOSE_PAGE}">${ctx.tr('compose.new')}</a></p>`;
    return sendBasic(reply, ERRORS[code].status || 400, renderBasic(ctx, ctx.tr('compose.title'), body));
  }

  app.get(COMPOSE_PAGE, { preHandler: guard }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const session = mailContext(request);
    const ctx = pageContext(request, reply);
    // Preparing a reply, forward or draft copies attachments: done once, then the form has its
    // own address, so a reload shows the same message instead of preparing it again.
    const original = originalOf(query.folder, query.uid, query.kind);
    const draftFolder = folderOf(query.folder);
    const draftUid = uidOf(query.draft);
    if (original || (draftFolder && draftUid)) {
      const composeId = randomUUID();
      try {
        const content = original
          ? await mail.compose.start(session, { composeId, original }, { locale: ctx.locale, timeZone: validTimeZone(undefined) })
          : await mail.compose.loadDraft(session, draftFolder!, draftUid!, composeId);
        forms.set(session.sessionKey, composeId, formOf(content, original ? undefined : draftUid));
        return redirectTo(reply, formHref(composeId));
      } catch (error) {
        if (!(error instanceof Failure)) throw error;
        return redirectTo(reply, `${COMPOSE_PAGE}?${new URLSearchParams({ error: error.code })}`);
      }
    }
    const asked = typeof query.compose === 'string' ? query.compose.toLowerCase() : '';
    const composeId = UUID.test(asked) ? asked : randomUUID();
    const form = forms.get(session.sessionKey, composeId) ?? EMPTY_FORM;
    const view = {
      composeId,
      form,
      error: isErrorCode(query.error) ? query.error : null,
      done: query.done === 'draftSaved' ? ('draftSaved' as const) : null,
      limitBytes: config.maxAttachmentBytes,
      maxMessageBytes: config.maxMessageBytes,
    };
    return sendBasic(reply, 200, renderBasic(ctx, composeTitle(ctx, form), composeBody(ctx, view)));
  });

  app.post(COMPOSE_PAGE, { preHandler: guard }, async (request, reply) => {
    try {
      assertSameOrigin(request);
    } catch {
      return refuse(request, reply, 'CSRF_REJECTED');
    }
    const session = mailContext(request);
    const posted: PostedCompose = await readComposePost(request, mail.compose.uploads, session.sessionKey, config.maxMessageBytes);
    if (!posted.verified) return refuse(request, reply, 'CSRF_REJECTED');
    if (!posted.composeId) return refuse(request, reply, 'BAD_REQUEST');
    const composeId = posted.composeId;
    const fields = posted.fields;

    // What the user typed is kept before anything can refuse it.
    const previous = forms.get(session.sessionKey, composeId) ?? EMPTY_FORM;
    const removed = new Set(posted.remove);
    for (const id of removed) await mail.compose.uploads.remove(session.sessionKey, composeId, id);
    const original = originalOf(fields.originalFolder, fields.originalUid, fields.originalKind);
    const draftUid = uidOf(fields.draftUid);
    const form: ComposeForm = {
      to: fields.to ?? '',
      cc: fields.cc ?? '',
      bcc: fields.bcc ?? '',
      subject: fields.subject ?? '',
      text: (fields.text ?? '').replace(/\r\n?/g, '\n'),
      attachments: [
        ...previous.attachments.filter((file) => !removed.has(file.id)),
        ...posted.uploaded.map(({ id, filename, size }) => ({ id, filename, size })),
      ],
      ...(original ? { original } : {}),
      ...(draftUid !== undefined ? { draftUid } : {}),
    };
    forms.set(session.sessionKey, composeId, form);
    const back = (code: ErrorCode) => redirectTo(reply, formHref(composeId, { error: code }));
    if (posted.refusal) return back(posted.refusal);

    try {
      if (fields.action === 'send') {
        await mail.compose.send(session, { ...messageOf(composeId, form), ...(draftUid !== undefined ? { draftUid } : {}) }, request.log);
        forms.drop(session.sessionKey, composeId);
        return redirectTo(reply, SENT_LOCATION);
      }
      if (fields.action === 'draft') {
        const saved = await mail.compose.saveDraft(session, { ...messageOf(composeId, form), ...(draftUid !== undefined ? { replaceUid: draftUid } : {}) }, request.log);
        const { draftUid: _replaced, ...rest } = form;
        forms.set(session.sessionKey, composeId, saved.uid !== null ? { ...rest, draftUid: saved.uid } : rest);
        return redirectTo(reply, formHref(composeId, { done: 'draftSaved' }));
      }
      return redirectTo(reply, formHref(composeId));
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      request.log.info({ code: error.code, ...error.context }, 'basic compose refused');
      return back(error.code);
    }
  });
}
