// What the user typed into To/Cc/Bcc and Subject, checked before anything is composed.
// nodemailer would fold a line break into a space by itself, but a line break in a header
// field is never something a person meant to type: it is an attempt to add headers or
// recipients (CWE-93), so it is refused outright rather than repaired.
import addressparser from 'nodemailer/lib/addressparser';
import type { ComposeMessage } from '../../src/shared/api.js';
import { MAX_ADDRESS_LENGTH } from '../../src/shared/limits.js';
import { Failure } from '../failure.js';

export interface Mailbox {
  name: string;
  address: string;
}

export interface Recipients {
  to: Mailbox[];
  cc: Mailbox[];
  bcc: Mailbox[];
}

const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
// Other C0 controls and DEL have no place in a header either (RFC 5322 §2.2: printable US-ASCII
// plus, with RFC 6532, UTF-8); NUL in particular ends strings in C code on the way.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Refuses line breaks and control characters in the subject and every address field entry. */
export function assertNoHeaderInjection(message: Pick<ComposeMessage, 'subject' | 'to' | 'cc' | 'bcc'>): void {
  const fields: Array<[string, string]> = [
    ['subject', message.subject],
    ...message.to.map((value): [string, string] => ['to', value]),
    ...message.cc.map((value): [string, string] => ['cc', value]),
    ...message.bcc.map((value): [string, string] => ['bcc', value]),
  ];
  for (const [field, value] of fields) {
    if (LINE_BREAK.test(value) || CONTROL.test(value)) throw new Failure('HEADER_INJECTION', { field });
  }
}

// RFC 5321 §4.1.2 Mailbox = Local-part "@" ( Domain / address-literal ). The local part is a
// dot-atom (RFC 5322 §3.2.3, with RFC 6531's UTF-8) or a quoted string; the domain a dot-separated
// list of labels (IDN allowed: nodemailer turns it into punycode) with at least one dot.
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]+";
const LOCAL_PART = new RegExp(`^(?:${ATOM}(?:\\.${ATOM})*|"(?:[^"\\\\]|\\\\.)+")$`);
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?';
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)+${LABEL}$`, 'u');
const ADDRESS_LITERAL = /^\[(?:\d{1,3}(?:\.\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]+)\]$/;

export function isMailboxAddress(address: string): boolean {
  if (address.length === 0 || address.length > MAX_ADDRESS_LENGTH) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64) return false;
  return LOCAL_PART.test(local) && (DOMAIN.test(domain) || ADDRESS_LITERAL.test(domain));
}

/**
 * One entry as typed: `bob@example.com`, `Bob <bob@example.com>`, `"Doe, Jane" <jane@…>`, or
 * several separated by commas. Groups are opened up into their members.
 */
export function parseEntry(entry: string): Mailbox[] {
  return addressparser(entry, { flatten: true }).map((mailbox) => ({ name: mailbox.name.trim(), address: mailbox.address.trim() }));
}

function parseField(field: string, entries: string[]): Mailbox[] {
  const mailboxes: Mailbox[] = [];
  for (const entry of entries) {
    if (entry.trim() === '') continue;
    const parsed = parseEntry(entry);
    // "a@b.example c@d.example" parses as one mailbox named "c@d.example": a lost recipient.
    const addressAsName = (mailbox: Mailbox) => mailbox.name.includes('@') && !entry.includes('<');
    const bad = parsed.length === 0 || parsed.some((mailbox) => !isMailboxAddress(mailbox.address) || addressAsName(mailbox));
    if (bad) throw new Failure('ADDRESS_INVALID', { field, entry: entry.slice(0, MAX_ADDRESS_LENGTH) });
    mailboxes.push(...parsed);
  }
  return mailboxes;
}

/** Every recipient of a message to be sent, each a valid mailbox; refuses a message without any. */
export function sendableRecipients(message: Pick<ComposeMessage, 'subject' | 'to' | 'cc' | 'bcc'>): Recipients {
  assertNoHeaderInjection(message);
  const recipients = { to: parseField('to', message.to), cc: parseField('cc', message.cc), bcc: parseField('bcc', message.bcc) };
  if (recipients.to.length + recipients.cc.length + recipients.bcc.length === 0) throw new Failure('NO_RECIPIENTS');
  return recipients;
}

/** The SMTP envelope's RCPT TO list: every address once, compared case-insensitively. */
export function envelopeRecipients(recipients: Recipients): string[] {
  const seen = new Set<string>();
  const all: string[] = [];
  for (const mailbox of [...recipients.to, ...recipients.cc, ...recipients.bcc]) {
    const key = mailbox.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(mailbox.address);
  }
  return all;
}

/** How an address goes back into a To/Cc field the user can edit: `Name <address>` or the address. */
export function formatMailbox(mailbox: Mailbox): string {
  if (!mailbox.name) return mailbox.address;
  const name = /[",;<>@()[\]\\:]/.test(mailbox.name) ? `"${mailbox.name.replace(/(["\\])/g, '\\$1')}"` : mailbox.name;
  return `${name} <${mailbox.address}>`;
}
