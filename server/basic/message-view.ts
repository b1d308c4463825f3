// One message, prepared on the server for the no-JavaScript pages: fetched through the mail
// service (the lite source for large ones), parsed with postal-mime like the SPA does, its HTML
// sanitized with the SPA's own pipeline over a jsdom window, and its attachments mapped to the
// IMAP parts MESSAGE_API.part downloads.
import { flattenAddresses } from '../../src/shared/mail-addresses.js';
import type { Readable } from 'node:stream';
import PostalMime from 'postal-mime';
import { MESSAGE_API, type Address } from '../../src/shared/api.js';
import { authenticationOf, type Authentication } from '../../src/shared/authentication.js';
import { omittedOf } from '../../src/shared/omitted-part.js';
import { buildFrameDocument, sanitizeMailHtml, type SanitizedMail, type WindowLike } from '../../src/shared/sanitize/index.js';
import type { MailContext, MailService } from '../mail/service.js';
import { matchParts, mimeLeaves } from './mime-parts.js';

export interface BasicAttachment {
  filename: string;
  mimeType: string;
  size: number;
  /** Where to download it: the part route, or the whole message when the part is unknown. */
  href: string;
}

export interface BasicMessage {
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  date: string | null;
  html: string | null;
  text: string;
  /** Content-ID -> data: URL of the message's own inline images. */
  cidUrls: Record<string, string>;
  attachments: BasicAttachment[];
  authentication: Authentication;
}

/** Inline images above this are not turned into data: URLs (the frame would carry them whole). */
const MAX_INLINE_IMAGE = 2 * 1024 * 1024;

let serverWindow: Promise<WindowLike> | null = null;
/**
 * One jsdom window for every sanitizing run (DOMPurify keeps one private instance per window),
 * loaded on the first /basic message: jsdom costs ~90 MB of RSS that a gateway serving only the
 * SPA never needs (measured by bench/memory.mjs).
 */
function mailWindow(): Promise<WindowLike> {
  serverWindow ??= import('jsdom').then(({ JSDOM }) => new JSDOM('').window as unknown as WindowLike);
  return serverWindow;
}

async function bytesOf(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

function query(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)])).toString();
}

export async function loadMessage(mail: MailService, ctx: MailContext, folder: string, uid: number): Promise<BasicMessage> {
  const raw = await bytesOf((await mail.messageSource(ctx, folder, uid, false)).body);
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const parts = matchParts(
    mimeLeaves(raw),
    email.attachments.map((a) => ({ mimeType: a.mimeType, contentId: a.contentId?.replace(/^<|>$/g, '').trim() || null })),
  );
  const whole = `${MESSAGE_API.source}?${query({ folder, uid, full: 1 })}`;
  const cidUrls: Record<string, string> = {};
  const attachments: BasicAttachment[] = [];
  email.attachments.forEach((attachment, index) => {
    const content = Buffer.from(attachment.content as ArrayBuffer);
    const omitted = omittedOf(content);
    const contentId = attachment.contentId?.replace(/^<|>$/g, '').trim();
    if (attachment.related && contentId && !omitted && /^image\//i.test(attachment.mimeType) && content.length <= MAX_INLINE_IMAGE) {
      cidUrls[contentId] = `data:${attachment.mimeType.toLowerCase()};base64,${content.toString('base64')}`;
      return;
    }
    const part = omitted?.part ?? parts[index];
    attachments.push({
      filename: attachment.filename ?? '',
      mimeType: attachment.mimeType,
      size: omitted ? Math.floor((omitted.bytes * 3) / 4) : content.length,
      href: part ? `${MESSAGE_API.part}?${query({ folder, uid, part })}` : whole,
    });
  });
  return {
    subject: email.subject ?? '',
    from: flattenAddresses(email.from),
    to: flattenAddresses(email.to),
    cc: flattenAddresses(email.cc),
    replyTo: flattenAddresses(email.replyTo),
    date: email.date ?? null,
    html: email.html ?? null,
    text: email.text ?? '',
    cidUrls,
    attachments,
    authentication: authenticationOf(email.headers.filter((h) => h.key === 'authentication-results').map((h) => h.value)),
  };
}

export async function sanitizedBody(message: BasicMessage, allowRemote: boolean): Promise<SanitizedMail | null> {
  if (message.html === null) return null;
  return sanitizeMailHtml(message.html, { allowRemote, window: await mailWindow(), cidUrls: message.cidUrls });
}

export function frameDocument(sanitized: SanitizedMail, allowRemote: boolean): string {
  return buildFrameDocument(sanitized, { allowRemote });
}
