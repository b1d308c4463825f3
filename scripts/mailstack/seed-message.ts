// Builds seeded message number i as raw bytes, purely from (seed, i, total, user, now): no state
// is carried between messages, so seed.ts can stream 100,000 of them in bounded memory and a test
// can build any one of them on its own.
import MailComposer, { type MailComposerAttachment, type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import { type Rng, encodeLegacy, hex, intBetween, makePdf, makePng, mixSeed, mulberry32, pick, randomBytes } from './seed-assets.js';
import {
  attribution, firstName, formatDate, hostileVariants, htmlToText, legacyMessage, letterText, newsletterHtml, quote, webHost, wrap,
} from './seed-bodies.js';
import {
  type Contact, type Lang, contacts, cp1252Letters, invoiceItems, latin1Letters, personSubjects, spammers,
} from './seed-content.js';

export const messageKinds = [
  'plain', 'latin1', 'cp1252', 'newsletter', 'hostile', 'cid', 'attachments', 'big-attachment', 'thread', 'sent', 'junk', 'trash',
] as const;
export type MessageKind = (typeof messageKinds)[number];
export type SeedFolder = 'INBOX' | 'Sent' | 'Drafts' | 'Trash' | 'Junk';

export interface SeedOptions {
  seed: number;
  /** how many messages the run writes; spreads the dates and decides the newest */
  total: number;
  /** the mailbox owner, e.g. alice@example.com */
  user: string;
  /** the moment the newest message is measured back from, in ms */
  now: number;
}

export interface SeedMessage {
  index: number;
  kind: MessageKind;
  folder: SeedFolder;
  /** Maildir info flags in ASCII order (F flagged, R answered, S seen) */
  flags: string;
  date: Date;
  /** the message with LF line ends, as Maildir stores it */
  raw: Buffer;
  subject: string;
  /** file names of the attachments, for tests that check they survive encoding */
  attachmentNames: string[];
  /** Content-IDs the HTML refers to as cid: URLs */
  cids: string[];
}

// Every block of 100 messages (0–99, 100–199, …) holds exactly these counts, shuffled, so each
// block covers every kind and the folder shares hold at small N too.
const SLOTS_PER_BLOCK: Record<MessageKind, number> = {
  plain: 37, latin1: 5, cp1252: 5, newsletter: 15, hostile: 3, cid: 5, attachments: 12, 'big-attachment': 1,
  thread: 10, sent: 2, junk: 2, trash: 3,
};
const BLOCK = 100;
const DAY = 86_400_000;
const SPAN = 729 * DAY;
const persons = contacts.filter((c) => c.role === 'person');
const orgs = contacts.filter((c) => c.role === 'org');
const newsletters = contacts.filter((c) => c.role === 'newsletter');
// the provider's own newsletter stays clean even in a demo
const foreignNewsletters = newsletters.filter((c) => !c.address.endsWith('@hostingwerk.de'));
const latin1Senders = persons.filter((c) => c.lang === 'de' && !encodeLegacy(c.name, 'iso-8859-1').includes(0x3f));
const contactByAddress = (address: string) => contacts.find((c) => c.address === address) ?? (persons[0] as Contact);
const billing = contactByAddress('rechnung@hostingwerk.de');
const salt = { schedule: 1, threads: 2, date: 3, id: 4, content: 5, flags: 6, thread: 7 } as const;

let cachedSchedule: { key: string; kinds: MessageKind[] } | undefined;

function blockSchedule(seed: number, block: number): MessageKind[] {
  const key = `${seed}:${block}`;
  if (cachedSchedule?.key === key) return cachedSchedule.kinds;
  const kinds = (Object.entries(SLOTS_PER_BLOCK) as [MessageKind, number][]).flatMap(([kind, n]) => Array<MessageKind>(n).fill(kind));
  const rng = mulberry32(mixSeed(seed, block, salt.schedule));
  for (let n = kinds.length - 1; n > 0; n--) {
    const other = Math.floor(rng() * (n + 1));
    [kinds[n], kinds[other]] = [kinds[other] as MessageKind, kinds[n] as MessageKind];
  }
  cachedSchedule = { key, kinds };
  return kinds;
}

// ~1 MB each: past the first 10,000 messages they would push a 100k mailbox over the stack's
// 1 GB quota, so later big-attachment slots carry ordinary attachments instead.
const BIG_ATTACHMENTS_UNTIL = 10_000;

function kindOf(seed: number, index: number): MessageKind {
  const kind = blockSchedule(seed, Math.floor(index / BLOCK))[index % BLOCK] ?? 'plain';
  return kind === 'big-attachment' && index >= BIG_ATTACHMENTS_UNTIL ? 'attachments' : kind;
}

/**
 * Dates rise strictly with the index, so UIDs follow the dates. The newest message is minutes old
 * (seeded at night: from late last evening). share^1.4 puts more mail in recent weeks than two
 * years back, as in real mailboxes: at 10,000 messages about 100 fall in the last day.
 */
function dateOf(options: SeedOptions, index: number): Date {
  const rng = mulberry32(mixSeed(options.seed, index, salt.date));
  const fromNewest = options.total - 1 - index;
  const share = fromNewest <= 0 ? 0 : (fromNewest - 1 + rng()) / Math.max(options.total - 1, 1);
  const age = fromNewest <= 0 ? 60_000 + rng() * 9 * 60_000 : 10 * 60_000 + (SPAN - 10 * 60_000) * share ** 1.4;
  return new Date(wakingToWall(wallToWaking(options.now) - age * (WAKING_HOURS / 24)));
}

// Mail is written by day: ages are measured on a clock that only runs from 07:00 to 23:00
// (CET; near enough in summer), then mapped back to wall time. Both maps rise strictly, so
// the dates keep the index order.
const WAKING_HOURS = 16;
const HOUR = 3_600_000;
const FIRST_WAKING_HOUR_UTC = 6; // 07:00 CET

function wallToWaking(wall: number): number {
  const day = Math.floor(wall / DAY);
  const intoDay = Math.min(Math.max(wall - day * DAY - FIRST_WAKING_HOUR_UTC * HOUR, 0), WAKING_HOURS * HOUR);
  return day * WAKING_HOURS * HOUR + intoDay;
}

function wakingToWall(waking: number): number {
  const day = Math.floor(waking / (WAKING_HOURS * HOUR));
  return day * DAY + FIRST_WAKING_HOUR_UTC * HOUR + (waking - day * WAKING_HOURS * HOUR);
}

const domainOf = (address: string) => address.split('@')[1] ?? 'localhost';

function messageIdOf(seed: number, index: number, senderAddress: string): string {
  return `<${hex(mulberry32(mixSeed(seed, index, salt.id)), 20)}@${domainOf(senderAddress)}>`;
}

function userContact(user: string): Contact {
  const local = user.split('@')[0] ?? user;
  const name = local.split(/[._-]/).filter(Boolean).map((part) => part[0]?.toUpperCase() + part.slice(1)).join(' ');
  return { name, address: user, lang: 'de', role: 'person' };
}

interface ThreadPlace {
  contact: Contact;
  baseSubject: string;
  /** global indices of the thread's messages, oldest first; even positions come from the contact */
  members: number[];
  position: number;
}

/** Thread slots of a block are grouped in order into conversations of 2–5 messages. */
function threadPlace(seed: number, index: number): ThreadPlace | undefined {
  const block = Math.floor(index / BLOCK);
  const slots = blockSchedule(seed, block).flatMap((kind, n) => (kind === 'thread' ? [block * BLOCK + n] : []));
  const rng = mulberry32(mixSeed(seed, block, salt.threads));
  for (let start = 0, threadNo = 0; start < slots.length; threadNo++) {
    let size = intBetween(rng, 2, 5);
    if (slots.length - start - size === 1) size++;
    const members = slots.slice(start, start + size);
    start += size;
    const position = members.indexOf(index);
    if (position < 0) continue;
    const topic = mulberry32(mixSeed(seed, block, salt.thread, threadNo));
    const contact = pick(topic, persons);
    return { contact, baseSubject: pick(topic, personSubjects[contact.lang]), members, position };
  }
  return undefined;
}

function traceHeaders(rng: Rng, from: Contact, user: string, date: Date, authResult: 'pass' | 'fail' | 'none'): Record<string, string> {
  const mx = `mx.${domainOf(user)}`;
  const senderDomain = domainOf(from.address);
  const headers: Record<string, string> = {
    Received: `from mail.${senderDomain} (mail.${senderDomain} [198.51.100.${intBetween(rng, 2, 250)}]) by ${mx} (Postfix) ` +
      `with ESMTPS id ${hex(rng, 10).toUpperCase()} for <${user}>; ${formatDate(date, 'de')}`,
  };
  if (authResult === 'pass') {
    headers['Authentication-Results'] = `${mx}; spf=pass smtp.mailfrom=${from.address}; ` +
      `dkim=pass header.d=${senderDomain} header.s=mail2024; dmarc=pass (p=REJECT) header.from=${senderDomain}`;
  } else if (authResult === 'fail') {
    headers['Authentication-Results'] = `${mx}; spf=fail smtp.mailfrom=${from.address}; ` +
      `dkim=fail reason="signature verification failed" header.d=${senderDomain}; dmarc=fail (p=QUARANTINE) header.from=${senderDomain}`;
  }
  return headers;
}

function seenFlags(rng: Rng, ageMs: number, answered: boolean): string {
  const seenShare = ageMs < DAY ? 0.25 : ageMs < 7 * DAY ? 0.6 : 0.72;
  const seen = answered || rng() < seenShare;
  const flagged = rng() < 0.05;
  const replied = answered || (seen && rng() < 0.01);
  return `${flagged ? 'F' : ''}${replied ? 'R' : ''}${seen ? 'S' : ''}`;
}

/** What a kind decides about its message; `raw` only for the hand-encoded legacy ones. */
interface Outline {
  folder: SeedFolder;
  flags: string;
  subject: string;
  raw?: Buffer;
  attachmentNames: string[];
  cids: string[];
}

/** An invoice PDF (plus its items as CSV) from billing, else 1–3 of the files people send around. */
function attachmentsFor(rng: Rng, lang: Lang, invoiceNumber: string | undefined): MailComposerAttachment[] {
  const items = invoiceItems.filter(() => rng() < 0.5);
  const lines = items.map(([label, price]) => `${label}: ${price.toFixed(2).replace('.', ',')} €`);
  const csv = () => 'Datum;Beschreibung;Betrag\n' +
    items.map(([label, price], n) => `2024-0${n + 1}-15;${label};${price.toFixed(2).replace('.', ',')} €`).join('\n') + '\n';
  if (invoiceNumber) {
    const invoice = { filename: `Rechnung-${invoiceNumber}.pdf`, content: makePdf(`Rechnung ${invoiceNumber}`, lines.length ? lines : ['Gesamt: 0,00 €']) };
    return rng() < 0.4 ? [invoice, { filename: 'Leistungsübersicht.csv', content: csv() }] : [invoice];
  }
  const pool: (() => MailComposerAttachment)[] = [
    () => ({ filename: 'Übersicht März.pdf', content: makePdf('Übersicht März', ['Termine, Kosten und Aufgaben für März', ...lines]) }),
    () => ({ filename: lang === 'de' ? 'notizen.txt' : 'notes.txt', content: 'Punkte für das Treffen:\n- Budget prüfen\n- Termine für Q3\n- Grüße an alle\n' }),
    () => ({ filename: pick(rng, ['kontoumsaetze.csv', 'Kostenaufstellung Küche.csv']), content: csv() }),
    () => ({ filename: pick(rng, ['foto.png', 'Grüße aus Österreich.png', 'screenshot.png']), content: makePng(64, 48, intBetween(rng, 0, 7)) }),
    () => ({ filename: 'Protokoll Elternabend – Änderungen.txt', content: 'Protokoll vom Elternabend\n\n1. Sommerfest: Würstchen, Getränke, Kuchen\n2. Änderungen im Kita-Kalender\n' }),
    () => ({ filename: 'Angebot_2024.pdf', content: makePdf('Angebot', ['Position 1: Beratung, 4 Stunden', ...lines]) }),
  ];
  const count = intBetween(rng, 1, 3);
  const chosen = new Map<number, MailComposerAttachment>();
  while (chosen.size < count) {
    const n = Math.floor(rng() * pool.length);
    if (!chosen.has(n)) chosen.set(n, (pool[n] as () => MailComposerAttachment)());
  }
  return [...chosen.values()];
}

function subjectFor(rng: Rng, from: Contact): string {
  return pick(rng, from.subjects ?? personSubjects[from.lang]).replace('%N', String(intBetween(rng, 100, 9999)));
}

export async function buildSeedMessage(options: SeedOptions, index: number): Promise<SeedMessage> {
  const kind = kindOf(options.seed, index);
  const rng = mulberry32(mixSeed(options.seed, index, salt.content));
  const flagRng = mulberry32(mixSeed(options.seed, index, salt.flags));
  const date = dateOf(options, index);
  const age = options.now - date.getTime();
  const user = userContact(options.user);
  const thread = kind === 'thread' ? threadPlace(options.seed, index) : undefined;

  let from: Contact;
  if (thread) from = thread.position % 2 === 0 ? thread.contact : user;
  else if (kind === 'sent') from = user;
  else if (kind === 'junk') from = pick(rng, spammers);
  else if (kind === 'newsletter') from = pick(rng, newsletters);
  else if (kind === 'hostile') from = pick(rng, foreignNewsletters);
  else if (kind === 'latin1' || kind === 'big-attachment') from = pick(rng, kind === 'latin1' ? latin1Senders : persons);
  else if (kind === 'cp1252') from = contactByAddress(cp1252Letters[index % cp1252Letters.length]?.from ?? '');
  else if (kind === 'trash') from = pick(rng, rng() < 0.6 ? newsletters : orgs);
  else if (kind === 'attachments' && rng() < 0.3) from = billing;
  else from = pick(rng, kind === 'attachments' || rng() < 0.65 ? persons : orgs);
  const inbound = from !== user;
  const to = inbound ? user : thread ? thread.contact : pick(rng, persons);
  const lang: Lang = inbound ? from.lang : to.lang;
  const messageId = messageIdOf(options.seed, index, from.address);
  const auth = kind === 'junk' ? 'fail' : !inbound ? 'none' : rng() < 0.2 ? 'pass' : rng() < 0.03 ? 'fail' : 'none';
  const headers: Record<string, string> = inbound ? traceHeaders(rng, from, options.user, date, auth) : {};
  headers['X-Seed-Kind'] = kind; // lets integration tests find a kind with IMAP SEARCH HEADER
  const compose: MailComposerOptions = {
    from: { name: from.name, address: from.address },
    to: { name: to.name, address: to.address },
    date: formatDate(date, lang),
    messageId,
    baseBoundary: hex(rng, 16),
  };
  if (inbound && from.role === 'person' && rng() < 0.15) {
    compose.cc = persons.filter((c) => c !== from && rng() < 0.08).map((c) => ({ name: c.name, address: c.address }));
  }
  const outline: Outline = { folder: 'INBOX', flags: '', subject: '', attachmentNames: [], cids: [] };

  switch (kind) {
    case 'plain':
    case 'trash':
    case 'sent': {
      const replyTo = rng() < 0.2 && kind !== 'trash' && from.role === 'person' && to.role === 'person';
      outline.subject = subjectFor(rng, inbound ? from : to);
      let text = letterText(rng, from, to, lang, rng() < 0.15);
      if (replyTo) {
        outline.subject = `${lang === 'de' && inbound ? 'AW' : 'Re'}: ${outline.subject}`;
        const earlier = new Date(date.getTime() - intBetween(rng, 1, 72) * 3_600_000);
        text += `\n${attribution(earlier, to, lang)}\n${quote(letterText(rng, to, from, lang))}`;
      }
      if (kind === 'trash' && from.role === 'newsletter') {
        const html = newsletterHtml(rng, from, lang, rng() < 0.5);
        Object.assign(compose, { html, text: htmlToText(html) });
      } else compose.text = text;
      outline.folder = kind === 'trash' ? 'Trash' : kind === 'sent' ? 'Sent' : 'INBOX';
      break;
    }
    case 'thread': {
      const place = thread as ThreadPlace;
      // German clients answer with "AW:", and often keep the "Re:" they were sent
      const replyPrefix = !inbound || lang === 'en' ? 'Re: ' : place.position >= 2 && rng() < 0.5 ? 'AW: Re: ' : 'AW: ';
      outline.subject = (place.position === 0 ? '' : replyPrefix) + place.baseSubject;
      const earlierIds = place.members.slice(0, place.position)
        .map((member, position) => messageIdOf(options.seed, member, (position % 2 === 0 ? place.contact : user).address));
      if (earlierIds.length) {
        compose.inReplyTo = earlierIds[earlierIds.length - 1];
        compose.references = earlierIds;
      }
      let text = threadText(options, place, user, place.position);
      const previous = place.members[place.position - 1];
      if (previous !== undefined) {
        const author = place.position % 2 === 1 ? place.contact : user;
        text += `\n${attribution(dateOf(options, previous), author, lang)}\n${quote(threadText(options, place, user, place.position - 1))}`;
      }
      compose.text = text;
      outline.folder = inbound ? 'INBOX' : 'Sent';
      const next = place.members[place.position + 1];
      outline.flags = inbound ? seenFlags(flagRng, age, next !== undefined && next < options.total) : 'S';
      break;
    }
    case 'newsletter':
    case 'hostile': {
      outline.subject = subjectFor(rng, from);
      // the n-th hostile slot of a block gets variant n, so every 100 messages hold all of them
      const slot = blockSchedule(options.seed, Math.floor(index / BLOCK)).slice(0, index % BLOCK).filter((k) => k === 'hostile').length;
      const variant = hostileVariants[slot % hostileVariants.length] ?? { head: '', body: '' };
      const html = kind === 'hostile'
        ? newsletterHtml(rng, from, lang, true, variant.head, variant.body)
        : newsletterHtml(rng, from, lang, rng() < 0.7);
      Object.assign(compose, { html, text: htmlToText(html) });
      const host = webHost(from);
      headers['List-Unsubscribe'] = `<https://www.${host}/unsubscribe?m=${hex(rng, 12)}>, <mailto:unsubscribe@${domainOf(from.address)}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      headers['Precedence'] = 'bulk';
      break;
    }
    case 'cid': {
      const cid = `${hex(rng, 12)}@${domainOf(from.address)}`;
      const photo = from.role === 'person';
      outline.subject = photo ? (lang === 'de' ? 'Schau mal, das Foto vom Wochenende' : 'Look at this photo') : subjectFor(rng, from);
      const text = letterText(rng, from, to, lang);
      const paragraphsHtml = text.trim().split('\n\n').map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`);
      const image = photo
        ? `<p><img src="cid:${cid}" alt="Foto" width="320" height="240"></p>`
        : `<p><img src="cid:${cid}" alt="${from.name}" width="96" height="48" style="border:0"></p>`;
      const html = `<html><body style="font-family:Arial,sans-serif">${photo ? paragraphsHtml.slice(0, 2).join('') + image + paragraphsHtml.slice(2).join('')
        : image + paragraphsHtml.join('')}</body></html>`;
      const filename = photo ? 'IMG_2041.png' : 'logo.png';
      Object.assign(compose, { text, html, attachments: [{ filename, content: makePng(photo ? 64 : 48, photo ? 48 : 24, index % 8), cid }] });
      outline.cids = [cid];
      outline.attachmentNames = [filename];
      break;
    }
    case 'attachments':
    case 'big-attachment': {
      const invoiceNumber = from === billing ? `${date.getUTCFullYear()}-${String(intBetween(rng, 1, 99999)).padStart(5, '0')}` : undefined;
      const attachments: MailComposerAttachment[] = kind === 'attachments' ? attachmentsFor(rng, lang, invoiceNumber) : [{
        filename: pick(rng, ['Messdaten_Rohdaten.bin', 'Sicherung_Datenbank_März.dat']),
        content: randomBytes(rng, intBetween(rng, 900_000, 1_100_000)),
        contentType: 'application/octet-stream',
      }];
      outline.subject = invoiceNumber ? `Ihre Rechnung Nr. ${invoiceNumber}`
        : kind === 'big-attachment' ? (lang === 'de' ? 'Die Rohdaten (groß!)' : 'The raw data (large!)') : subjectFor(rng, from);
      Object.assign(compose, { text: letterText(rng, from, to, lang), attachments });
      outline.attachmentNames = attachments.map((a) => String(a.filename));
      break;
    }
    case 'junk': {
      outline.subject = subjectFor(rng, from);
      const text = `${pick(rng, from.lines ?? [''])}\n\nhttps://${hex(rng, 8)}.login-verify.example/?id=${hex(rng, 16)}\n`;
      const html = `<html><body><h1 style="color:red">${outline.subject}</h1><p>${text.split('\n')[0]}</p>` +
        `<p><a href="https://${hex(rng, 8)}.login-verify.example/">JETZT BESTÄTIGEN</a></p>` +
        `<img src="http://track.login-verify.example/p.gif?u=${hex(rng, 12)}" width="1" height="1"></body></html>`;
      Object.assign(compose, { text, html });
      outline.folder = 'Junk';
      outline.flags = flagRng() < 0.2 ? 'S' : '';
      break;
    }
    case 'latin1':
    case 'cp1252': {
      const charset = kind === 'latin1' ? 'iso-8859-1' : 'windows-1252';
      const letter = kind === 'latin1' ? pick(rng, latin1Letters) : cp1252Letters[index % cp1252Letters.length] ?? { subject: '', body: '' };
      outline.subject = letter.subject;
      const body = kind === 'latin1'
        ? `Hallo ${firstName(to)},\n\n${letter.body}\n\nViele Grüße\n${firstName(from)}\n`
        : `Sehr geehrte Kundin, sehr geehrter Kunde,\n\n${letter.body}\n\nMit freundlichen Grüßen\n${from.name}\n-- \n${from.name} – „Gut versorgt“ seit 1998\n`;
      outline.raw = legacyMessage({
        charset,
        transfer: rng() < 0.5 ? '8bit' : 'quoted-printable',
        headers: [...Object.entries(headers), ['Date', formatDate(date, 'de')], ['Message-ID', messageId]],
        from,
        to: options.user,
        subject: outline.subject,
        body: body.split('\n').map(wrap).join('\n'),
        mailer: kind === 'cp1252' ? 'Shopsystem 3.2 (PHP mail)'
          : pick(rng, ['Microsoft Outlook 14.0', 'Microsoft Office Outlook 12.0', 'Mozilla Thunderbird 2.0.0.24 (Windows/20100228)']),
      });
      break;
    }
  }

  if (kind !== 'thread' && kind !== 'junk') {
    outline.flags = outline.folder === 'Sent' || outline.folder === 'Trash' ? (flagRng() < 0.05 ? 'FS' : 'S') : seenFlags(flagRng, age, false);
  }
  compose.subject = outline.subject;
  // prepared: ASCII trace headers go out as written; MailComposer would otherwise RFC 2047-encode
  // an Authentication-Results value because of its quotes
  compose.headers = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, { prepared: true, foldLines: true, value }]));
  const raw = outline.raw ?? crlfToLf(await new MailComposer(compose).compile().build());
  return { index, kind, folder: outline.folder, flags: outline.flags, date, raw, subject: outline.subject, attachmentNames: outline.attachmentNames, cids: outline.cids };
}

/** Maildir stores LF; MailComposer writes CRLF. Its own newline option is a stream transform that costs more. */
function crlfToLf(crlf: Buffer): Buffer {
  const lf = Buffer.allocUnsafe(crlf.length);
  let length = 0;
  for (let from = 0; from < crlf.length;) {
    const at = crlf.indexOf('\r\n', from);
    const end = at < 0 ? crlf.length : at;
    length += crlf.copy(lf, length, from, end);
    if (at < 0) break;
    lf[length++] = 0x0a;
    from = at + 2;
  }
  return lf.subarray(0, length);
}

/** The thread message's own words (without the quote), rebuilt from its index for the reply's quote. */
function threadText(options: SeedOptions, place: ThreadPlace, user: Contact, position: number): string {
  const member = place.members[position] ?? 0;
  const rng = mulberry32(mixSeed(options.seed, member, salt.thread));
  const [author, reader] = position % 2 === 0 ? [place.contact, user] : [user, place.contact];
  return letterText(rng, author, reader, place.contact.lang);
}
