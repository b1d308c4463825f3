// One body part as a download, decoded from its transfer encoding (base64, quoted-printable) but
// otherwise byte for byte as sent: text keeps its charset (decodeText: false).
import type { Readable } from 'node:stream';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { Failure } from '../failure.js';
import { imapFailure } from '../imap/errors.js';
import { openMailbox } from '../imap/mailbox.js';
import { DOWNLOAD_CHUNK, releaseWhenDone } from './message-source.js';

export interface PartDownload {
  stream: Readable;
  /** Safe to send: script-capable types (HTML, SVG, XML, JavaScript …) are application/octet-stream. */
  contentType: string;
  fileName: string;
}

/**
 * Types a browser shows without running anything from them. Everything else — text/html, SVG,
 * XML, JavaScript, and whatever we do not know — is sent as application/octet-stream, so even a
 * browser that ignored Content-Disposition would not render it in our origin.
 */
const INERT_TYPES = new RegExp(
  '^(image/(png|jpeg|gif|webp|avif|bmp)|audio/[\\w.+-]+|video/[\\w.+-]+|text/(plain|csv|calendar)|message/rfc822' +
    '|application/(pdf|zip|gzip|octet-stream|msword|vnd\\.ms-excel|vnd\\.ms-powerpoint' +
    '|vnd\\.openxmlformats-officedocument\\.[\\w.+-]+|vnd\\.oasis\\.opendocument\\.[\\w.+-]+))$',
);

export function safeContentType(type: string | undefined, charset: string | undefined): string {
  const base = (type ?? '').toLowerCase().trim();
  if (!INERT_TYPES.test(base)) return 'application/octet-stream';
  return base.startsWith('text/') && charset && /^[\w.:-]{1,40}$/.test(charset) ? `${base}; charset=${charset}` : base;
}

/** A file name without paths, control characters or surrounding dots and spaces. */
export function safeFileName(name: string | false | undefined, uid: number, part: string, type: string): string {
  const cleaned = [
    ...(name || '')
      .replace(/[\u0000-\u001f\u007f-\u009f/\\]+/g, '_')
      .replace(/\s+/g, ' ')
      .replace(/^[\s.]+|[\s.]+$/g, ''),
  ]
    .slice(0, 150)
    .join('');
  if (cleaned) return cleaned;
  return `message-${uid}-part-${part.replace(/\./g, '-')}${type === 'message/rfc822' ? '.eml' : ''}`;
}

/** The node `part` names; a single-part message's body is part 1 (RFC 3501 §6.4.5). */
function findPart(node: MessageStructureObject | undefined, part: string, isRoot = true): MessageStructureObject | undefined {
  if (!node) return undefined;
  if (node.part === part || (isRoot && part === '1' && !node.childNodes)) return node;
  for (const child of node.childNodes ?? []) {
    const found = findPart(child, part, false);
    if (found) return found;
  }
  return undefined;
}

export async function messagePart(client: ImapFlow, folder: string, uid: number, part: string): Promise<PartDownload> {
  const open = await openMailbox(client, folder, 'part');
  let streaming = false;
  try {
    const meta = await client.fetchOne(String(uid), { uid: true, bodyStructure: true }, { uid: true });
    if (!meta) throw new Failure('MESSAGE_NOT_FOUND', { folder, uid });
    const node = findPart(meta.bodyStructure, part);
    if (!node || node.type.startsWith('multipart/')) throw new Failure('NOT_FOUND', { folder, uid, part });
    const download = await client.download(String(uid), part, { uid: true, decodeText: false, chunkSize: DOWNLOAD_CHUNK });
    if (!download.content) throw new Failure('NOT_FOUND', { folder, uid, part });
    releaseWhenDone(download.content, open.release);
    streaming = true;
    const type = download.meta.contentType ?? node.type;
    return {
      stream: download.content,
      contentType: safeContentType(type, download.meta.charset),
      fileName: safeFileName(download.meta.filename, uid, part, type),
    };
  } catch (error) {
    throw imapFailure(error, 'part');
  } finally {
    if (!streaming) open.release();
  }
}
