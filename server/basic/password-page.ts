// /password: the stand-alone password change page. Plain HTML forms, no script at all, usable
// without signing in (mailbox name, current password, new password twice). A successful POST
// redirects (so a reload never resends); a refused one shows the form again with the reasons
// and the mailbox name kept — never the passwords.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PASSWORD_PAGE } from '../../src/shared/api.js';
import { ERRORS, isErrorCode, type ErrorCode } from '../../src/shared/errors.js';
import { errorMessage, LOCALES, translate, type Locale } from '../../src/shared/i18n/translate.js';
import { MAX_ADDRESS_LENGTH, MAX_PASSWORD_LENGTH } from '../../src/shared/limits.js';
import { endOtherSessions } from '../api/password/routes.js';
import { Failure } from '../failure.js';
import { assertFormToken, formToken } from '../session/form-csrf.js';
import { assertSameOrigin } from '../session/plugin.js';
import type { Services } from '../services.js';
import { html, page, PAGE_CSP } from './html.js';
import { pageLocale } from './locale.js';

interface PasswordForm {
  mailbox?: string;
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
  _csrf?: string;
}

interface View {
  locale: Locale;
  csrfToken: string;
  mailbox: string;
  errors: { code: ErrorCode; retryAfterSeconds?: number }[];
  done: boolean;
}

function renderPasswordPage(services: Services, view: View): string {
  const { locale } = view;
  const tr = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const policy = services.config.password.policy;
  const errors = view.errors.map((e) => errorMessage(locale, e.code, { retryAfterSeconds: e.retryAfterSeconds, passwordPolicy: policy }));
  const switcher = LOCALES.filter((l) => l !== locale).map((l) => html`<a href="${PASSWORD_PAGE}?lang=${l}" lang="${l}" hreflang="${l}">${translate(l, `lang.${l}`)}</a>`);
  const form = html`
<form method="post" action="${PASSWORD_PAGE}">
  <input type="hidden" name="_csrf" value="${view.csrfToken}">
  <label for="mailbox">${tr('password.mailbox')}</label>
  <input id="mailbox" name="mailbox" type="email" autocomplete="username" required maxlength="${MAX_ADDRESS_LENGTH}" value="${view.mailbox}">
  <label for="currentPassword">${tr('password.current')}</label>
  <input id="currentPassword" name="currentPassword" type="password" autocomplete="current-password" required maxlength="${MAX_PASSWORD_LENGTH}">
  <label for="newPassword">${tr('password.new')}</label>
  <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required aria-describedby="rules" minlength="${policy.minLength}" maxlength="${policy.maxLength}">
  <label for="confirmPassword">${tr('password.confirm')}</label>
  <input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" required minlength="${policy.minLength}" maxlength="${policy.maxLength}">
  <p id="rules" class="hint">${tr('password.rules', { min: policy.minLength, max: policy.maxLength })}</p>
  <button type="submit">${tr('password.submit')}</button>
</form>`;
  const body = html`
<main class="card">
  <h1>${tr('password.title')}</h1>
  ${view.done ? html`<p class="notice" role="status">${tr('password.done')}</p>` : html`<p>${tr('password.intro')}</p>`}
  ${errors.length > 0 ? html`<div class="error" role="alert"><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : null}
  ${view.done ? null : services.passwords.enabled ? form : html`<p class="error">${errorMessage(locale, 'PASSWORD_CHANGE_UNAVAILABLE')}</p>`}
  <p><a href="/login">${tr('password.signInLink')}</a></p>
  <p class="language">${tr('lang.label')}: ${switcher}</p>
</main>`;
  return page({ lang: locale, title: `${tr('password.title')} – ${tr('app.name')}`, body });
}

function sendPage(reply: FastifyReply, status: number, content: string) {
  return reply.code(status).header('content-security-policy', PAGE_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(content);
}

export async function passwordPage(app: FastifyInstance, services: Services): Promise<void> {
  app.get(PASSWORD_PAGE, async (request, reply) => {
    const done = (request.query as Record<string, unknown>).done === '1';
    const view: View = { locale: pageLocale(request, reply), csrfToken: formToken(request, reply), mailbox: '', errors: [], done };
    return sendPage(reply, 200, renderPasswordPage(services, view));
  });

  app.post<{ Body: PasswordForm }>(PASSWORD_PAGE, async (request, reply) => {
    const locale = pageLocale(request, reply);
    const form = request.body ?? {};
    const mailbox = String(form.mailbox ?? '').trim().slice(0, MAX_ADDRESS_LENGTH);
    try {
      assertSameOrigin(request);
      assertFormToken(request, form._csrf);
      const fields = [form.currentPassword, form.newPassword, form.confirmPassword];
      if (mailbox === '' || /[\u0000-\u001f\u007f]/.test(mailbox) || fields.some((f) => typeof f !== 'string' || f === '' || f.length > MAX_PASSWORD_LENGTH)) {
        throw new Failure('BAD_REQUEST');
      }
      await services.passwords.change({
        mailbox,
        currentPassword: form.currentPassword!,
        newPassword: form.newPassword!,
        confirmPassword: form.confirmPassword!,
        clientAddress: request.ip,
      });
      // Whoever was signed in with the old password must sign in again.
      await endOtherSessions(services, mailbox);
      request.log.info({ user: mailbox }, 'password changed on the stand-alone page');
      return reply.code(303).header('location', `${PASSWORD_PAGE}?done=1`).send();
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      const codes = error.problems ?? [error.code];
      const view: View = {
        locale,
        csrfToken: formToken(request, reply),
        mailbox,
        errors: codes.filter(isErrorCode).map((code) => ({ code, retryAfterSeconds: error.retryAfterSeconds })),
        done: false,
      };
      if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
      return sendPage(reply, ERRORS[error.code].status || 400, renderPasswordPage(services, view));
    }
  });
}
