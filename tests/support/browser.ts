// Debian's Chromium driven by playwright-core (no browser download on these machines).
// playwright's launch() gives Chromium a fresh temporary --user-data-dir of its own and removes
// it on close; each test then opens its own context, so no cookies or storage are shared.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export interface TestBrowser {
  context(options?: { locale?: string; javaScriptEnabled?: boolean; viewport?: { width: number; height: number } }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
  return {
    context: (options = {}) =>
      browser.newContext({
        locale: options.locale ?? 'en-US',
        javaScriptEnabled: options.javaScriptEnabled ?? true,
        ...(options.viewport ? { viewport: options.viewport } : {}),
      }),
    close: () => browser.close(),
  };
}
