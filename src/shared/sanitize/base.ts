// Transform 1: what may never exist in a mail body, removed together with its contents.
// The policy's allowlist already leaves these out; this step holds even if someone widens it.
import { MAIL_FORBIDDEN_ATTRIBUTES, MAIL_FORBIDDEN_TAGS } from '../sanitizer-policy.js';
import type { MailTransform } from './types.js';

const FORBIDDEN_TAGS = new Set(MAIL_FORBIDDEN_TAGS);
const FORBIDDEN_ATTRIBUTES = new Set(MAIL_FORBIDDEN_ATTRIBUTES);

export const baseTransform: MailTransform = {
  name: 'base',
  uponSanitizeElement(node, event) {
    // Removed whole, not unwrapped: unwrapping <noscript>, <svg> or <math> would hoist markup
    // that was parsed under other rules (raw text, a foreign namespace) into HTML context,
    // which is exactly how the noscript-title and mglyph/style mXSS payloads get out.
    if (FORBIDDEN_TAGS.has(event.tagName)) node.parentNode?.removeChild(node);
  },
  uponSanitizeAttribute(_element, event) {
    // on* covers handlers no list knows yet (onbeforetoggle, oncontentvisibilityautostatechange…).
    if (/^on/i.test(event.attrName) || FORBIDDEN_ATTRIBUTES.has(event.attrName)) event.keepAttr = false;
  },
};
