// Both password screens in Chromium against the real Dovecot passwd-file: the SPA's settings
// screen, and the stand-alone page with JavaScript turned off. Then the new password signs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.js';
import { GERMAN, signInSpa, startE2E, type E2E } from '../support/e2e.js';
import { canLogIn, createUser, mailstack, type TestUser } from '../support/mailstack.js';

let e2e: E2E;
let browser: TestBrowser;
let base: string;

beforeAll(async () => {
  e2e = await startE2E({ PASSWORD_BACKEND: 'passwd-file', PASSWD_FILE: mailstack().passwdFile });
  ({ browser, base } = e2e);
});
afterAll(async () => {
  await e2e?.close();
});

const signIn = (page: Page, user: TestUser) => signInSpa(page, base, user);

describe('password change in the SPA', () => {
  it('explains a refused password as it is typed, changes it, and the new one signs in', async () => {
    const user = await createUser('e2e-pw');
    const context = await browser.context();
    const page = await context.newPage();
    await signIn(page, user);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(`${base}/settings/password`);

    await page.getByLabel('Current password').fill(user.password);
    await page.getByLabel('New password', { exact: true }).fill('kurz');
    await page.getByLabel('New password again').fill('kurz');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The new password is too short: at least 15 characters.');
    expect(await page.locator('#password-strength').textContent()).toMatch(/Strength: (very weak|weak)$/);
    expect(await page.getByLabel('New password', { exact: true }).getAttribute('type')).toBe('password');
    await page.getByLabel('Show passwords').check();
    expect(await page.getByLabel('New password', { exact: true }).getAttribute('type')).toBe('text');

    const next = 'Sieben Birken am stillen See';
    await page.getByLabel('New password', { exact: true }).fill(next);
    await page.getByLabel('New password again').fill(next);
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await expect.poll(() => page.locator('#password-strength').textContent()).toMatch(/Strength: (good|strong)/);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Your password has been changed.');
    expect(await canLogIn({ ...user, password: next })).toBe(true);
    expect(await canLogIn(user)).toBe(false);

    // The session went on with the new password; after signing out, only the new one opens it.
    await page.getByRole('link', { name: 'Back to the mailbox' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email address').fill(user.address);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The email address or password is wrong.');
    await signIn(page, { ...user, password: next });
    await context.close();
  });

  it('says in words when the current password is wrong', async () => {
    const user = await createUser('e2e-pw');
    const context = await browser.context({ locale: 'de-DE' });
    const page = await context.newPage();
    await signInSpa(page, base, user, { labels: GERMAN });
    await page.goto(`${base}/settings/password`);
    await page.getByLabel('Aktuelles Passwort').fill('nicht mein Passwort');
    await page.getByLabel('Neues Passwort', { exact: true }).fill('Sieben Birken am stillen See');
    await page.getByLabel('Neues Passwort wiederholen').fill('Sieben Birken am stillen See');
    await page.getByRole('button', { name: 'Passwort ändern' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Das aktuelle Passwort ist falsch. Es wurde nichts geändert.');
    expect(await canLogIn(user)).toBe(true);
    await context.close();
  });
});

describe('stand-alone password page with JavaScript off', () => {
  it('changes the password with plain forms, and the SPA then signs in with the new one', async () => {
    const user = await createUser('e2e-pw');
    const next = 'Drei Eichen hinter dem Deich';
    const noScript = await browser.context({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto(`${base}/login`);
    await page.goto(`${base}/password?lang=en`);
    expect(await page.locator('script').count()).toBe(0);
    await page.getByLabel('Mailbox (email address)').fill(user.address);
    await page.getByLabel('Current password').fill(user.password);
    // Long enough for the form's own minlength, but the repetition differs: the server says so.
    await page.getByLabel('New password', { exact: true }).fill('Drei Eichen hinter dem Damm');
    await page.getByLabel('New password again').fill('Drei Eichen hinter dem Deich');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('The two new passwords are not the same.');
    expect(await page.getByLabel('Mailbox (email address)').inputValue()).toBe(user.address);

    await page.getByLabel('Current password').fill(user.password);
    await page.getByLabel('New password', { exact: true }).fill(next);
    await page.getByLabel('New password again').fill(next);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(`${base}/password?done=1`);
    expect(await page.getByRole('status').textContent()).toContain('Your password has been changed.');
    await noScript.close();

    const withScript = await browser.context();
    const spa = await withScript.newPage();
    await signIn(spa, { ...user, password: next });
    await withScript.close();
  });

  it('switches to German by link and remembers it', async () => {
    const noScript = await browser.context({ javaScriptEnabled: false, locale: 'en-US' });
    const page = await noScript.newPage();
    await page.goto(`${base}/password`);
    await page.getByRole('link', { name: 'Deutsch' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Postfach-Passwort ändern');
    await page.goto(`${base}/password`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Postfach-Passwort ändern');
    await noScript.close();
  });
});
