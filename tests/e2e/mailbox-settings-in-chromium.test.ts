// Autoresponder, forwarding and the quota bar in Chromium: set and cleared through the SPA's
// screen, checked in the Sieve script the mail server holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectManageSieve } from '../../server/sieve/managesieve.js';
import { signInSpa, startE2E, type E2E } from '../support/e2e.js';
import { createUser, imapAs, mailstack, type TestUser } from '../support/mailstack.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

async function webmailScript(user: TestUser): Promise<string | null> {
  const client = await connectManageSieve({ host: '127.0.0.1', port: mailstack().managesievePort, security: 'none', tlsVerify: false, user: user.address, password: user.password });
  try {
    return await client.getScript('webmail');
  } finally {
    await client.logout();
  }
}

describe('mailbox settings in the SPA', () => {
  it('sets and clears an autoresponder and a forwarder, and refuses a loop with the text kept', async () => {
    const user = await createUser('e2e-sieve');
    const carol = await createUser('e2e-sieve');
    const context = await e2e.browser.context();
    const page = await context.newPage();
    await signInSpa(page, e2e.base, user);
    await page.getByRole('link', { name: 'Autoresponder & forwarding' }).click();
    await page.waitForURL(`${e2e.base}/settings/mail`);

    await page.getByLabel('Answer incoming mail automatically').check();
    await page.getByLabel('Subject prefix').fill('Abwesend:');
    await page.getByLabel('Message').fill('Ich bin bis zum 4. Januar nicht da.');
    await page.getByLabel('Last day (optional)').fill('2027-01-04');
    await page.getByLabel(/Forward to/).fill(`${user.address}\n`);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContain('Forwarding to this mailbox itself would send the mail round in circles.');
    expect(await page.getByLabel('Message').inputValue()).toBe('Ich bin bis zum 4. Januar nicht da.');
    expect(await webmailScript(user)).toBeNull();

    await page.getByLabel(/Forward to/).fill(`${carol.address}\n`);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Saved. The mail server now has these settings.');
    const script = await webmailScript(user);
    expect(script).toContain('currentdate :value "le" "date" "2027-01-04"');
    expect(script).toContain(':subject "Abwesend: ${subject}"');
    expect(script).toContain(`redirect :copy "${carol.address}";`);

    // A fresh load shows what the server holds.
    await page.reload();
    await expect.poll(() => page.getByLabel('Subject prefix').inputValue()).toBe('Abwesend:');
    expect(await page.getByLabel(/Forward to/).inputValue()).toBe(carol.address);
    expect(await page.getByLabel('Answer incoming mail automatically').isChecked()).toBe(true);

    await page.getByLabel('Answer incoming mail automatically').uncheck();
    await page.getByLabel(/Forward to/).fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Saved. The mail server now has these settings.');
    const cleared = await webmailScript(user);
    expect(cleared).not.toContain('vacation');
    expect(cleared).not.toContain('redirect');
    await context.close();
  });

  it('shows the quota as a bar in the folder pane and warns above 90 %', async () => {
    const user = await createUser('e2e-quota', '1M');
    const imap = await imapAs(user);
    await imap.append('INBOX', `Subject: Groß\r\nFrom: a@example.com\r\n\r\n${'x'.repeat(960 * 1024)}\r\n`);
    await imap.logout();
    const context = await e2e.browser.context();
    const page = await context.newPage();
    await signInSpa(page, e2e.base, user);
    const pane = page.getByRole('navigation', { name: 'Folders' });
    await expect.poll(() => pane.locator('.quota-usage').textContent(), { timeout: 10_000 }).toMatch(/^9\d\d(\.\d)? KB of 1 MB used$/);
    expect(Number(await pane.locator('meter').getAttribute('value'))).toBeGreaterThan(0.9);
    expect(await pane.getByRole('alert').textContent()).toMatch(/Your mailbox is almost full \(9\d %\)/);
    await context.close();
  });
});
