// /basic sign-in and sign-out, and the switch between the two versions (remembered in a cookie
// that the SPA's entry page also reads).
import type { FastifyInstance } from 'fastify';
import { isErrorCode } from '../../src/shared/errors.js';
import { errorMessage } from '../../src/shared/i18n/translate.js';
import { MAX_ADDRESS_LENGTH, MAX_PASSWORD_LENGTH } from '../../src/shared/limits.js';
import { Failure } from '../failure.js';
import { assertFormToken } from '../session/form-csrf.js';
import { assertSameOrigin } from '../session/plugin.js';
import { SESSION_COOKIE } from '../session/sessions.js';
import { sessionCookieOptions, signInUser, signOutSession } from '../session/sign-in.js';
import type { Services } from '../services.js';
import { html } from './html.js';
import { BASIC, pageContext, redirectTo, renderBasic, sendBasic } from './layout.js';

export const UI_COOKIE = 'wm_ui';

/** Only our own /basic pages are acceptable targets after sign-in (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/basic\/[^/\\]/.test(next) && !next.includes('//') ? next : `${BASIC}/mail`;
}

export async function basicLogin(app: FastifyInstance, services: Services): Promise<void> {
  app.get(`${BASIC}/switch`, async (request, reply) => {
    const to = (request.query as Record<string, unknown>).to === 'rich' ? 'rich' : 'basic';
    reply.setCookie(UI_COOKIE, to, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
    return redirectTo(reply, to === 'rich' ? '/login' : `${BASIC}/login`);
  });

  app.get(BASIC, async (_request, reply) => redirectTo(reply, `${BASIC}/mail`));
  app.get(`${BASIC}/`, async (_request, reply) => redirectTo(reply, `${BASIC}/mail`));

  app.get(`${BASIC}/login`, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if ((await services.sessions.resolve(request.cookies[SESSION_COOKIE])).ok) return redirectTo(reply, safeNext(query.next));
    const ctx = pageContext(request, reply);
    const code = isErrorCode(query.error) ? query.error : null;
    const retry = Number(query.retry) || undefined;
    const username = typeof query.username === 'string' ? query.username.slice(0, MAX_ADDRESS_LENGTH) : '';
    const body = html`<div class="card">
<h1>${ctx.tr('signin.title')}</h1>
${code ? html`<p class="error" role="alert">${errorMessage(ctx.locale, code, { retryAfterSeconds: retry })}</p>` : null}
<form method="post" action="${BASIC}/login">
  <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
  <input type="hidden" name="next" value="${safeNext(query.next)}">
  <label for="username">${ctx.tr('signin.username')}</label>
  <input id="username" name="username" type="email" autocomplete="username" required maxlength="${MAX_ADDRESS_LENGTH}" value="${username}">
  <label for="password">${ctx.tr('signin.password')}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="${MAX_PASSWORD_LENGTH}">
  <button type="submit">${ctx.tr('signin.submit')}</button>
</form>
<p><a href="/password">${ctx.tr('signin.changePassword')}</a></p>
</div>`;
    return sendBasic(reply, 200, renderBasic(ctx, ctx.tr('signin.title'), body));
  });

  app.post<{ Body: Record<string, string | undefined> }>(`${BASIC}/login`, async (request, reply) => {
    const form = request.body ?? {};
    const username = String(form.username ?? '').trim().slice(0, MAX_ADDRESS_LENGTH);
    const back = (code: string, retry?: number) =>
      redirectTo(reply, `${BASIC}/login?${new URLSearchParams({ error: code, username, next: safeNext(form.next), ...(retry ? { retry: String(retry) } : {}) })}`);
    try {
      assertSameOrigin(request);
      assertFormToken(request, form._csrf);
      const password = String(form.password ?? '');
      if (username === '' || password === '' || password.length > MAX_PASSWORD_LENGTH || /[\u0000-\u001f\u007f]/.test(username)) {
        return back('BAD_REQUEST');
      }
      const { cookieValue, session } = await signInUser(services, {
        username, password, keepOnDevice: false, clientAddress: request.ip, previousCookie: request.cookies[SESSION_COOKIE],
      });
      request.log.info({ user: session.record.user, door: 'basic' }, 'signed in');
      reply.setCookie(SESSION_COOKIE, cookieValue, sessionCookieOptions(services, request));
      reply.setCookie(UI_COOKIE, 'basic', { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
      return redirectTo(reply, safeNext(form.next));
    } catch (error) {
      if (error instanceof Failure) return back(error.code, error.retryAfterSeconds);
      throw error;
    }
  });

  app.post<{ Body: Record<string, string | undefined> }>(`${BASIC}/logout`, async (request, reply) => {
    try {
      assertSameOrigin(request);
      assertFormToken(request, request.body?._csrf);
    } catch {
      return redirectTo(reply, `${BASIC}/login?error=CSRF_REJECTED`);
    }
    const result = await services.sessions.resolve(request.cookies[SESSION_COOKIE]);
    if (result.ok) await signOutSession(services, result.session);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(services, request));
    return redirectTo(reply, `${BASIC}/login`);
  });
}
