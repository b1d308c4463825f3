// The UI's words. Locale comes from the user's choice (kept in localStorage), else the
// browser's languages; German and English from day one.
import { createSignal } from 'solid-js';
import { de } from '../shared/i18n/de.js';
import { en, type MessageKey } from '../shared/i18n/en.js';
import { errorTextKey, type ErrorCode } from '../shared/errors.js';

export type Locale = 'de' | 'en';
export const LOCALES: Locale[] = ['de', 'en'];
export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { de, en };
const STORAGE_KEY = 'webmail.locale';

export function detectLocale(stored: string | null, languages: readonly string[]): Locale {
  if (stored === 'de' || stored === 'en') return stored;
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'de' || primary === 'en') return primary;
  }
  return 'en';
}

function storedLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

const [locale, setLocaleSignal] = createSignal<Locale>(
  detectLocale(storedLocale(), globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en']),
);

export { locale };

export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  if (globalThis.document) document.documentElement.lang = next;
}

export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return format(CATALOGUES[locale()][key], params);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

export interface ErrorTextParams {
  retryAfterSeconds?: number;
  limitBytes?: number;
}

/** The user's-language sentence for an error code. */
export function errorText(code: ErrorCode, params: ErrorTextParams = {}): string {
  return t(errorTextKey(code), {
    minutes: Math.max(1, Math.ceil((params.retryAfterSeconds ?? 60) / 60)),
    limit: params.limitBytes !== undefined ? formatBytes(params.limitBytes) : '',
  });
}
