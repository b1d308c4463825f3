// Reading mail in /basic with JavaScript off, in Chromium against the real Dovecot: sign in,
// folders with unread counts, paging, sorting, search, a plain and a hostile HTML message
// (no script anywhere, remote images blocked until asked for), attachments, actions on several
// messages by checkbox, deleting for good after a confirmation, sign-out; and once in German.
// After every POST the browser is on a GET URL that says what happened (post/redirect/get).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PAGE_SIZE } from '../../src/shared/limits.js';
import { startE2E, type E2E } from '../support/e2e.js';
import { appendAll, composeMessage, folderTruth, uniqueWord } from '../support/messages.js';
import { createUser, imapAs, rawMessage, type TestUser } from '../support/mailstack.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function hostileHtml(user: TestUser, word: string): Promise<Buffer> {
  return composeMessage({
    from: 'Werbung <news@shop.example>',
    to: user.address,
    subject: `Angebot ${word}`,
    text: `Hallo Text-Welt ${word}`,
    html: `<p onclick="alert(1)">Hallo HTML-Welt</p><script>alert(2)</script><img src="https://tracker.example/p.png" alt="">
<img src="cid:logo@shop.example" alt="Logo"><a href="javascript:alert(3)">klick</a><iframe src="https://evil.example/"></iframe>`,
    attachments: [
      { filename: 'logo.png', content: PIXEL, contentType: 'image/png', cid: 'logo@shop.example' },
      { filename: 'bericht.pdf', content: Buffer.from('%PDF-1.4 kein echtes pdf'), contentType: 'application/pdf' },
    ],
    headers: { 'Authentication-Results': 'mx.example.com; spf=pass smtp.mailfrom=shop.example; dkim=fail header.d=shop.example' },
  });
}

async function signIn(page: Page, user: TestUser, lang: 'en' | 'de' = 'en') {
  const labels = lang === 'en' ? ['Email address', 'Password', 'Sign in'] : ['E-Mail-Adresse', 'Passwort', 'Anmelden'];
  await page.goto(`${e2e.base}/basic/login?lang=${lang}`);
  await page.getByLabel(labels[0]!).fill(user.address);
  await page.getByLabel(labels[1]!, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: labels[2] }).click();
  await page.waitForURL(`${e2e.base}/basic/mail`);
}

const pathOf = (page: Page) => page.url().slice(e2e.base.length);
const status = (page: Page) => page.getByRole('status').textContent();
const select = (page: Page, user: TestUser, subject: string) => page.getByLabel(`Select message from ${user.address}: ${subject}`).check();

describe('/basic reading with JavaScript off', () => {
  it('lists, pages, sorts, searches, opens plain and hostile HTML mail, acts on several messages, and signs out', async () => {
    const user = await createUser('basic-read');
    const word = uniqueWord();
    const subjects = Array.from({ length: PAGE_SIZE + 3 }, (_, i) => `Nachricht ${String(i + 1).padStart(2, '0')}`);
    await appendAll(user, 'INBOX', subjects.map((subject) => ({ raw: rawMessage(user.address, user.address, subject, `Text von ${subject}`) })));
    const [htmlUid] = await appendAll(user, 'INBOX', [{ raw: await hostileHtml(user, word) }]);
    const imap = await imapAs(user);
    await imap.mailboxCreate('Projekte');
    await imap.logout();

    const context = await e2e.browser.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, user);
    await expect.poll(() => page.getByRole('navigation', { name: 'Folders' }).textContent()).toContain(`Inbox (${PAGE_SIZE + 4} unread)`);
    expect(await page.locator('tbody tr').count()).toBe(PAGE_SIZE);
    expect(await page.locator('.paging').textContent()).toContain('Page 1 of 2');
    await page.getByRole('link', { name: 'Next page' }).click();
    expect(pathOf(page)).toBe('/basic/mail?folder=INBOX&page=2');
    expect(await page.locator('tbody tr').count()).toBe(4);
    expect(await page.locator('.paging').textContent()).toContain('Page 2 of 2');

    await page.getByLabel('Sort by').selectOption('subject');
    await page.getByLabel('Order').selectOption('asc');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(pathOf(page)).toBe('/basic/mail?folder=INBOX&q=&sort=subject&order=asc&filter=all');
    expect(await page.locator('tbody tr td:nth-child(4)').first().textContent()).toBe(`Angebot ${word}`);
    expect(await page.locator('tbody tr td:nth-child(4)').nth(1).textContent()).toBe('Nachricht 01');

    await page.getByLabel('Search mail').fill(word);
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.locator('tbody tr').count()).toBe(1);

    // The hostile HTML message: no script on the page or in the frame document, remote image blocked.
    await page.getByRole('link', { name: `Angebot ${word}` }).click();
    expect(pathOf(page)).toBe(`/basic/message?folder=INBOX&uid=${htmlUid}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Angebot ${word}`);
    expect(await page.locator('.auth').textContent()).toBe('Sender check: SPF: verified, DKIM: failed');
    expect(await page.content()).not.toMatch(/<script|\son\w+=/i);
    const frame = page.locator('iframe.mail-frame');
    expect(await frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    const bodyUrl = `${e2e.base}${await frame.getAttribute('src')}`;
    const body = await context.request.get(bodyUrl);
    const frameHtml = await body.text();
    expect(frameHtml).toContain('Hallo HTML-Welt');
    expect(frameHtml).not.toMatch(/<script|\son\w+=|javascript:|<iframe|\ssrc="https?:/i);
    expect(frameHtml).toMatch(/<img src="data:image\/png;base64,/);
    expect(body.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:; /);
    // Chromium loads the frame from the body route even with JavaScript off.
    await expect.poll(() => page.frames().some((f) => f.url() === bodyUrl)).toBe(true);
    expect(await page.locator('.remote-bar').textContent()).toContain('1 remote items');
    const pdf = page.getByRole('link', { name: 'Download bericht.pdf' });
    expect(await pdf.getAttribute('href')).toMatch(new RegExp(`^/api/messages/part\\?folder=INBOX&uid=${htmlUid}&part=\\d`));
    const download = await context.request.get(`${e2e.base}${await pdf.getAttribute('href')}`);
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="?bericht\.pdf"?$/);
    expect(await download.text()).toBe('%PDF-1.4 kein echtes pdf');
    expect((await folderTruth(user, 'INBOX')).unseen).not.toContain(htmlUid);

    await page.getByRole('link', { name: 'Show them' }).click();
    expect(pathOf(page)).toBe(`/basic/message?folder=INBOX&uid=${htmlUid}&remote=1`);
    expect(await page.locator('.remote-bar').count()).toBe(0);
    const remote = await context.request.get(`${e2e.base}${await page.locator('iframe.mail-frame').getAttribute('src')}`);
    expect(await remote.text()).toContain('src="https://tracker.example/p.png"');
    expect(remote.headers()['content-security-policy']).toContain('img-src data: https: http:');

    await page.getByRole('link', { name: 'Show as plain text' }).click();
    expect(pathOf(page)).toBe(`/basic/message?folder=INBOX&uid=${htmlUid}&view=text`);
    expect(await page.locator('.plain-body').textContent()).toContain(`Hallo Text-Welt ${word}`);

    // A plain message shows its text on the page itself.
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await page.getByRole('link', { name: 'Nachricht 53' }).click();
    expect(await page.locator('.plain-body').textContent()).toBe('Text von Nachricht 53');
    expect(await page.locator('iframe').count()).toBe(0);

    // Several at once by checkbox: mark unread, flag, move, delete (to Trash).
    await page.getByRole('link', { name: 'Back to the list' }).click();
    expect(pathOf(page)).toBe('/basic/mail?folder=INBOX');
    for (const subject of ['Nachricht 53', 'Nachricht 52']) await select(page, user, subject);
    await page.getByLabel(`Select message from Werbung: Angebot ${word}`).check();
    await page.getByRole('button', { name: 'Mark unread' }).click();
    expect(pathOf(page)).toBe('/basic/mail?folder=INBOX&done=unread&count=3&missing=0');
    expect(await status(page)).toBe('Marked unread: 3.');
    expect((await folderTruth(user, 'INBOX')).unseen).toHaveLength(PAGE_SIZE + 4);

    await select(page, user, 'Nachricht 53');
    await select(page, user, 'Nachricht 51');
    await page.getByRole('button', { name: 'Flag', exact: true }).click();
    expect(pathOf(page)).toBe('/basic/mail?folder=INBOX&done=flagged&count=2&missing=0');
    expect(await status(page)).toBe('Flagged: 2.');
    expect((await folderTruth(user, 'INBOX')).flagged).toHaveLength(2);
    await page.getByRole('link', { name: 'Flagged', exact: true }).click();
    expect(await page.locator('tbody tr').count()).toBe(2);
    await page.getByRole('link', { name: 'All', exact: true }).click();

    await select(page, user, 'Nachricht 50');
    await select(page, user, 'Nachricht 49');
    await page.getByLabel('Move to…').selectOption('Projekte');
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    expect(pathOf(page)).toBe('/basic/mail?folder=INBOX&done=moved&count=2&missing=0');
    expect(await status(page)).toBe('Moved: 2.');
    expect((await folderTruth(user, 'Projekte')).uids).toHaveLength(2);

    await select(page, user, 'Nachricht 48');
    await select(page, user, 'Nachricht 47');
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    expect(await status(page)).toBe('Moved to Trash: 2.');

    // A message deleted elsewhere meanwhile is reported, not an error.
    await select(page, user, 'Nachricht 46');
    await select(page, user, 'Nachricht 45');
    const gone = (await folderTruth(user, 'INBOX')).uids;
    const other = await imapAs(user);
    await other.mailboxOpen('INBOX');
    await other.messageDelete(String(gone[44]), { uid: true });
    await other.logout();
    await page.getByRole('button', { name: 'Mark read' }).click();
    expect(await status(page)).toBe('Marked read: 1. 1 messages were no longer there (moved or deleted elsewhere).');

    // In Trash, deleting is for good: a confirmation page first.
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Trash' }).click();
    await select(page, user, 'Nachricht 48');
    await select(page, user, 'Nachricht 47');
    await page.getByRole('button', { name: 'Delete for good' }).click();
    expect(pathOf(page)).toMatch(/^\/basic\/mail\/confirm\?folder=Trash&/);
    expect(await page.getByText('Delete 2 messages for good?').count()).toBe(1);
    await page.getByRole('button', { name: 'Delete for good' }).click();
    expect(pathOf(page)).toBe('/basic/mail?folder=Trash&done=expunged&count=2&missing=0');
    expect(await status(page)).toBe('Deleted for good: 2.');
    expect((await folderTruth(user, 'Trash')).uids).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(pathOf(page)).toBe('/basic/login');
    await page.goto(`${e2e.base}/basic/mail`);
    expect(pathOf(page)).toMatch(/^\/basic\/login\?next=/);
    await context.close();
  });

  it('works in German: folder names, counts, actions and their outcome in words', async () => {
    const user = await createUser('basic-read-de');
    await appendAll(user, 'INBOX', [{ raw: rawMessage(user.address, user.address, 'Grüße aus Köln') }]);
    const context = await e2e.browser.context({ javaScriptEnabled: false, locale: 'de-DE' });
    const page = await context.newPage();
    await signIn(page, user, 'de');
    expect(await page.getByRole('navigation', { name: 'Ordner' }).textContent()).toContain('Posteingang (1 ungelesen)');
    await page.getByRole('link', { name: 'Grüße aus Köln' }).click();
    expect(await page.getByRole('link', { name: 'Antworten', exact: true }).getAttribute('href')).toMatch(/^\/basic\/compose\?kind=reply&folder=INBOX&uid=\d+$/);
    await page.getByRole('button', { name: 'Markieren', exact: true }).click();
    expect(pathOf(page)).toMatch(/^\/basic\/message\?folder=INBOX&uid=\d+&done=flagged&count=1&missing=0$/);
    expect(await status(page)).toBe('Markiert: 1.');
    await page.getByRole('button', { name: 'Als ungelesen markieren' }).click();
    expect(pathOf(page)).toBe('/basic/mail?folder=INBOX&done=unread&count=1&missing=0');
    expect(await status(page)).toBe('Als ungelesen markiert: 1.');
    expect(await page.getByRole('navigation', { name: 'Ordner' }).textContent()).toContain('Posteingang (1 ungelesen)');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    expect(pathOf(page)).toBe('/basic/login');
    await context.close();
  });
});
