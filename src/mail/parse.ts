// MIME parsing with postal-mime, shaped for the message view: addresses, bodies, attachments
// (with the gateway's omitted-part markers resolved), and sender authenticity from
// Authentication-Results (RFC 8601). Pure: runs in the parse worker, or in-thread where
// Workers do not exist (unit tests).
import PostalMime, { type Email } from 'postal-mime';
import type { Address } from '../shared/api.js';
import { flattenAddresses } from '../shared/mail-addresses.js';
import { authenticationOf, type Authentication } from '../shared/authentication.js';
import { omittedOf } from '../shared/omitted-part.js';

export { authenticationOf, type AuthMethod, type AuthVerdict } from '../shared/authentication.js';

export interface ParsedAttachment {
  filename: string;
  mimeType: string;
  /** Decoded bytes when the source held them; null for a part the gateway left out. */
  content: ArrayBuffer | null;
  size: number;
  contentId: string | null;
  /** Referenced from the HTML by cid: (an inline image, not shown in the attachment list). */
  related: boolean;
  /** Where to download a part the gateway left out of the source. */
  omitted: { part: string; bytes: number } | null;
}

export interface ParsedMessage {
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  date: string | null;
  messageId: string | null;
  html: string | null;
  text: string | null;
  attachments: ParsedAttachment[];
  authentication: Authentication;
}

function toArrayBuffer(content: ArrayBuffer | Uint8Array | string): ArrayBuffer {
  if (typeof content === 'string') return new TextEncoder().encode(content).buffer as ArrayBuffer;
  if (content instanceof ArrayBuffer) return content;
  return content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength) as ArrayBuffer;
}

export async function parseMessage(raw: ArrayBuffer): Promise<ParsedMessage> {
  const email: Email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const headerValues = (key: string) => email.headers.filter((h) => h.key === key).map((h) => h.value);
  return {
    subject: email.subject ?? '',
    from: email.from && 'address' in email.from ? { name: email.from.name ?? '', address: email.from.address ?? '' } : null,
    to: flattenAddresses(email.to),
    cc: flattenAddresses(email.cc),
    replyTo: flattenAddresses(email.replyTo),
    date: email.date ?? null,
    messageId: email.messageId ?? null,
    html: email.html ?? null,
    text: email.text ?? null,
    attachments: email.attachments.map((attachment) => {
      const content = toArrayBuffer(attachment.content);
      const omitted = omittedOf(content);
      return {
        filename: attachment.filename ?? '',
        mimeType: attachment.mimeType,
        content: omitted ? null : content,
        size: omitted ? Math.floor((omitted.bytes * 3) / 4) : content.byteLength,
        contentId: attachment.contentId ? attachment.contentId.replace(/^<|>$/g, '') : null,
        related: attachment.related === true,
        omitted,
      };
    }),
    authentication: authenticationOf(headerValues('authentication-results')),
  };
}
