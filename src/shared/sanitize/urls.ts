// URL judgements shared by the link, cid and remote transforms. Every check runs on the URL as
// the browser will read it, never on the raw attribute text.
import { INLINE_IMAGE_TYPES, LINK_SCHEMES, REMOTE_SCHEMES } from '../sanitizer-policy.js';

/**
 * The URL the browser's parser will actually use: WHATWG URL §4.4 strips leading and trailing C0
 * controls and spaces and removes every tab and newline anywhere, so `" java\tscript:"` is
 * `javascript:`. (Entities such as `&#x09;` are already decoded by the HTML parser.)
 */
export function normalizeUrl(raw: string): string {
  return raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** Lower-cased scheme with its colon (`https:`), or null for relative and odd URLs. */
export function schemeOf(url: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match?.[1] ? `${match[1].toLowerCase()}:` : null;
}

/** `//host/x` resolves to whatever scheme the frame has, so it is remote like http(s). */
export function isRemote(url: string): boolean {
  if (url.startsWith('//')) return true;
  const scheme = schemeOf(url);
  return scheme !== null && REMOTE_SCHEMES.includes(scheme);
}

/** A srcdoc frame's base is the app's page, so `//host` must be made absolute to mean `host`. */
export function absoluteRemote(url: string): string {
  return url.startsWith('//') ? `https:${url}` : url;
}

export function isLink(url: string): boolean {
  const scheme = schemeOf(url);
  return (scheme !== null && LINK_SCHEMES.includes(scheme)) || url.startsWith('//');
}

/** `data:image/png;…` and friends; `data:image/svg+xml` and every other type are refused. */
export function isInlineImage(url: string): boolean {
  const match = /^data:([^;,]*)[;,]/i.exec(url);
  return match?.[1] !== undefined && INLINE_IMAGE_TYPES.includes(match[1].trim().toLowerCase());
}

export type ResourceKind = 'remote' | 'inline' | 'cid' | 'refused';

/**
 * How a fetching attribute's URL is treated. `trusted` holds the blob:/data: URLs the cid
 * transform put in; any other blob: URL came from the mail and is refused.
 */
export function classifyResource(url: string, trusted: ReadonlySet<string>): ResourceKind {
  if (isRemote(url)) return 'remote';
  if (trusted.has(url) || isInlineImage(url)) return 'inline';
  if (schemeOf(url) === 'cid:') return 'cid';
  return 'refused';
}

export interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

/**
 * Enough of HTML's srcset parsing (§4.8.4.3.11) to find every URL: a URL is a run of
 * non-whitespace, descriptors run to the next comma outside parentheses. Splitting on commas
 * would cut `data:image/png;base64,…` in two and let half a URL through unjudged.
 */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let pos = 0;
  while (pos < value.length) {
    while (pos < value.length && /[\s,]/.test(value.charAt(pos))) pos++;
    if (pos >= value.length) break;
    const start = pos;
    while (pos < value.length && !/\s/.test(value.charAt(pos))) pos++;
    let url = value.slice(start, pos);
    let descriptor = '';
    if (/,$/.test(url)) {
      url = url.replace(/,+$/, '');
    } else {
      const descStart = pos;
      let depth = 0;
      while (pos < value.length && (depth > 0 || value.charAt(pos) !== ',')) {
        if (value.charAt(pos) === '(') depth++;
        else if (value.charAt(pos) === ')') depth = Math.max(0, depth - 1);
        pos++;
      }
      descriptor = value.slice(descStart, pos).trim();
      // Only width, density and height descriptors mean anything; anything else is smuggling.
      if (!/^(?:\d*\.?\d+[wxh]\s*)*$/i.test(descriptor)) descriptor = '';
    }
    if (url) candidates.push({ url: normalizeUrl(url), descriptor });
  }
  return candidates;
}

export function formatSrcset(candidates: readonly SrcsetCandidate[]): string {
  return candidates.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url)).join(', ');
}
