// The built SPA and the real gateway, in Debian's Chromium, against the real Dovecot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.js';
import { GERMAN, signInSpa, startE2E, type E2E } from '../support/e2e.js';
import { createUser, imapAs, rawMessage, type TestUser } from '../support/mailstack.js';

let e2e: E2E;
let browser: TestBrowser;
let base: string;

beforeAll(async () => {
  e2e = await startE2E();
  ({ browser, base } = e2e);
});
afterAll(async () => {
  await e2e?.close();
});

async function userWithMail(): Promise<TestUser> {
  const user = await createUser('e2e');
  const imap = await imapAs(user);
  await imap.append('INBOX', rawMessage('anna@example.com', user.address, 'Willkommen'));
  await imap.append('INBOX', rawMessage('ben@example.com', user.address, 'Rechnung'), ['\\Seen']);
  await imap.append('Trash', rawMessage('ben@example.com', user.address, 'Alt'), ['\\Seen']);
  await imap.logout();
  return user;
}

const signIn = (page: Page, user: TestUser) => signInSpa(page, base, user, { expectInbox: false });

describe('sign-in in the browser', () => {
  it('signs in and shows the folders with counts, special folders first', async () => {
    const user = await userWithMail();
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, user);
    await page.waitForURL(`${base}/mail/INBOX`);
    const links = page.locator('nav .folder-link');
    await expect.poll(() => links.allTextContents()).toEqual(['Inbox1', 'Drafts', 'Sent', 'Junk', 'Trash']);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Inbox · 2 messages');
    await page.getByRole('link', { name: 'Trash' }).click();
    await page.waitForURL(`${base}/mail/Trash`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Trash · 1 message');
    await context.close();
  });

  it('shows a wrong password as a sentence and stays on the sign-in page', async () => {
    const user = await createUser('e2e');
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, { ...user, password: 'not the password' });
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The email address or password is wrong.');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('signs out, after which the mailbox URL leads back to sign-in', async () => {
    const user = await userWithMail();
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, user);
    await page.waitForURL(`${base}/mail/INBOX`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${base}/mail/INBOX`);
    await page.waitForURL(/\/login\?next=/);
    expect(await page.getByLabel('Email address').isVisible()).toBe(true);
    await context.close();
  });

  it('switches to German, keeps the choice across a reload, and speaks German errors', async () => {
    const user = await createUser('e2e');
    const context = await browser.context({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Language').selectOption('de');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bei Ihrem Postfach anmelden');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bei Ihrem Postfach anmelden');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await signInSpa(page, base, { ...user, password: 'falsch' }, { labels: GERMAN, expectInbox: false });
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    await context.close();
  });

  it('starts in German for a German browser', async () => {
    const context = await browser.context({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await expect.poll(() => page.getByRole('button', { name: 'Anmelden' }).count()).toBe(1);
    await context.close();
  });
});
