// Reading a message against the real Dovecot: the source byte for byte; a message with a large
// attachment shows its text without the attachment travelling (lite source); parts download
// decoded and byte for byte, never as something the browser would render in our origin; and
// reading never marks a message read.
import { randomBytes } from 'node:crypto';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_API, OMITTED_HEADER } from '../../src/shared/api.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { createUsers, rawMessage } from '../support/mailstack.js';
import { appendAll, composeMessage, folderTruth, getAs, listWindow, SpareUsers } from '../support/messages.js';

let gateway: TestGateway;
let spare: SpareUsers;

beforeAll(async () => {
  gateway = await startGateway();
  spare = new SpareUsers(gateway, await createUsers(14, 'read'));
});
afterAll(() => gateway.close());

const freshUser = () => spare.next();

const sourceUrl = (uid: number, folder = 'INBOX', full = false) => `${MESSAGE_API.source}?${new URLSearchParams({ folder, uid: String(uid), ...(full ? { full: '1' } : {}) })}`;
const partUrl = (uid: number, part: string, folder = 'INBOX') => `${MESSAGE_API.part}?${new URLSearchParams({ folder, uid: String(uid), part })}`;

const TEXT = 'Hier ist der Bericht, die Tabelle hängt an. Grüße, Jörg';
const bigFile = randomBytes(2 * 1024 * 1024);
const smallFile = Buffer.from('Datum;Betrag\n2024-03-01;12,50\n');
const htmlFile = Buffer.from('<html><body><script>alert(1)</script><p>Angriff</p></body></html>');

/** text + HTML alternative, a 2 MB attachment with an umlaut name, a small CSV and an HTML file. */
function reportMessage(to: string): Promise<Buffer> {
  return composeMessage({
    from: 'Jörg Müller <joerg@example.com>',
    to,
    subject: 'Bericht März',
    text: TEXT,
    html: `<p>${TEXT}</p>`,
    attachments: [
      { filename: 'Bericht März.bin', content: bigFile, contentType: 'application/octet-stream' },
      { filename: 'Zahlen.csv', content: smallFile, contentType: 'text/csv' },
      { filename: 'seite.html', content: htmlFile, contentType: 'text/html' },
    ],
  });
}

describe('source', () => {
  it('is the stored message byte for byte, as message/rfc822 that is neither sniffed nor cached', async () => {
    const { user, signedIn } = await freshUser();
    const raw = rawMessage('anna@example.com', user.address, 'Kurz', 'Nur ein paar Zeilen.\r\nZweite Zeile.');
    const [uid] = await appendAll(user, 'INBOX', [{ raw }]);
    const response = await getAs(gateway, signedIn, sourceUrl(uid!));
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(Buffer.from(raw))).toBe(true);
    expect(response.headers['content-type']).toBe('message/rfc822');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('private, no-store');
    // Opened directly it is a download, never a page (no MHTML rendering on our origin).
    expect(response.headers['content-disposition']).toBe(`attachment; filename=message-${uid}.eml`);
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('of a message with a 2 MB attachment is small, keeps the text and names what it left out', async () => {
    const { user, signedIn } = await freshUser();
    const raw = await reportMessage(user.address);
    const [uid] = await appendAll(user, 'INBOX', [{ raw }]);
    const response = await getAs(gateway, signedIn, sourceUrl(uid!));
    expect(response.statusCode).toBe(200);
    const lite = response.rawPayload;
    expect(lite.length).toBeLessThan(64 * 1024);
    const text = lite.toString('utf8');
    const omitted = [...text.matchAll(new RegExp(`^${OMITTED_HEADER}: (\\d+)\\r$`, 'gm'))].map((match) => Number(match[1]));
    expect(omitted).toHaveLength(1);
    // base64 of 2 MB in 76-character lines: the size Dovecot counts for the part.
    expect(omitted[0]).toBeGreaterThan(bigFile.length * 4 / 3);

    const parsed = await PostalMime.parse(lite);
    expect(parsed.subject).toBe('Bericht März');
    expect(parsed.text?.trim()).toBe(TEXT);
    expect(parsed.html).toContain(TEXT);
    const byName = new Map(parsed.attachments.map((attachment) => [attachment.filename, attachment]));
    expect(Buffer.from(byName.get('Zahlen.csv')!.content as ArrayBuffer).equals(smallFile)).toBe(true);
    expect(Buffer.from(byName.get('seite.html')!.content as ArrayBuffer).equals(htmlFile)).toBe(true);
    const big = byName.get('Bericht März.bin')!;
    expect(Buffer.from(big.content as ArrayBuffer).toString()).toMatch(/^X-Webmail-Omitted part=2 bytes=\d+$/);
  });

  it('keeps the text of a forwarded message and leaves out only the big attachment inside it', async () => {
    const { user, signedIn } = await freshUser();
    const inner = await reportMessage('someone@example.com');
    const boundary = 'outer-boundary-7';
    const raw = Buffer.concat([
      Buffer.from([
        'From: Carla <carla@example.com>', `To: ${user.address}`, 'Subject: Fwd: Bericht März', 'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8', '', 'Siehe unten.', `--${boundary}`,
        'Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="Bericht.eml"', '', '',
      ].join('\r\n')),
      inner,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const [uid] = await appendAll(user, 'INBOX', [{ raw }]);
    const lite = (await getAs(gateway, signedIn, sourceUrl(uid!))).rawPayload;
    expect(lite.length).toBeLessThan(64 * 1024);
    expect(lite.toString()).toContain('Siehe unten.');
    const forwarded = (await PostalMime.parse(lite)).attachments.find((attachment) => attachment.mimeType === 'message/rfc822')!;
    const innerParsed = await PostalMime.parse(forwarded.content as ArrayBuffer);
    expect(innerParsed.text?.trim()).toBe(TEXT);
    expect(innerParsed.attachments.map((attachment) => attachment.filename)).toEqual(['Bericht März.bin', 'Zahlen.csv', 'seite.html']);
    expect(Buffer.from(innerParsed.attachments[0]!.content as ArrayBuffer).toString()).toMatch(/^X-Webmail-Omitted part=2\.2 bytes=\d+$/);
  });

  it('with full=1 is the whole message as a download named message-<uid>.eml', async () => {
    const { user, signedIn } = await freshUser();
    const raw = await reportMessage(user.address);
    const [uid] = await appendAll(user, 'INBOX', [{ raw }]);
    const response = await getAs(gateway, signedIn, sourceUrl(uid!, 'INBOX', true));
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(raw)).toBe(true);
    expect(response.headers['content-disposition']).toBe(`attachment; filename=message-${uid}.eml`);
    expect(response.headers['content-type']).toBe('message/rfc822');
  });

  it('keeps a large message whole when nothing in it is worth leaving out', async () => {
    const { user, signedIn } = await freshUser();
    const longText = `${'Ein langer Absatz über nichts. '.repeat(40)}\r\n`.repeat(1000);
    const raw = await composeMessage({ from: 'a@example.com', to: user.address, subject: 'lang', text: longText });
    expect(raw.length).toBeGreaterThan(1024 * 1024);
    const [uid] = await appendAll(user, 'INBOX', [{ raw }]);
    const response = await getAs(gateway, signedIn, sourceUrl(uid!));
    expect(response.rawPayload.equals(raw)).toBe(true);
  });
});

describe('parts', () => {
  it('downloads the big attachment decoded, byte for byte, as an attachment with its UTF-8 name', async () => {
    const { user, signedIn } = await freshUser();
    const [uid] = await appendAll(user, 'INBOX', [{ raw: await reportMessage(user.address) }]);
    const response = await getAs(gateway, signedIn, partUrl(uid!, '2'));
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(bigFile)).toBe(true);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-disposition']).toMatch(/^attachment; /);
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''Bericht%20M%C3%A4rz.bin");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('never serves an HTML part as text/html, but a CSV keeps its type', async () => {
    const { user, signedIn } = await freshUser();
    const [uid] = await appendAll(user, 'INBOX', [{ raw: await reportMessage(user.address) }]);
    const html = await getAs(gateway, signedIn, partUrl(uid!, '4'));
    expect(html.statusCode).toBe(200);
    expect(html.rawPayload.equals(htmlFile)).toBe(true);
    expect(html.headers['content-type']).toBe('application/octet-stream');
    expect(html.headers['content-disposition']).toBe('attachment; filename=seite.html');
    const csv = await getAs(gateway, signedIn, partUrl(uid!, '3'));
    expect(csv.rawPayload.equals(smallFile)).toBe(true);
    expect(csv.headers['content-type']).toBe('text/csv');
  });

  it('serves an SVG image as a download, never as an image of our origin', async () => {
    const { user, signedIn } = await freshUser();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const raw = await composeMessage({ from: 'a@example.com', to: user.address, subject: 'svg', text: 'x', attachments: [{ filename: 'bild.svg', content: svg, contentType: 'image/svg+xml' }] });
    const [uid] = await appendAll(user, 'INBOX', [{ raw }]);
    const response = await getAs(gateway, signedIn, partUrl(uid!, '2'));
    expect(response.rawPayload.equals(svg)).toBe(true);
    expect(response.headers['content-type']).toBe('application/octet-stream');
  });

  it('answers the body of a single-part message as part 1', async () => {
    const { user, signedIn } = await freshUser();
    const [uid] = await appendAll(user, 'INBOX', [{ raw: rawMessage('a@example.com', user.address, 'eins', 'Der ganze Körper.') }]);
    const response = await getAs(gateway, signedIn, partUrl(uid!, '1'));
    expect(response.rawPayload.toString()).toBe('Der ganze Körper.\r\n');
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  });
});

describe('reading', () => {
  it('does not mark the message read', async () => {
    const { user, signedIn } = await freshUser();
    const [uid] = await appendAll(user, 'INBOX', [{ raw: await reportMessage(user.address) }]);
    for (const url of [sourceUrl(uid!), sourceUrl(uid!, 'INBOX', true), partUrl(uid!, '1.1'), partUrl(uid!, '2')]) {
      expect((await getAs(gateway, signedIn, url)).statusCode, url).toBe(200);
    }
    expect((await folderTruth(user, 'INBOX')).unseen).toEqual([uid]);
    const [row] = (await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 1 })).rows;
    expect(row!.flags.seen).toBe(false);
  });

  it('answers MESSAGE_NOT_FOUND for a UID that is not there, NOT_FOUND for a missing part, BAD_REQUEST for a malformed one', async () => {
    const { user, signedIn } = await freshUser();
    const [uid] = await appendAll(user, 'INBOX', [{ raw: rawMessage('a@example.com', user.address, 'eins') }]);
    for (const url of [sourceUrl(uid! + 100), sourceUrl(uid! + 100, 'INBOX', true), partUrl(uid! + 100, '1')]) {
      const response = await getAs(gateway, signedIn, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('MESSAGE_NOT_FOUND');
    }
    const noPart = await getAs(gateway, signedIn, partUrl(uid!, '3'));
    expect([noPart.statusCode, noPart.json().error.code]).toEqual([404, 'NOT_FOUND']);
    for (const part of ['0', '1..2', 'TEXT', '1.MIME', '-1', '']) {
      const response = await getAs(gateway, signedIn, partUrl(uid!, part));
      expect([response.statusCode, response.json().error.code], part).toEqual([400, 'BAD_REQUEST']);
    }
    const noFolder = await getAs(gateway, signedIn, sourceUrl(uid!, 'Fehlt'));
    expect([noFolder.statusCode, noFolder.json().error.code]).toEqual([404, 'FOLDER_NOT_FOUND']);
  });

});
