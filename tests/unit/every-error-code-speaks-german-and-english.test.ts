import { describe, expect, it } from 'vitest';
import { de } from '../../src/shared/i18n/de.js';
import { en } from '../../src/shared/i18n/en.js';
import { CATALOGUES, detectLocale, errorText, format, setLocale } from '../../src/i18n/index.js';
import { ERROR_CODES, ERRORS, errorTextKey } from '../../src/shared/errors.js';

describe('error codes and catalogues', () => {
  it('gives every error code a description and a text in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(ERRORS[code].description.length, code).toBeGreaterThan(10);
      const key = errorTextKey(code);
      expect(en[key], `en ${key}`).toBeTruthy();
      expect(de[key], `de ${key}`).toBeTruthy();
      expect(de[key], `de ${key} is a copy of English`).not.toBe(en[key]);
    }
  });

  it('has the same keys and placeholders in German as in English', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(de[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills the rate-limit wait in whole minutes, rounded up, in the chosen language', () => {
    setLocale('de');
    expect(errorText('RATE_LIMITED', { retryAfterSeconds: 61 })).toBe(format(CATALOGUES.de['error.RATE_LIMITED'], { minutes: 2 }));
    setLocale('en');
    expect(errorText('RATE_LIMITED', { retryAfterSeconds: 900 })).toContain('15 minutes');
  });

  it('picks the stored choice, then the first German or English browser language, else English', () => {
    expect(detectLocale('de', ['en-US'])).toBe('de');
    expect(detectLocale(null, ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(detectLocale('xx', ['en-GB'])).toBe('en');
    expect(detectLocale(null, ['fr'])).toBe('en');
  });
});
