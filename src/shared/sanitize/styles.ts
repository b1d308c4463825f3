// Transform 5: styles. Mail layout lives in CSS, so we keep it, minus what runs code in old
// engines, pulls in unfiltered sheets, or lets a box float over the frame posing as our UI.
// The frame scopes the sheet: selectors like `body` or `*` only ever reach the mail itself.
import { CSS_FORBIDDEN_PATTERNS } from '../sanitizer-policy.js';
import { compactCss, rewriteDeclarations, rewriteStylesheet } from './css-text.js';
import type { MailTransform } from './types.js';

export function isSafeCss(css: string): boolean {
  const compact = compactCss(css);
  return !CSS_FORBIDDEN_PATTERNS.some((pattern) => pattern.test(compact));
}

export const stylesTransform: MailTransform = {
  name: 'styles',
  afterSanitizeAttributes(element) {
    // data-original-style is what "show images" would put back, so it gets the same filter.
    for (const name of ['style', 'data-original-style']) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      const kept = rewriteDeclarations(value, isSafeCss);
      if (kept) element.setAttribute(name, kept);
      else element.removeAttribute(name);
    }
    if (element.localName === 'style') {
      const kept = rewriteStylesheet(element.textContent ?? '', { keep: isSafeCss });
      if (kept) element.textContent = kept;
      else element.remove();
    }
  },
};
