// The built SPA and the real gateway, in Debian's Chromium, against the real Dovecot.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { createUser, imapAs, rawMessage, repoRoot, type TestUser } from '../support/mailstack.js';

let gateway: TestGateway;
let browser: TestBrowser;
let base: string;

beforeAll(async () => {
  if (!existsSync(resolve(repoRoot, 'dist/index.html'))) throw new Error('dist/ is missing: `npm test` builds it before the e2e layer');
  gateway = await startGateway();
  base = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await gateway?.close();
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

async function signIn(page: Page, user: TestUser, labels = { address: 'Email address', password: 'Password', submit: 'Sign in' }) {
  await page.goto(`${base}/`);
  await page.getByLabel(labels.address).fill(user.address);
  await page.getByLabel(labels.password, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: labels.submit }).click();
}

describe('sign-in in the browser', () => {
  it('signs in and shows the folders with counts, special folders first', async () => {
    const user = await userWithMail();
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, user);
    await page.waitForURL(`${base}/mail/INBOX`);
    const links = page.locator('nav .folder-link');
    await expect.poll(() => links.allTextContents()).toEqual(['Inbox1', 'Drafts', 'Sent', 'Junk', 'Trash']);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Inbox');
    expect(await page.locator('.folder-summary').textContent()).toBe('2 messages · 1 unread');
    await page.getByRole('link', { name: 'Trash' }).click();
    await page.waitForURL(`${base}/mail/Trash`);
    expect(await page.locator('.folder-summary').textContent()).toBe('1 messages · 0 unread');
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
    await signIn(page, { ...user, password: 'falsch' }, { address: 'E-Mail-Adresse', password: 'Passwort', submit: 'Anmelden' });
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
