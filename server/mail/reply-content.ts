// What a reply, reply-all or forward starts with, from the parsed original: recipients,
// subject, and the quoted or forwarded text. Pure functions over postal-mime's result.
import type { Address as ParsedAddress, Email } from 'postal-mime';
import type { ComposeKind } from '../../src/shared/api.js';
import { translate, type Locale } from '../../src/shared/i18n/translate.js';
import { formatMailbox, type Mailbox } from '../smtp/addresses.js';

export interface ReplyText {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
}

export interface QuoteStyle {
  locale: Locale;
  /** IANA time zone the user reads dates in; UTC when not known. */
  timeZone: string;
}

export function mailboxesOf(addresses: ParsedAddress[] | ParsedAddress | undefined): Mailbox[] {
  const list = addresses === undefined ? [] : Array.isArray(addresses) ? addresses : [addresses];
  return list.flatMap((entry) => (entry.group ? entry.group : [entry])).map((mailbox) => ({ name: mailbox.name ?? '', address: mailbox.address ?? '' }));
}

/** An address list back into field entries; a name without an address stays as typed (drafts). */
export function entriesOf(addresses: ParsedAddress[] | ParsedAddress | undefined): string[] {
  return mailboxesOf(addresses)
    .map((mailbox) => (mailbox.address ? formatMailbox(mailbox) : mailbox.name))
    .filter((entry) => entry !== '');
}

// Reply and forward prefixes in the languages our users write: Re, Aw/Antw (de), Fwd/Fw, Wg (de),
// with counters some clients add ("Re[2]:", "Re(2):"). Stripping them all keeps one prefix.
const PREFIXES = /^\s*(?:(?:re|aw|antw|fwd?|wg)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*)+/i;

export function baseSubject(subject: string | undefined): string {
  return (subject ?? '').replace(PREFIXES, '').trim();
}

export function composeSubject(kind: Exclude<ComposeKind, 'new'>, subject: string | undefined): string {
  return `${kind === 'forward' ? 'Fwd' : 'Re'}: ${baseSubject(subject)}`;
}

/**
 * Reply: the Reply-To, else the From. Reply-all: those plus every To and Cc of the original,
 * without the user's own address, each address once (compared case-insensitively).
 */
export function replyRecipients(email: Email, kind: 'reply' | 'replyAll', self: string): { to: Mailbox[]; cc: Mailbox[] } {
  const replyTo = mailboxesOf(email.replyTo);
  const author = replyTo.length > 0 ? replyTo : mailboxesOf(email.from);
  const seen = new Set<string>([self.toLowerCase()]);
  const keep = (list: Mailbox[]) =>
    list.filter((mailbox) => {
      const key = mailbox.address.toLowerCase();
      if (!mailbox.address || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const to = keep(author);
  if (kind === 'reply') {
    // A reply to one's own sent message goes to its recipients, not back to oneself.
    return { to: to.length > 0 ? to : keep(mailboxesOf(email.to)), cc: [] };
  }
  return { to: [...to, ...keep(mailboxesOf(email.to))], cc: keep(mailboxesOf(email.cc)) };
}

function formatDate(date: string | undefined, style: QuoteStyle): string {
  const parsed = date ? new Date(date) : null;
  if (!parsed || Number.isNaN(parsed.getTime())) return date ?? '';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: style.timeZone };
  return new Intl.DateTimeFormat(style.locale === 'de' ? 'de-DE' : 'en-GB', options).format(parsed);
}

export function validTimeZone(zone: string | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** The original's readable text: its plain part, else its HTML reduced to text. */
export function plainTextOf(email: Email): string {
  if (email.text !== undefined && email.text.trim() !== '') return email.text.replace(/\r\n?/g, '\n');
  if (!email.html) return '';
  return email.html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Each line as a quote (RFC 3676 §4.5: quote marks without a space between nested ones). */
export function quoteLines(text: string): string {
  return text
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '>' : line.startsWith('>') ? `>${line}` : `> ${line}`))
    .join('\n');
}

function senderOf(email: Email): string {
  const from = mailboxesOf(email.from)[0];
  return from ? (from.name || from.address) : '';
}

export function replyText(email: Email, style: QuoteStyle): string {
  const attribution = translate(style.locale, 'quote.attribution', { date: formatDate(email.date, style), sender: senderOf(email) });
  return `\n\n${attribution}\n${quoteLines(plainTextOf(email))}\n`;
}

export function forwardText(email: Email, style: QuoteStyle): string {
  const t = (key: 'quote.from' | 'quote.date' | 'quote.subject' | 'quote.to' | 'quote.cc') => translate(style.locale, key);
  const list = (addresses: ParsedAddress[] | ParsedAddress | undefined) => mailboxesOf(addresses).map(formatMailbox).join(', ');
  const lines = [
    `${t('quote.from')}: ${list(email.from)}`,
    `${t('quote.date')}: ${formatDate(email.date, style)}`,
    `${t('quote.subject')}: ${email.subject ?? ''}`,
    `${t('quote.to')}: ${list(email.to)}`,
    ...(email.cc && email.cc.length > 0 ? [`${t('quote.cc')}: ${list(email.cc)}`] : []),
  ];
  return `\n\n${translate(style.locale, 'quote.forwarded')}\n${lines.join('\n')}\n\n${plainTextOf(email)}\n`;
}

/** To, Cc, subject and text for a reply, reply-all or forward of `email`. */
export function startContent(email: Email, kind: Exclude<ComposeKind, 'new'>, self: string, style: QuoteStyle): ReplyText {
  const subject = composeSubject(kind, email.subject);
  if (kind === 'forward') return { to: [], cc: [], subject, text: forwardText(email, style) };
  const { to, cc } = replyRecipients(email, kind, self);
  return { to: to.map(formatMailbox), cc: cc.map(formatMailbox), subject, text: replyText(email, style) };
}
