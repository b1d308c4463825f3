// The demo and the integration tests read seeded mail through a real MIME parser; a message that
// only looks right in a text editor (wrong charset label, mangled RFC 2231 name, dangling cid)
// would make the client look broken when the seed is what is broken.
import { beforeAll, describe, expect, it } from 'vitest';
import PostalMime from 'postal-mime';
import type { Email } from 'postal-mime';
import { buildSeedMessage, messageKinds, type SeedMessage } from '../../scripts/mailstack/seed.js';

const USER = 'carol@example.com';
const TOTAL = 300;
const now = Date.now();
const TWO_YEARS = 730 * 86_400_000;

interface Built { message: SeedMessage; parsed: Email }
let built: Built[] = [];
// Node since 20.18.3 decodes windows-1252 bytes 0x80–0x9F as C1 controls (nodejs/node#60888,
// #56542), so postal-mime on Node turns the € byte into U+0080; browsers follow WHATWG. Map back
// here so the test checks the seed, not the runtime.
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const runtimeDecodesCp1252AsLatin1 = new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) !== '€';
const asWhatwg = (message: SeedMessage, text = '') =>
  message.kind === 'cp1252' && runtimeDecodesCp1252AsLatin1
    ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] ?? c)
    : text;
const ofKind = (kind: SeedMessage['kind']) => built.filter((b) => b.message.kind === kind);
const address = (parsed: Email) => (parsed.from && 'address' in parsed.from ? parsed.from.address : undefined);

beforeAll(async () => {
  const options = { seed: 7, total: TOTAL, user: USER, now };
  built = [];
  for (let index = 0; index < TOTAL; index++) {
    const message = await buildSeedMessage(options, index);
    built.push({ message, parsed: await PostalMime.parse(message.raw) });
  }
});

describe('seeded messages', () => {
  it('cover every kind of message at least once', () => {
    expect(new Set(built.map((b) => b.message.kind))).toEqual(new Set(messageKinds));
  });

  it('each have a From, a subject, a unique Message-ID on the sender domain and a Date in the last two years', () => {
    const ids = new Set<string>();
    for (const { message, parsed } of built) {
      const from = address(parsed);
      expect(from, `#${message.index}`).toMatch(/^[^@\s]+@[^@\s]+$/);
      expect(asWhatwg(message, parsed.subject), `#${message.index}`).toBe(message.subject);
      expect(parsed.subject?.length).toBeGreaterThan(3);
      expect(parsed.messageId).toMatch(new RegExp(`@${from?.split('@')[1]?.replace(/\./g, '\\.')}>$`));
      ids.add(parsed.messageId ?? '');
      const date = Date.parse(parsed.date ?? '');
      expect(date, `#${message.index} ${parsed.date}`).toBeGreaterThan(now - TWO_YEARS);
      expect(date).toBeLessThanOrEqual(now);
      // the header says the same second as the file's mtime will
      expect(date).toBe(Math.floor(message.date.getTime() / 1000) * 1000);
      expect(parsed.headers.some((h) => h.key === 'mime-version')).toBe(true);
      expect(message.raw.includes(13), 'Maildir files use LF line ends').toBe(false);
    }
    expect(ids.size).toBe(TOTAL);
  });

  it('keep the newest message under a day old and dates rising with the index', () => {
    const times = built.map((b) => b.message.date.getTime());
    expect(now - (times[TOTAL - 1] ?? 0)).toBeLessThan(86_400_000);
    expect(times.every((t, n) => n === 0 || t > (times[n - 1] ?? 0))).toBe(true);
  });

  it('go to the right folders with Maildir flags in order', () => {
    for (const { message, parsed } of built) {
      expect(message.flags).toMatch(/^F?R?S?$/);
      const fromUser = address(parsed) === USER;
      if (message.folder === 'Sent') expect(fromUser).toBe(true);
      else expect(fromUser).toBe(false);
      if (message.kind === 'junk') expect(message.folder).toBe('Junk');
    }
    const inbox = built.filter((b) => b.message.folder === 'INBOX').length;
    expect(inbox / TOTAL).toBeGreaterThan(0.8);
    expect(inbox / TOTAL).toBeLessThan(0.95);
    for (const folder of ['Sent', 'Trash', 'Junk'] as const) {
      expect(built.some((b) => b.message.folder === folder), folder).toBe(true);
    }
    expect(built.filter((b) => b.message.flags.includes('S')).length / TOTAL).toBeGreaterThan(0.5);
  });

  it('decode umlauts and € from ISO-8859-1 and windows-1252, with the charset labelled as encoded', () => {
    const legacy = [...ofKind('latin1'), ...ofKind('cp1252')];
    expect(legacy.length).toBeGreaterThan(0);
    for (const { message, parsed } of legacy) {
      const text = asWhatwg(message, `${parsed.subject}\n${parsed.text}`);
      expect(text).toMatch(/[äöüÄÖÜß]/);
      expect(text).not.toMatch(/[\u0080-\u009f\ufffd]/); // C1 controls would mean a wrong label
      const raw = message.raw.toString('latin1');
      if (message.kind === 'cp1252') {
        expect(text).toContain('€');
        expect(text).toMatch(/[„“–]/);
        expect(raw).toContain('charset="windows-1252"');
        expect(raw).toMatch(/\x80|=80/); // € really is the windows-1252 byte, raw or quoted-printable
      } else {
        expect(raw).toContain('charset="ISO-8859-1"');
      }
      expect(raw).not.toMatch(/[\u00c3][\u0080-\u00bf]/); // no UTF-8 sequences behind a legacy label
    }
  });

  it('keep attachment names, umlauts included (RFC 2231), and the attachment bytes', () => {
    let umlautNames = 0;
    for (const { message, parsed } of built.filter((b) => b.message.attachmentNames.length)) {
      expect(parsed.attachments.map((a) => a.filename).sort()).toEqual([...message.attachmentNames].sort());
      umlautNames += message.attachmentNames.filter((name) => /[äöüÄÖÜß–]/.test(name)).length;
      for (const attachment of parsed.attachments) {
        const bytes = new Uint8Array(attachment.content as ArrayBuffer);
        if (attachment.filename?.endsWith('.pdf')) expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
        if (attachment.filename?.endsWith('.png')) expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      }
    }
    expect(umlautNames).toBeGreaterThan(0);
    expect(built.some((b) => b.parsed.attachments.some((a) => a.filename === 'Übersicht März.pdf'))).toBe(true);
    for (const { parsed } of ofKind('big-attachment')) {
      expect((parsed.attachments[0]?.content as ArrayBuffer).byteLength).toBeGreaterThan(800_000);
    }
  });

  it('refer to inline images by cid: URLs that match an attachment Content-ID', () => {
    for (const { message, parsed } of ofKind('cid')) {
      const cid = message.cids[0] ?? '';
      expect(parsed.html).toContain(`src="cid:${cid}"`);
      const image = parsed.attachments.find((a) => a.contentId === `<${cid}>`);
      expect(image?.mimeType).toBe('image/png');
      expect([...new Uint8Array(image?.content as ArrayBuffer).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }
  });

  it('thread replies with In-Reply-To and References pointing at earlier messages', () => {
    const idToIndex = new Map(built.map((b) => [b.parsed.messageId, b.message.index]));
    const replies = ofKind('thread').filter((b) => b.parsed.inReplyTo);
    expect(replies.length).toBeGreaterThan(3);
    for (const { message, parsed } of replies) {
      expect(parsed.subject).toMatch(/^(Re|AW): /);
      expect(idToIndex.get(parsed.inReplyTo)).toBeLessThan(message.index);
      const references = parsed.references?.split(/\s+/) ?? [];
      expect(references.at(-1)).toBe(parsed.inReplyTo);
      for (const reference of references) expect(idToIndex.get(reference)).toBeLessThan(message.index);
      expect(parsed.text).toMatch(/^> /m);
    }
  });

  it('give newsletters remote images, a tracking pixel and a CSS background URL', () => {
    const html = ofKind('newsletter').map((b) => b.parsed.html ?? '').join('\n');
    expect(html).toMatch(/<img src="https:\/\//);
    expect(html).toMatch(/<img src="http:\/\//);
    expect(html).toMatch(/width="1" height="1"/);
    expect(html).toMatch(/background:[^;"]*url\(/);
    expect(ofKind('newsletter').every((b) => b.parsed.text && b.parsed.html)).toBe(true);
  });

  it('carry every hostile construct the sanitizer must remove', () => {
    const html = ofKind('hostile').map((b) => b.parsed.html ?? '').join('\n');
    for (const construct of ['<script>', 'onerror=', 'javascript:', '<iframe', '<form', 'http-equiv="refresh"', '@import', '<svg']) {
      expect(html, construct).toContain(construct);
    }
  });

  it('mark a few with Authentication-Results, passing and failing', () => {
    const results = built.flatMap((b) => b.parsed.headers.filter((h) => h.key === 'authentication-results').map((h) => h.value));
    expect(results.some((v) => /spf=pass.*dkim=pass.*dmarc=pass/s.test(v))).toBe(true);
    expect(results.some((v) => /dmarc=fail/.test(v))).toBe(true);
    expect(results.every((v) => v.startsWith('mx.example.com;'))).toBe(true);
  });

  it('are the same bytes for the same seed and different for another', async () => {
    const options = { seed: 7, total: TOTAL, user: USER, now };
    for (const index of [0, 57, 299]) {
      expect((await buildSeedMessage(options, index)).raw.equals(built[index]?.message.raw ?? Buffer.alloc(0))).toBe(true);
    }
    const other = await buildSeedMessage({ ...options, seed: 8 }, 57);
    expect(other.raw.equals(built[57]?.message.raw ?? Buffer.alloc(0))).toBe(false);
  });
});
