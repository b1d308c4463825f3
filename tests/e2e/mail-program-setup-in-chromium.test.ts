// The set-up page for mail programs in Chromium: reached from the mailbox in the SPA and from
// the header of /basic with JavaScript off, both showing the host's public servers and the
// mailbox name, and both handing out the Apple profile for this mailbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signInSpa, startE2E, type E2E } from '../support/e2e.js';
import { createUser } from '../support/mailstack.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({
    PUBLIC_IMAP_HOST: 'imap.example.net',
    PUBLIC_IMAP_SECURITY: 'starttls',
    PUBLIC_SMTP_HOST: 'smtp.example.net',
    MAIL_PROVIDER_NAME: 'Beispiel Mail',
  });
});
afterAll(async () => {
  await e2e?.close();
});

/** The term/value pairs of the list under one heading, as the user reads them. */
async function shownRows(page: Page, heading: string): Promise<string[]> {
  const section = page.locator('section').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
  return section.locator('dt, dd').allTextContents();
}

async function expectProfileFor(page: Page, address: string) {
  const link = page.getByRole('link', { name: 'Download the profile for Apple devices' });
  const href = await link.getAttribute('href');
  // The browser's own cookies: the download belongs to the session that opened the page.
  const response = await page.context().request.get(new URL(href!, e2e.base).toString());
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/x-apple-aspen-config/);
  expect(response.headers()['content-disposition']).toContain('attachment');
  const profile = await response.text();
  expect(profile).toMatch(new RegExp(`<key>EmailAddress</key>\\s*<string>${address.replace(/\./g, '\\.')}</string>`));
  expect(profile).toContain('<string>imap.example.net</string>');
}

describe('setting up a mail program', () => {
  it('shows the servers and the user name in the SPA, reached from the mailbox', async () => {
    const user = await createUser('e2e-setup');
    const context = await e2e.browser.context();
    const page = await context.newPage();
    await signInSpa(page, e2e.base, user);
    await page.getByRole('link', { name: 'Set up mail programs' }).click();
    await page.waitForURL(`${e2e.base}/settings/setup`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Set up a mail program');

    await expect.poll(() => shownRows(page, 'Incoming mail (IMAP)')).toEqual([
      'Server', 'imap.example.net', 'Port', '143', 'Connection security', 'STARTTLS',
      'User name', user.address, 'Password', 'Your mailbox password (the same as here)', 'Authentication', 'Normal password',
    ]);
    expect((await shownRows(page, 'Outgoing mail (SMTP)')).slice(0, 8)).toEqual([
      'Server', 'smtp.example.net', 'Port', '465', 'Connection security', 'SSL/TLS', 'User name', user.address,
    ]);
    expect(await page.getByText('550 relay not permitted').count()).toBe(1);
    for (const program of ['Thunderbird', 'Outlook', 'Apple Mail (Mac, iPhone, iPad)', 'Android phones']) {
      expect(await page.getByRole('heading', { level: 3, name: program }).count(), program).toBe(1);
    }
    await expectProfileFor(page, user.address);

    // The language switch re-renders the page in German.
    await page.getByLabel('Language').selectOption('de');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('E-Mail-Programm einrichten');
    expect((await shownRows(page, 'Posteingangsserver (IMAP)')).slice(0, 6)).toEqual(['Server', 'imap.example.net', 'Port', '143', 'Verschlüsselung', 'STARTTLS']);
    await context.close();
  });

  it('shows the same in /basic with JavaScript off, reached from the header', async () => {
    const user = await createUser('e2e-setup');
    const context = await e2e.browser.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${e2e.base}/basic/login?lang=en`);
    await page.getByLabel('Email address').fill(user.address);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${e2e.base}/basic/mail`);
    await page.getByRole('link', { name: 'Set up mail programs' }).click();
    await page.waitForURL(`${e2e.base}/basic/setup`);
    expect(await page.locator('script').count()).toBe(0);
    expect((await shownRows(page, 'Incoming mail (IMAP)')).slice(0, 8)).toEqual([
      'Server', 'imap.example.net', 'Port', '143', 'Connection security', 'STARTTLS', 'User name', user.address,
    ]);
    expect((await shownRows(page, 'Outgoing mail (SMTP)')).slice(0, 6)).toEqual(['Server', 'smtp.example.net', 'Port', '465', 'Connection security', 'SSL/TLS']);
    await expectProfileFor(page, user.address);
    await context.close();
  });

  it('serves Thunderbird autoconfig that the XML parser of Chromium reads, with the right ports', async () => {
    const context = await e2e.browser.context();
    const page = await context.newPage();
    await page.goto(`${e2e.base}/basic/login`);
    for (const path of ['/.well-known/autoconfig/mail/config-v1.1.xml', '/mail/config-v1.1.xml']) {
      const response = await context.request.get(`${e2e.base}${path}?emailaddress=anna%40example.com`);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^application\/xml/);
      const xml = await response.text();
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const one = (selector: string) => doc.querySelector(selector)?.textContent ?? null;
        return {
          errors: doc.getElementsByTagName('parsererror').length,
          root: doc.documentElement.nodeName,
          provider: doc.querySelector('emailProvider')?.getAttribute('id') ?? null,
          imap: [one('incomingServer[type="imap"] hostname'), one('incomingServer[type="imap"] port'), one('incomingServer[type="imap"] socketType')],
          smtp: [one('outgoingServer[type="smtp"] hostname'), one('outgoingServer[type="smtp"] port'), one('outgoingServer[type="smtp"] socketType')],
          username: one('incomingServer username'),
        };
      }, xml);
      expect(parsed, path).toEqual({
        errors: 0, root: 'clientConfig', provider: 'example.com',
        imap: ['imap.example.net', '143', 'STARTTLS'], smtp: ['smtp.example.net', '465', 'SSL'], username: '%EMAILADDRESS%',
      });
    }
    await context.close();
  });
});
