// The frame of every /basic page: a header with the mailbox, the language switch, the way to
// the standard version and sign-out (a real form with its CSRF token), then the page's own body.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOCALES, translate, type Locale, type MessageKey } from '../../src/shared/i18n/translate.js';
import { formToken } from '../session/form-csrf.js';
import { html, page, PAGE_CSP, type Html } from './html.js';
import { pageLocale } from './locale.js';

export const BASIC = '/basic';

export interface PageContext {
  locale: Locale;
  csrfToken: string;
  user: string | null;
  /** Translate in the page's language. */
  tr(key: MessageKey, params?: Record<string, string | number>): string;
  /** The current URL with `lang` replaced, for the language links. */
  urlWithLang(lang: Locale): string;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const locale = pageLocale(request, reply);
  const url = new URL(request.url, 'http://local');
  return {
    locale,
    csrfToken: formToken(request, reply),
    user: request.session?.record.user ?? null,
    tr: (key, params) => translate(locale, key, params),
    urlWithLang: (lang) => {
      url.searchParams.set('lang', lang);
      return `${url.pathname}${url.search}`;
    },
  };
}

export function renderBasic(ctx: PageContext, title: string, body: Html): string {
  const languages = LOCALES.filter((l) => l !== ctx.locale).map(
    (l) => html`<a href="${ctx.urlWithLang(l)}" lang="${l}" hreflang="${l}">${translate(l, `lang.${l}`)}</a>`,
  );
  const header = html`<header class="basic-header">
  <a class="brand" href="${BASIC}/">${ctx.tr('app.name')}</a>
  <nav aria-label="${ctx.tr('basic.nav')}">
    ${languages}
    <a href="${BASIC}/switch?to=rich">${ctx.tr('basic.switchToRich')}</a>
    ${ctx.user
      ? html`<a href="/password">${ctx.tr('signin.changePassword')}</a>
    <a href="${BASIC}/settings">${ctx.tr('mailsettings.link')}</a>
    <a href="${BASIC}/setup">${ctx.tr('setup.link')}</a>
    <span class="user">${ctx.tr('mailbox.signedInAs', { user: ctx.user })}</span>
    <form method="post" action="${BASIC}/logout" class="inline"><input type="hidden" name="_csrf" value="${ctx.csrfToken}"><button type="submit">${ctx.tr('mailbox.signOut')}</button></form>`
      : null}
  </nav>
</header>`;
  return page({ lang: ctx.locale, title: `${title} – ${ctx.tr('app.name')}`, body: html`${header}<main id="main" class="basic-main">${body}</main>` });
}

/** `csp`: a page may widen PAGE_CSP for one reason of its own (the message page's frame). */
export function sendBasic(reply: FastifyReply, status: number, content: string, csp: string = PAGE_CSP) {
  return reply.code(status).header('content-security-policy', csp).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(content);
}

/** Post/redirect/get: every POST ends here, so a reload never sends anything again. */
export function redirectTo(reply: FastifyReply, location: string) {
  return reply.code(303).header('location', location).send();
}
