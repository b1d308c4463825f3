// /basic/settings: autoresponder, forwarding, spam and virus handling without JavaScript. The
// GET shows the settings as the mail server holds them; a POST saves and redirects (so a reload
// resends nothing), or shows the form again with what the user typed and the reasons.
import type { FastifyInstance } from 'fastify';
import { ERRORS, isErrorCode, type ErrorCode } from '../../src/shared/errors.js';
import { errorMessage } from '../../src/shared/i18n/translate.js';
import {
  MARKED_MAIL_ACTIONS,
  type MailboxSettings,
  type MailboxSettingsState,
  type MarkedMailAction,
} from '../../src/shared/mailbox-settings.js';
import { Failure } from '../failure.js';
import { assertFormToken } from '../session/form-csrf.js';
import { assertSameOrigin, mailContext } from '../session/plugin.js';
import type { Services } from '../services.js';
import { requireBasicSession } from './guard.js';
import { html, type Html } from './html.js';
import { BASIC, pageContext, redirectTo, renderBasic, sendBasic, type PageContext } from './layout.js';
import { sendFailurePage } from './outcome.js';

export const BASIC_SETTINGS = `${BASIC}/settings`;

type Field = string | string[] | undefined;
interface SettingsForm {
  _csrf?: Field;
  autoreplyActive?: Field;
  subjectPrefix?: Field;
  message?: Field;
  startDate?: Field;
  endDate?: Field;
  afterEnd?: Field;
  targets?: Field;
  keepCopy?: Field;
  spam?: Field;
  virus?: Field;
  replaceActive?: Field;
}

function text(value: Field, max: number): string {
  const single = Array.isArray(value) ? value[0] : value;
  return typeof single === 'string' ? single.slice(0, max) : '';
}

function action(value: Field): MarkedMailAction {
  return MARKED_MAIL_ACTIONS.find((a) => a === text(value, 10)) ?? 'deliver';
}

/** The settings as the form says them; the rules are checked by the service. */
export function settingsFromForm(form: SettingsForm): { settings: MailboxSettings; targetsText: string } {
  const targetsText = text(form.targets, 20_000);
  const date = (value: Field) => text(value, 10).trim() || null;
  return {
    targetsText,
    settings: {
      autoresponder: {
        active: text(form.autoreplyActive, 3) === 'on',
        subjectPrefix: text(form.subjectPrefix, 1000),
        message: text(form.message, 10_000).replace(/\r\n/g, '\n'),
        startDate: date(form.startDate),
        endDate: date(form.endDate),
        afterEnd: text(form.afterEnd, 10) === 'delete' ? 'delete' : 'deactivate',
      },
      forwarding: { targets: targetsText.split(/[\r\n,;]+/).map((t) => t.trim()).filter(Boolean), keepCopy: text(form.keepCopy, 3) === 'on' },
      spam: action(form.spam),
      virus: action(form.virus),
    },
  };
}

interface View {
  state: MailboxSettingsState;
  /** What the form shows: the server's settings, or what the user sent back. */
  settings: MailboxSettings;
  targetsText: string;
  errors: { code: ErrorCode; detail?: string }[];
  saved: boolean;
}

function checked(on: boolean): Html | null {
  return on ? html` checked` : null;
}

function markedChoice(ctx: PageContext, name: 'spam' | 'virus', value: MarkedMailAction): Html {
  return html`<fieldset><legend>${ctx.tr(name === 'spam' ? 'spam.spam' : 'spam.virus')}</legend>
${MARKED_MAIL_ACTIONS.map((a) => html`<label class="checkbox"><input type="radio" name="${name}" value="${a}"${checked(value === a)}> ${ctx.tr(`spam.${a}`)}</label>`)}
</fieldset>`;
}

function renderSettings(ctx: PageContext, view: View): Html {
  const { state, settings } = view;
  const reply = settings.autoresponder;
  const errors = view.errors.map((e) => errorMessage(ctx.locale, e.code, { detail: e.detail }));
  if (!state.enabled) return html`<h1>${ctx.tr('mailsettings.title')}</h1><p class="error">${errorMessage(ctx.locale, 'FILTERS_UNAVAILABLE')}</p>`;
  return html`<div class="basic-settings">
<h1>${ctx.tr('mailsettings.title')}</h1>
<p>${ctx.tr('mailsettings.intro')}</p>
${view.saved ? html`<p class="notice" role="status">${ctx.tr('mailsettings.saved')}</p>` : null}
${state.expiredApplied ? html`<p class="notice" role="status">${ctx.tr(state.settings.autoresponder.message === '' ? 'mailsettings.expiredDeleted' : 'mailsettings.expiredDeactivated')}</p>` : null}
${state.editedElsewhere ? html`<p class="notice">${ctx.tr('mailsettings.editedElsewhere')}</p>` : null}
${state.otherScripts.length > 0 ? html`<p class="hint">${ctx.tr('mailsettings.otherScripts', { names: state.otherScripts.join(', ') })}</p>` : null}
${errors.length > 0 ? html`<div class="error" role="alert"><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : null}
<form method="post" action="${BASIC_SETTINGS}">
<input type="hidden" name="_csrf" value="${ctx.csrfToken}">
<fieldset>
  <legend>${ctx.tr('autoreply.title')}</legend>
  <label class="checkbox"><input type="checkbox" name="autoreplyActive"${checked(reply.active)}> ${ctx.tr('autoreply.active')}</label>
  <label for="subjectPrefix">${ctx.tr('autoreply.prefix')}</label>
  <input id="subjectPrefix" name="subjectPrefix" maxlength="${state.limits.maxPrefixLength}" value="${reply.subjectPrefix}" aria-describedby="prefix-hint">
  <p id="prefix-hint" class="hint">${ctx.tr('autoreply.prefixHint')}</p>
  <label for="message">${ctx.tr('autoreply.message')}</label>
  <textarea id="message" name="message" rows="6" maxlength="${state.limits.maxMessageLength}">${reply.message}</textarea>
  <label for="startDate">${ctx.tr('autoreply.start')}</label>
  <input id="startDate" name="startDate" type="date" value="${reply.startDate ?? ''}">
  <label for="endDate">${ctx.tr('autoreply.end')}</label>
  <input id="endDate" name="endDate" type="date" value="${reply.endDate ?? ''}">
  <fieldset><legend>${ctx.tr('autoreply.afterEnd')}</legend>
  ${(['deactivate', 'delete'] as const).map((c) => html`<label class="checkbox"><input type="radio" name="afterEnd" value="${c}"${checked(reply.afterEnd === c)}> ${ctx.tr(`autoreply.afterEnd.${c}`)}</label>`)}
  </fieldset>
  <p class="hint">${ctx.tr('autoreply.days', { days: state.limits.vacationDays })}</p>
</fieldset>
<fieldset>
  <legend>${ctx.tr('forward.title')}</legend>
  <label for="targets">${ctx.tr('forward.targets', { max: state.limits.maxForwardTargets })}</label>
  <textarea id="targets" name="targets" rows="4" aria-describedby="targets-hint">${view.targetsText}</textarea>
  <p id="targets-hint" class="hint">${ctx.tr('forward.none')}</p>
  <label class="checkbox"><input type="checkbox" name="keepCopy"${checked(settings.forwarding.keepCopy)}> ${ctx.tr('forward.keepCopy')}</label>
</fieldset>
<fieldset>
  <legend>${ctx.tr('spam.title')}</legend>
  ${markedChoice(ctx, 'spam', settings.spam)}
  ${markedChoice(ctx, 'virus', settings.virus)}
</fieldset>
${state.otherActiveScript
    ? html`<p class="notice">${ctx.tr('mailsettings.otherActive', { name: state.otherActiveScript })}</p>
<label class="checkbox"><input type="checkbox" name="replaceActive"> ${ctx.tr('mailsettings.replaceActive', { name: state.otherActiveScript })}</label>`
    : null}
<button type="submit">${ctx.tr('mailsettings.save')}</button>
</form>
<p><a href="${BASIC}/mail">${ctx.tr('basic.toInbox')}</a></p>
</div>`;
}

export async function basicMailboxSettingsPage(app: FastifyInstance, services: Services): Promise<void> {
  const preHandler = requireBasicSession(services);

  app.get(BASIC_SETTINGS, { preHandler }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    try {
      const state = await services.mailboxSettings.read(mailContext(request));
      const saved = (request.query as Record<string, unknown>).done === 'saved';
      const view: View = { state, settings: state.settings, targetsText: state.settings.forwarding.targets.join('\n'), errors: [], saved };
      return sendBasic(reply, 200, renderBasic(ctx, ctx.tr('mailsettings.title'), renderSettings(ctx, view)));
    } catch (error) {
      return sendFailurePage(ctx, reply, error);
    }
  });

  app.post<{ Body: SettingsForm }>(BASIC_SETTINGS, { preHandler }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const form = request.body ?? {};
    const { settings, targetsText } = settingsFromForm(form);
    try {
      assertSameOrigin(request);
      assertFormToken(request, text(form._csrf, 200));
      await services.mailboxSettings.save(mailContext(request), { settings, replaceActive: text(form.replaceActive, 3) === 'on' });
      request.log.info({ user: request.session!.record.user }, 'mailbox settings saved (basic)');
      return redirectTo(reply, `${BASIC_SETTINGS}?done=saved`);
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      if (error.code === 'CSRF_REJECTED') return sendFailurePage(ctx, reply, error);
      // Show the form again with what was typed; the state (other scripts) as the server has it.
      let state: MailboxSettingsState;
      try {
        state = await services.mailboxSettings.read(mailContext(request));
      } catch {
        return sendFailurePage(ctx, reply, error);
      }
      const codes = (error.problems ?? [error.code]).filter(isErrorCode);
      const view: View = { state, settings, targetsText, errors: codes.map((code) => ({ code, detail: error.detail })), saved: false };
      return sendBasic(reply, ERRORS[error.code].status || 400, renderBasic(ctx, ctx.tr('mailsettings.title'), renderSettings(ctx, view)));
    }
  });
}
