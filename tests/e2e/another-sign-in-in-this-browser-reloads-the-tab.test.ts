// Two windows of one browser share the session cookie. When someone signs in with another
// mailbox in one of them, the other window — still showing the first mailbox — must not be
// answered with the new mailbox's mail (it would land in the first mailbox's cache): the gateway
// answers SESSION_CHANGED (the tab names its mailbox in x-webmail-user) and the tab starts over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request, Response } from 'playwright-core';
import { signInSpa, startE2E, type E2E } from '../support/e2e.js';
import { createUsers, imapAs, rawMessage } from '../support/mailstack.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('another sign-in in the same browser', () => {
  it('gets the open tab no mail of the other mailbox, and reloads it as that mailbox', async () => {
    const [alice, bob] = await createUsers(2, 'e2e-switch');
    const imap = await imapAs(bob!);
    await imap.append('INBOX', rawMessage('carla@example.com', bob!.address, 'Nur für Bob'));
    await imap.append('Sent', rawMessage(bob!.address, 'carla@example.com', 'Gesendet von Bob'));
    await imap.logout();

    const context = await e2e.browser.context();
    const page = await context.newPage();
    await signInSpa(page, e2e.base, alice!);
    await expect.poll(() => page.locator('.user').textContent()).toContain(alice!.address);

    // "Another window": the same cookie jar signs in as bob.
    const other = await context.request.post(`${e2e.base}/api/session`, {
      data: { username: bob!.address, password: bob!.password }, headers: { origin: new URL(e2e.base).origin },
    });
    expect(other.status()).toBe(200);

    // Only requests sent after the switch count (one sent before may still be answered for alice).
    const sentAfter = new Set<Request>();
    page.on('request', (request) => sentAfter.add(request));
    const answers: { url: string; status: number }[] = [];
    const seen = (response: Response) => {
      if (!sentAfter.has(response.request())) return;
      if (response.url().includes('/api/') && !response.url().endsWith('/api/session')) answers.push({ url: response.url(), status: response.status() });
    };
    page.on('response', seen);
    await page.getByRole('link', { name: /^Sent/ }).click();
    await expect.poll(() => page.locator('.user').textContent(), { timeout: 15_000 }).toContain(bob!.address);
    // Every answer the tab got while it still showed alice was a refusal, never bob's mail.
    const beforeReload = answers.slice(0, answers.findIndex((a) => a.status === 409) + 1);
    expect(beforeReload.length).toBeGreaterThan(0);
    expect(beforeReload.filter((a) => a.status !== 409), JSON.stringify(answers)).toEqual([]);
    await expect.poll(() => page.getByText('Gesendet von Bob').count()).toBeGreaterThan(0);
    await context.close();
  });
});
