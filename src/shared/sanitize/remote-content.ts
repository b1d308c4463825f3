// Transform 4: remote content. Anything the frame would fetch from the network (images,
// srcset, backgrounds, posters, media, CSS url()s, fonts, @import) tells the sender that and
// when the mail was read, and from where. Unless the user allowed it, it is withheld, counted,
// and (like Nextcloud Mail) kept in data-original-* so "show images" knows what it would load.
import { FETCHING_ATTRIBUTES, TRACKING_PIXEL_MAX_PX } from '../sanitizer-policy.js';
import { compactCss, cssUrls, rewriteDeclarations, rewriteStylesheet } from './css-text.js';
import type { MailTransform, SanitizeContext } from './types.js';
import {
  absoluteRemote,
  classifyResource,
  formatSrcset,
  isRemote,
  normalizeUrl,
  parseSrcset,
} from './urls.js';

const NO_TRUSTED_URLS: ReadonlySet<string> = new Set();

/**
 * Keeps a CSS piece whose URLs are all inline images, or remote ones when allowed. Any other URL
 * (javascript:, data:text/html, relative, cid:, blob:) drops it uncounted: none is content the
 * user could choose to see.
 */
export function keepCssPiece(css: string, allowRemote: boolean, onBlocked: () => void = () => {}): boolean {
  const kinds = cssUrls(css).map((url) => classifyResource(normalizeUrl(url), NO_TRUSTED_URLS));
  if (kinds.some((kind) => kind !== 'remote' && kind !== 'inline')) return false;
  const remote = kinds.filter((kind) => kind === 'remote').length;
  if (remote === 0 || allowRemote) return true;
  for (let i = 0; i < remote; i++) onBlocked();
  return false;
}

function isTiny(size: string | null): boolean {
  const match = size === null ? null : /^\s*(\d*\.?\d+)\s*(?:px)?\s*$/i.exec(size);
  return match?.[1] !== undefined && parseFloat(match[1]) <= TRACKING_PIXEL_MAX_PX;
}

function hiddenByStyle(style: string): boolean {
  const css = compactCss(style);
  if (/(?:^|;)(?:display:none|visibility:hidden)/.test(css)) return true;
  return [...css.matchAll(/(?:^|;)(?:max-)?(?:width|height):(\d*\.?\d+)(?:px)?(?:!important)?(?=;|$)/g)].some(
    (m) => m[1] !== undefined && parseFloat(m[1]) <= TRACKING_PIXEL_MAX_PX,
  );
}

/** A remote image nobody can see: it exists only to report the opening of the mail. */
export function isTrackingPixel(img: Element): boolean {
  const src = img.getAttribute('src');
  const srcset = img.getAttribute('srcset');
  const remote =
    (src !== null && isRemote(normalizeUrl(src))) || (srcset !== null && parseSrcset(srcset).some((c) => isRemote(c.url)));
  if (!remote) return false;
  return isTiny(img.getAttribute('width')) || isTiny(img.getAttribute('height')) || hiddenByStyle(img.getAttribute('style') ?? '');
}

function withhold(element: Element, name: string, original: string, context: SanitizeContext): void {
  element.removeAttribute(name);
  element.setAttribute(`data-original-${name}`, original);
  context.blocked++;
}

function guardSrcset(element: Element, value: string, context: SanitizeContext): void {
  const candidates = parseSrcset(value).map((c) => ({ ...c, url: isRemote(c.url) ? absoluteRemote(c.url) : c.url }));
  const kinds = candidates.map((c) => classifyResource(c.url, context.trustedUrls));
  if (candidates.length === 0 || kinds.some((kind) => kind !== 'remote' && kind !== 'inline')) {
    element.removeAttribute('srcset');
  } else if (kinds.includes('remote') && !context.allowRemote) {
    withhold(element, 'srcset', formatSrcset(candidates), context);
  } else {
    element.setAttribute('srcset', formatSrcset(candidates));
  }
}

function guardAttribute(element: Element, name: string, context: SanitizeContext): void {
  const value = element.getAttribute(name);
  if (value === null) return;
  if (!FETCHING_ATTRIBUTES[name]?.includes(element.localName)) {
    element.removeAttribute(name);
    return;
  }
  if (name === 'srcset') {
    guardSrcset(element, value, context);
    return;
  }
  const url = normalizeUrl(value);
  const kind = classifyResource(url, context.trustedUrls);
  if (kind === 'refused') element.removeAttribute(name);
  else if (kind !== 'remote') element.setAttribute(name, url);
  else if (context.allowRemote) element.setAttribute(name, absoluteRemote(url));
  else withhold(element, name, absoluteRemote(url), context);
}

function guardInlineStyle(element: Element, style: string, context: SanitizeContext): void {
  let blocked = 0;
  const kept = rewriteDeclarations(style, (d) => keepCssPiece(d, context.allowRemote, () => blocked++));
  if (kept) element.setAttribute('style', kept);
  else element.removeAttribute('style');
  if (blocked === 0) return;
  context.blocked += blocked;
  const original = rewriteDeclarations(style, (d) => keepCssPiece(d, true));
  if (original) element.setAttribute('data-original-style', original);
}

function guardStyleSheet(element: Element, context: SanitizeContext): void {
  const kept = rewriteStylesheet(element.textContent ?? '', {
    keep: (piece) => keepCssPiece(piece, context.allowRemote, () => context.blocked++),
    // An @import is a remote fetch of CSS we never get to filter: withheld even when allowed.
    droppedStatement: (statement) => {
      if (compactCss(statement).startsWith('@import')) context.blocked++;
    },
  });
  if (kept) element.textContent = kept;
  else element.remove();
}

export const remoteContentTransform: MailTransform = {
  name: 'remote content',
  afterSanitizeAttributes(element, context) {
    // Removed rather than withheld, even when remote content is allowed: "show images" means
    // images the user can see, never the sender's read receipt.
    if (element.localName === 'img' && isTrackingPixel(element)) {
      element.remove();
      context.blocked++;
      return;
    }
    for (const name of Object.keys(FETCHING_ATTRIBUTES)) guardAttribute(element, name, context);
    const style = element.getAttribute('style');
    if (style !== null) guardInlineStyle(element, style, context);
    if (element.localName === 'style') guardStyleSheet(element, context);
  },
};
