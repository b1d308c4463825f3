// Pure translation functions shared by the SPA (which adds a reactive locale on top) and the
// server-rendered pages (which take the locale from the request).
import { errorTextKey, type ErrorCode } from '../errors.js';
import { de } from './de.js';
import { en, type MessageKey } from './en.js';

export type Locale = 'de' | 'en';
export const LOCALES: Locale[] = ['de', 'en'];
export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { de, en };
export type { MessageKey };

export function detectLocale(stored: string | null | undefined, languages: readonly string[]): Locale {
  if (stored === 'de' || stored === 'en') return stored;
  for (const language of languages) {
    const primary = language.toLowerCase().trim().split(/[-_;]/)[0];
    if (primary === 'de' || primary === 'en') return primary;
  }
  return 'en';
}

export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return format(CATALOGUES[locale][key], params);
}

// One formatter per locale and precision: making one costs far more than using it, and the
// message list formats a size in every row.
const byteFormats = new Map<string, Intl.NumberFormat>();

export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  let format = byteFormats.get(`${locale}|${digits}`);
  if (!format) byteFormats.set(`${locale}|${digits}`, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
  return `${format.format(value)} ${units[unit]}`;
}

export interface ErrorTextParams {
  retryAfterSeconds?: number;
  limitBytes?: number;
  passwordPolicy?: { minLength: number; maxLength: number };
  /** Words from the mail server, or the name the error refers to. */
  detail?: string;
}

/** The user's-language sentence for an error code. */
export function errorMessage(locale: Locale, code: ErrorCode, params: ErrorTextParams = {}): string {
  return translate(locale, errorTextKey(code), {
    minutes: Math.max(1, Math.ceil((params.retryAfterSeconds ?? 60) / 60)),
    limit: params.limitBytes !== undefined ? formatBytes(locale, params.limitBytes) : '',
    min: params.passwordPolicy?.minLength ?? '',
    max: params.passwordPolicy?.maxLength ?? '',
    detail: params.detail ?? '',
  });
}
