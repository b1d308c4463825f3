// The SPA's words: the shared catalogues with a reactive locale. The locale comes from the
// user's choice (kept in localStorage), else the browser's languages.
import { createSignal } from 'solid-js';
import type { ErrorCode } from '../shared/errors.js';
import {
  CATALOGUES, detectLocale, errorMessage, format, formatBytes as formatBytesIn, LOCALES, translate,
  type ErrorTextParams, type Locale, type MessageKey,
} from '../shared/i18n/translate.js';

export { CATALOGUES, detectLocale, format, LOCALES, type ErrorTextParams, type Locale };
const STORAGE_KEY = 'webmail.locale';

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
  if (globalThis.document) {
    document.documentElement.lang = next;
    // The server-rendered pages (/password, /basic) read the same choice from this cookie.
    document.cookie = `wm_lang=${next}; path=/; max-age=31536000; samesite=lax`;
  }
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(locale(), key, params);
}

export function formatBytes(bytes: number): string {
  return formatBytesIn(locale(), bytes);
}

export function errorText(code: ErrorCode, params: ErrorTextParams = {}): string {
  return errorMessage(locale(), code, params);
}
