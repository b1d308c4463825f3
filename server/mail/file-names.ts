// Attachment names and types as the user's browser (or a forwarded message) gave them. They
// are only ever metadata: files are stored under random ids, so no name reaches the file system.

/** Longest file name kept, in characters; most file systems stop at 255 bytes or characters. */
export const MAX_FILE_NAME_LENGTH = 255;

// C0/C1 controls and DEL, plus the bidirectional overrides and isolates that let
// "invoice‮fdp.exe" look like "invoiceexe.pdf" (Unicode TR36 §2.1 / CVE-2021-42574 class).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** NFC, no control or bidi-override characters, no path separators, at most 255 characters. */
export function safeFileName(name: string | null | undefined, fallback = 'attachment'): string {
  const cleaned = (name ?? '').normalize('NFC').replace(UNSAFE, '').replace(/[/\\]/g, '_').trim();
  const chars = [...cleaned];
  if (chars.length === 0) return fallback;
  if (chars.length <= MAX_FILE_NAME_LENGTH) return cleaned;
  // Keep the extension when shortening: the receiver's program choice depends on it.
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? [...cleaned.slice(dot)] : [];
  return [...chars.slice(0, MAX_FILE_NAME_LENGTH - extension.length), ...extension].join('');
}

/** A plain `type/subtype` (RFC 6838 §4.2 restricted names), lower-cased; anything else is octet-stream. */
export function safeContentType(type: string | null | undefined): string {
  const value = (type ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(value) ? value : 'application/octet-stream';
}
