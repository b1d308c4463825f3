// One RFC 5322 message from what the user wrote, built by nodemailer's MailComposer: it encodes
// non-ASCII subjects and names as RFC 2047 words, file names as RFC 2231 parameters, picks the
// transfer encodings and keeps lines short. The same bytes go to SMTP (without Bcc) and to Sent
// or Drafts (with Bcc, so the user still sees whom they copied).
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import MailComposer from 'nodemailer/lib/mail-composer';
import { encodeWord, encodeWords } from 'nodemailer/lib/mime-funcs';
import { isMailboxAddress, parseEntry, type Recipients } from './addresses.js';

export interface AttachmentFile {
  filename: string;
  contentType: string;
  /** A file in the upload store; read as a stream while the message is built. */
  path: string;
}

export interface Threading {
  inReplyTo: string;
  references: string[];
}

export interface TypedRecipients {
  to: string[];
  cc: string[];
  bcc: string[];
}

export interface MessageParts {
  from: string;
  /** Checked mailboxes (sending) or entries as typed (drafts: kept even when incomplete). */
  recipients: { checked: Recipients } | { typed: TypedRecipients };
  subject: string;
  text: string;
  html?: string | undefined;
  attachments: AttachmentFile[];
  messageId: string;
  threading?: Threading | null | undefined;
  headers?: Record<string, string> | undefined;
}

/** `<uuid@domain-of-the-sender>`: unique, and names the domain that made it (RFC 5322 §3.6.4). */
export function newMessageId(from: string): string {
  const at = from.lastIndexOf('@');
  const domain = at > 0 ? from.slice(at + 1) : 'webmail.invalid';
  return `<${randomUUID()}@${domain}>`;
}

function nameForHeader(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(name)) return encodeWord(name, 'Q', 52);
  return /[^A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
}

/**
 * A draft's To/Cc/Bcc as the user typed them. MailComposer would drop what is not an address
 * yet ("bo", "Bob <bob@"), and it formats these fields itself, so they are added to the built
 * header block as lines of our own: complete entries as proper mailboxes, the rest as typed
 * (RFC 2047 words where not ASCII), folded between entries. Line breaks were refused before.
 */
function typedAddressLine(field: string, entries: string[]): string | null {
  const values = entries
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const parsed = parseEntry(entry);
      if (parsed.length > 0 && parsed.every((mailbox) => isMailboxAddress(mailbox.address))) {
        return parsed.map((mailbox) => (mailbox.name ? `${nameForHeader(mailbox.name)} <${mailbox.address}>` : mailbox.address)).join(', ');
      }
      return encodeWords(entry.trim(), 'Q', 52);
    });
  return values.length > 0 ? `${field}: ${values.join(',\r\n ')}` : null;
}

/** Adds header lines at the end of the header block. */
function withHeaderLines(raw: Buffer, lines: string[]): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0 || lines.length === 0) return raw;
  return Buffer.concat([raw.subarray(0, end), Buffer.from(`\r\n${lines.join('\r\n')}`, 'utf8'), raw.subarray(end)]);
}

/** The whole message, Bcc header included. */
export async function buildMessage(parts: MessageParts): Promise<Buffer> {
  const typed = 'typed' in parts.recipients ? parts.recipients.typed : null;
  const mailboxes = 'checked' in parts.recipients ? parts.recipients.checked : null;
  const composer = new MailComposer({
    from: parts.from,
    to: mailboxes?.to.length ? mailboxes.to : undefined,
    cc: mailboxes?.cc.length ? mailboxes.cc : undefined,
    bcc: mailboxes?.bcc.length ? mailboxes.bcc : undefined,
    subject: parts.subject,
    messageId: parts.messageId,
    date: new Date(),
    inReplyTo: parts.threading?.inReplyTo,
    references: parts.threading?.references.length ? parts.threading.references : undefined,
    text: parts.text,
    html: parts.html,
    attachments: parts.attachments.map((file) => ({ filename: file.filename, contentType: file.contentType, content: createReadStream(file.path) })),
    headers: parts.headers,
    // Nothing the user sends may make the gateway read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const root = composer.compile();
  root.keepBcc = true;
  const raw = await root.build();
  if (!typed) return raw;
  const lines = [typedAddressLine('To', typed.to), typedAddressLine('Cc', typed.cc), typedAddressLine('Bcc', typed.bcc)];
  return withHeaderLines(raw, lines.filter((line): line is string => line !== null));
}

/** The message as submitted: the same bytes without the Bcc header (RFC 5322 §3.6.3). */
export function withoutBcc(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return raw;
  const lines = raw.subarray(0, end).toString('latin1').split('\r\n');
  const kept: string[] = [];
  let dropping = false;
  for (const line of lines) {
    const continuation = line.startsWith(' ') || line.startsWith('\t');
    if (!continuation) dropping = /^bcc:/i.test(line);
    if (!dropping) kept.push(line);
  }
  if (kept.length === lines.length) return raw;
  return Buffer.concat([Buffer.from(kept.join('\r\n'), 'latin1'), raw.subarray(end)]);
}
