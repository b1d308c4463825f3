// A reload of the mailbox shows the rows cached on this device at once, from the session the SPA
// remembers, while the gateway confirms that session (src/state/session.ts). The risks: mail shown
// to someone whose session has ended, mail fetched or cached under a cookie that by now belongs to
// someone else, and mail left in the browser after sign-out. The built SPA and the real gateway in
// Chromium; GET /api/session is held back with context.route to see what happens meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.js';
import { signInSpa, startE2E, type E2E } from '../support/e2e.js';
import { createUsers, imapAs, rawMessage, type TestUser } from '../support/mailstack.js';

let e2e: E2E;
let browser: TestBrowser;
let base: string;
let users: TestUser[];

beforeAll(async () => {
  e2e = await startE2E();
  ({ browser, base } = e2e);
  users = await createUsers(5, 'e2e-reload');
});
afterAll(async () => {
  await e2e?.close();
});

async function userWithMessage(subject: string): Promise<TestUser> {
  const user = users.shift()!;
  const imap = await imapAs(user);
  await imap.append('INBOX', rawMessage('anna@example.com', user.address, subject), ['\\Seen']);
  await imap.logout();
  return user;
}

/** Holds every GET /api/session until `release()`; the other requests go on as they come. */
async function holdSessionCheck(context: BrowserContext): Promise<{ release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await context.route('**/api/session', async (route) => {
    if (route.request().method() === 'GET') await released;
    await route.continue();
  });
  return { release };
}

/** API paths the page's next document asks for, the session check left out. */
function apiRequests(page: Page): string[] {
  const asked: string[] = [];
  // What the page being left still asked for (push events arrive at any time) does not count.
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) asked.length = 0;
  });
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/') && path !== '/api/session') asked.push(path);
  });
  return asked;
}

const firstSubject = (page: Page) => page.locator('.list-row .row-subject').first().textContent();

describe('a reload of the mailbox', () => {
  it('shows the cached rows before the gateway has confirmed the session, and asks nothing else meanwhile', async () => {
    const user = await userWithMessage('Reiseplan');
    const context = await browser.context();
    const page = await context.newPage();
    await signInSpa(page, base, user);
    await expect.poll(() => firstSubject(page)).toBe('Reiseplan');

    const check = await holdSessionCheck(context);
    const asked = apiRequests(page);
    await page.reload();
    await expect.poll(() => firstSubject(page)).toBe('Reiseplan');
    expect(await page.getByText(`Signed in as ${user.address}`).isVisible()).toBe(true);
    expect(asked).toEqual([]);

    check.release();
    await expect.poll(() => asked.includes('/api/messages')).toBe(true);
    await expect.poll(() => asked.includes('/api/events')).toBe(true);
    expect(await firstSubject(page)).toBe('Reiseplan');
    await context.close();
  });

  it('goes to sign-in when the session has ended meanwhile, and fetches and keeps nothing more', async () => {
    const user = await userWithMessage('Vertraulich');
    const context = await browser.context();
    const page = await context.newPage();
    await signInSpa(page, base, user);
    await expect.poll(() => firstSubject(page)).toBe('Vertraulich');

    // Two days on the gateway's clock: past the idle and the absolute timeout.
    e2e.gateway.advanceClock(2 * 24 * 3600);
    const check = await holdSessionCheck(context);
    const asked = apiRequests(page);
    await page.reload();
    check.release();
    await page.waitForURL(/\/login\?next=/);
    expect(await page.getByLabel('Email address').isVisible()).toBe(true);
    expect(await page.locator('.list-row').count()).toBe(0);
    // The held requests were dropped, not sent under the ended session.
    expect(asked).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.getItem('webmail.lastSession') ?? localStorage.getItem('webmail.lastSession'))).toBeNull();

    // A second reload does not even start from the cache: nothing is remembered any more.
    await page.goto(`${base}/mail/INBOX`);
    await page.waitForURL(/\/login\?next=/);
    expect(await page.locator('.list-row').count()).toBe(0);
    await context.close();
  });

  it('starts over as the other user when someone else signed in on this browser meanwhile', async () => {
    const first = await userWithMessage('Für die Erste');
    const second = await userWithMessage('Für den Zweiten');
    const context = await browser.context();
    const page = await context.newPage();
    await signInSpa(page, base, first);
    await expect.poll(() => firstSubject(page)).toBe('Für die Erste');

    // Someone else signs in on this browser (another tab, the basic version): the cookie is theirs now.
    const signedIn = await context.request.post(`${base}/api/session`, { data: { username: second.address, password: second.password } });
    expect(signedIn.status()).toBe(200);

    await page.reload();
    await expect.poll(() => page.getByText(`Signed in as ${second.address}`).isVisible()).toBe(true);
    await expect.poll(() => firstSubject(page)).toBe('Für den Zweiten');
    // Nothing of the second mailbox landed in the first one's cache.
    const cachedSubjects = await page.evaluate(async (address) => {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(address.toLowerCase()));
      const name = `webmail-${[...new Uint8Array(digest)].slice(0, 12).map((b) => b.toString(16).padStart(2, '0')).join('')}`;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const windows = await new Promise<{ response: { rows: { subject: string }[] } }[]>((resolve) => {
        const request = db.transaction('windows').objectStore('windows').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return windows.flatMap((window) => window.response.rows.map((row) => row.subject));
    }, first.address);
    expect(cachedSubjects).toEqual(['Für die Erste']);
    await context.close();
  });
});

describe('sign-out', () => {
  it('leaves neither the remembered session nor the cached mail in the browser', async () => {
    const user = await userWithMessage('Kontoauszug');
    const context = await browser.context();
    const page = await context.newPage();
    await signInSpa(page, base, user);
    await expect.poll(() => firstSubject(page)).toBe('Kontoauszug');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    const left = await page.evaluate(async () => ({
      remembered: sessionStorage.getItem('webmail.lastSession') ?? localStorage.getItem('webmail.lastSession'),
      databases: (await indexedDB.databases()).map((database) => database.name).filter((name) => name?.startsWith('webmail-')),
    }));
    expect(left).toEqual({ remembered: null, databases: [] });
    await page.goto(`${base}/mail/INBOX`);
    await page.waitForURL(/\/login\?next=/);
    expect(await page.locator('.list-row').count()).toBe(0);
    await context.close();
  });
});
