// Writing mail in Chromium through the real gateway, Postfix and Dovecot.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.js';
import { GERMAN, signInSpa, startE2E, type E2E } from '../support/e2e.js';
import { createUsers, imapAs, type TestUser } from '../support/mailstack.js';

let e2e: E2E;
let browser: TestBrowser;
let base: string;
const files = mkdtempSync(join(tmpdir(), 'webmail-e2e-files-'));

beforeAll(async () => {
  e2e = await startE2E();
  ({ browser, base } = e2e);
});
afterAll(async () => {
  await e2e?.close();
});

const signIn = (page: Page, user: TestUser) => signInSpa(page, base, user);

async function inboxSubjects(user: TestUser): Promise<string[]> {
  const imap = await imapAs(user);
  const lock = await imap.getMailboxLock('INBOX');
  try {
    const subjects: string[] = [];
    for await (const message of imap.fetch('1:*', { envelope: true })) subjects.push(message.envelope?.subject ?? '');
    return subjects;
  } catch {
    return [];
  } finally {
    lock.release();
    await imap.logout();
  }
}

describe('writing mail', () => {
  it('sends a message with an attachment that arrives, and keeps a copy in Sent', async () => {
    const [alice, bob] = await createUsers(2, 'e2e-write');
    const attachment = join(files, 'Übersicht März.txt');
    writeFileSync(attachment, 'Zeile eins\nZeile zwei\n');
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, alice!);
    await page.getByRole('link', { name: 'Write' }).click();
    await page.waitForURL(`${base}/compose`);
    await page.getByLabel('To', { exact: true }).fill(bob!.address);
    await page.getByLabel('Subject').fill('Grüße mit Anhang');
    await page.getByLabel('Message').fill('Hallo Bob,\nanbei die Übersicht.\nAlice');
    await page.locator('input[type="file"]').setInputFiles(attachment);
    await expect.poll(() => page.locator('.compose-attachments li').first().textContent()).toContain('Übersicht März.txt');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/mail\/INBOX\?sent=1/);
    expect(await page.getByRole('status').first().textContent()).toContain('Your message was sent.');
    await expect.poll(() => inboxSubjects(bob!), { timeout: 10_000 }).toEqual(['Grüße mit Anhang']);
    await page.getByRole('link', { name: /^Sent/ }).click();
    await expect.poll(() => page.locator('.list-row .row-subject').allTextContents()).toEqual(['Grüße mit AnhangHas attachments']);
    await context.close();
  });

  it('refuses a file past the attachment limit before uploading, and says so', async () => {
    const [alice] = await createUsers(1, 'e2e-write');
    const big = join(files, 'gross.bin');
    writeFileSync(big, Buffer.alloc(8 * 1024 * 1024 + 1, 1));
    const context = await browser.context();
    const page = await context.newPage();
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/compose/attachments')) uploads.push(request.method());
    });
    await signIn(page, alice!);
    await page.goto(`${base}/compose`);
    await page.locator('input[type="file"]').setInputFiles(big);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('gross.bin is too large');
    expect(uploads).toEqual([]);
    await context.close();
  });

  it('keeps the message when the server refuses to relay, and says why', async () => {
    const [alice] = await createUsers(1, 'e2e-write');
    const context = await browser.context({ locale: 'de-DE' });
    const page = await context.newPage();
    await signInSpa(page, base, alice!, { labels: GERMAN });
    await page.goto(`${base}/compose`);
    await page.getByLabel('An', { exact: true }).fill('jemand@gmail.com');
    await page.getByLabel('Betreff').fill('Nach draußen');
    await page.getByLabel('Nachricht').fill('Dieser Text darf nicht verloren gehen.');
    await page.getByRole('button', { name: 'Senden' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Weiterleitung nicht erlaubt');
    expect(await page.getByLabel('Nachricht').inputValue()).toBe('Dieser Text darf nicht verloren gehen.');
    expect(page.url()).toContain('/compose');
    await context.close();
  });

  it('saves a draft by itself and continues it later', async () => {
    const [alice] = await createUsers(1, 'e2e-write');
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, alice!);
    await page.goto(`${base}/compose`);
    await page.getByLabel('Subject').fill('Halbfertig');
    await page.getByLabel('Message').fill('Erster Absatz');
    await expect.poll(() => page.locator('.compose-actions .hint').textContent(), { timeout: 15_000 }).toContain('Draft saved');
    await page.goto(`${base}/mail/Drafts`);
    await page.getByText('Halbfertig').click();
    await page.getByRole('link', { name: 'Continue writing' }).click();
    await expect.poll(() => page.getByLabel('Message').inputValue()).toContain('Erster Absatz');
    await context.close();
  });
});
