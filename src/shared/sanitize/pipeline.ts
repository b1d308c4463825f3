// Runs the named transforms as hooks around one DOMPurify pass. The policy decides what may
// exist at all; the transforms judge values, rewrite and report.
import createDOMPurify from 'dompurify';
import type {
  Config,
  DOMPurify,
  UponSanitizeAttributeHook,
  UponSanitizeElementHook,
  ElementHook,
} from 'dompurify';
import {
  HTML_NAMESPACE,
  MAIL_ALLOWED_ATTRIBUTES,
  MAIL_ALLOWED_TAGS,
  MAIL_ALLOWED_URI_REGEXP,
  MAIL_FORBIDDEN_ATTRIBUTES,
  MAIL_FORBIDDEN_TAGS,
} from '../sanitizer-policy.js';
import { serializeMailBody } from './body.js';
import type { MailTransform, SanitizeContext, SanitizedMail, SanitizeOptions, WindowLike } from './types.js';

const CONFIG = {
  ALLOWED_TAGS: [...MAIL_ALLOWED_TAGS],
  ALLOWED_ATTR: [...MAIL_ALLOWED_ATTRIBUTES],
  FORBID_TAGS: [...MAIL_FORBIDDEN_TAGS],
  FORBID_ATTR: [...MAIL_FORBIDDEN_ATTRIBUTES],
  ALLOWED_URI_REGEXP: MAIL_ALLOWED_URI_REGEXP,
  // Anything parsed into the SVG or MathML namespace is removed, whatever its name: that is
  // where the namespace-confusion mXSS family (mglyph/malignmark, style in svg) lives.
  ALLOWED_NAMESPACES: [HTML_NAMESPACE],
  // Mail needs no data-* of its own; refusing them keeps data-original-* ours alone.
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  // Mail puts its <style> in <head>; a body-only parse would lose it.
  WHOLE_DOCUMENT: true,
  RETURN_DOM: true,
} satisfies Config;

/** One private instance per window: hooks added here never reach anyone else's DOMPurify. */
const purifiers = new WeakMap<object, DOMPurify>();

function purifierFor(win: WindowLike | undefined): DOMPurify {
  const target: WindowLike | undefined = win ?? (typeof window === 'undefined' ? undefined : window);
  if (!target) throw new Error('sanitizeMailHtml needs a window: pass one in a Worker or on the server');
  let purifier = purifiers.get(target);
  if (!purifier) {
    purifier = createDOMPurify(target);
    purifiers.set(target, purifier);
  }
  // Refuse rather than fall back: an unsupported DOMPurify returns its input unchanged.
  if (!purifier.isSupported) throw new Error('DOMPurify cannot run on this window');
  return purifier;
}

/** A hook may have removed the node; later transforms must not act on (or count) it. */
const detached = (node: Node) => node.parentNode === null;

/** Sanitizes `html` with exactly `transforms`, in order (tests run one transform alone). */
export function runTransforms(html: string, transforms: readonly MailTransform[], options: SanitizeOptions): SanitizedMail {
  const purifier = purifierFor(options.window);
  const context: SanitizeContext = {
    allowRemote: options.allowRemote,
    cidUrls: options.cidUrls ?? {},
    trustedUrls: new Set(),
    blocked: 0,
    cids: [],
    links: [],
  };
  const uponSanitizeElement: UponSanitizeElementHook = (node, event) => {
    for (const t of transforms) if (!detached(node)) t.uponSanitizeElement?.(node, event, context);
  };
  const uponSanitizeAttribute: UponSanitizeAttributeHook = (element, event) => {
    for (const t of transforms) t.uponSanitizeAttribute?.(element, event, context);
  };
  const afterSanitizeAttributes: ElementHook = (element) => {
    for (const t of transforms) if (!detached(element)) t.afterSanitizeAttributes?.(element, context);
  };
  purifier.addHook('uponSanitizeElement', uponSanitizeElement);
  purifier.addHook('uponSanitizeAttribute', uponSanitizeAttribute);
  purifier.addHook('afterSanitizeAttributes', afterSanitizeAttributes);
  try {
    const root = purifier.sanitize(html, CONFIG);
    return { html: serializeMailBody(root), blocked: context.blocked, cids: context.cids, links: context.links };
  } finally {
    purifier.removeHook('uponSanitizeElement', uponSanitizeElement);
    purifier.removeHook('uponSanitizeAttribute', uponSanitizeAttribute);
    purifier.removeHook('afterSanitizeAttributes', afterSanitizeAttributes);
  }
}
