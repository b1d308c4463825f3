// The language of a server-rendered page: ?lang= (remembered in the same cookie the SPA sets),
// else that cookie, else Accept-Language.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { detectLocale, type Locale } from '../../src/shared/i18n/translate.js';

export const LANGUAGE_COOKIE = 'wm_lang';

export function pageLocale(request: FastifyRequest, reply: FastifyReply): Locale {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (asked === 'de' || asked === 'en') {
    reply.setCookie(LANGUAGE_COOKIE, asked, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
    return asked;
  }
  const accepted = String(request.headers['accept-language'] ?? '').split(',');
  return detectLocale(request.cookies[LANGUAGE_COOKIE], accepted);
}
