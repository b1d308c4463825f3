// Transform 3: images from the message itself. `cid:` (RFC 2392) names a MIME part by its
// Content-ID; we report each one and, when the caller has the part, point at its blob:/data: URL.
import type { MailTransform } from './types.js';
import { isInlineImage, normalizeUrl, schemeOf } from './urls.js';

/** Where a cid reference may point: the part's own bytes, never somewhere on the network. */
function isPartUrl(url: string): boolean {
  return schemeOf(url) === 'blob:' || isInlineImage(url);
}

/** `cid:part1%40host` -> `part1@host`; some senders wrap it in the header's angle brackets. */
export function contentIdOf(url: string): string {
  let id = url.slice('cid:'.length).trim();
  try {
    id = decodeURIComponent(id);
  } catch {
    // A stray % is not an encoding; the raw text is the best guess at the Content-ID.
  }
  return id.replace(/^<(.*)>$/, '$1').trim();
}

const CID_ATTRIBUTES: Readonly<Record<string, (tag: string) => boolean>> = {
  src: (tag) => tag === 'img',
  // Outlook's stationery puts inline images on tables and cells.
  background: (tag) => tag !== 'img',
};

export const cidImagesTransform: MailTransform = {
  name: 'cid images',
  afterSanitizeAttributes(element, context) {
    for (const [name, appliesTo] of Object.entries(CID_ATTRIBUTES)) {
      const raw = element.getAttribute(name);
      if (raw === null || !appliesTo(element.localName)) continue;
      const url = normalizeUrl(raw);
      if (schemeOf(url) !== 'cid:') continue;
      const id = contentIdOf(url);
      if (!id) {
        element.removeAttribute(name);
        continue;
      }
      if (!context.cids.includes(id)) context.cids.push(id);
      const partUrl = Object.hasOwn(context.cidUrls, id) ? context.cidUrls[id] : undefined;
      if (partUrl !== undefined && isPartUrl(normalizeUrl(partUrl))) {
        const target = normalizeUrl(partUrl);
        element.setAttribute(name, target);
        context.trustedUrls.add(target);
      } else {
        element.setAttribute(name, url);
      }
    }
  },
};
