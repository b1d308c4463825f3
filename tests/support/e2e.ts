// The e2e layer's shared set-up: the real gateway listening on a free port with the built SPA,
// and Debian's Chromium; plus signing in through the SPA's own form.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './browser.js';
import { startGateway, type TestGateway } from './gateway.js';
import { repoRoot, type TestUser } from './mailstack.js';

export interface E2E {
  gateway: TestGateway;
  browser: TestBrowser;
  base: string;
  close(): Promise<void>;
}

export async function startE2E(settings: Record<string, string> = {}): Promise<E2E> {
  if (!existsSync(resolve(repoRoot, 'dist/index.html'))) throw new Error('dist/ is missing: `npm test` builds it before the e2e layer');
  const gateway = await startGateway(settings);
  const base = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser();
  return {
    gateway,
    browser,
    base,
    close: async () => {
      await browser.close();
      await gateway.close();
    },
  };
}

export const ENGLISH = { address: 'Email address', password: 'Password', submit: 'Sign in' };
export const GERMAN = { address: 'E-Mail-Adresse', password: 'Passwort', submit: 'Anmelden' };

/** Fills and submits the SPA's sign-in form; waits for the inbox unless told the sign-in should fail. */
export async function signInSpa(page: Page, base: string, user: TestUser, options: { labels?: typeof ENGLISH; expectInbox?: boolean } = {}) {
  const labels = options.labels ?? ENGLISH;
  await page.goto(`${base}/login`);
  await page.getByLabel(labels.address).fill(user.address);
  await page.getByLabel(labels.password, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: labels.submit }).click();
  if (options.expectInbox !== false) await page.waitForURL(`${base}/mail/INBOX`);
}
