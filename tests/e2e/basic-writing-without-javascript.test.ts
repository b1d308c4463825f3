// Writing mail in /basic with JavaScript off, in Chromium against the real Postfix and Dovecot:
// send with an attachment (found in Sent and in the recipient's INBOX, every byte), the 8 MB limit
// and a refused relay (said in words, nothing typed lost), reply, forward with the original's
// attachment, a draft saved and continued, and one flow in German.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeHref, draftHref } from '../../server/basic/compose-page.js';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../src/shared/limits.js';
import type { TestBrowser } from '../support/browser.js';
import { messagesIn, sha256, waitForMessages } from '../support/compose.js';
import { ENGLISH, GERMAN, startE2E, type E2E } from '../support/e2e.js';
import { createUsers, type TestUser } from '../support/mailstack.js';

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

const SENT_URL = /\/basic\/mail\?folder=INBOX&done=sent$/;
const file = (name: string, content: Buffer) => ({ name, mimeType: 'application/octet-stream', buffer: content });

/** A page with JavaScript off, signed in through the /basic sign-in form. */
async function basicPage(user: TestUser, lang: 'en' | 'de' = 'en'): Promise<Page> {
  const context = await browser.context({ javaScriptEnabled: false, locale: lang === 'de' ? 'de-DE' : 'en-US' });
  const page = await context.newPage();
  const labels = lang === 'de' ? GERMAN : ENGLISH;
  await page.goto(`${base}/basic/login?lang=${lang}`);
  await page.getByLabel(labels.address).fill(user.address);
  await page.getByLabel(labels.password, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL(/\/basic\/mail/);
  return page;
}

async function fill(page: Page, fields: { to?: string; subject?: string; text?: string }) {
  if (fields.to !== undefined) await page.getByLabel('To', { exact: true }).fill(fields.to);
  if (fields.subject !== undefined) await page.getByLabel('Subject').fill(fields.subject);
  if (fields.text !== undefined) await page.getByLabel('Message').fill(fields.text);
}

async function typed(page: Page) {
  return {
    to: await page.getByLabel('To', { exact: true }).inputValue(),
    subject: await page.getByLabel('Subject').inputValue(),
    text: await page.getByLabel('Message').inputValue(),
  };
}

describe('writing in /basic without JavaScript', () => {
  it('sends a message with an attachment: in Sent, and every byte in the recipient\'s INBOX', async () => {
    const [alice, bob] = await createUsers(2, 'e2e-basic-write');
    const page = await basicPage(alice!);
    await page.goto(`${base}/basic/compose`);
    expect(await page.locator('script').count()).toBe(0);
    const content = randomBytes(300_000);
    await fill(page, { to: bob!.address, subject: 'Bericht ohne Skript', text: 'Hallo Bob,\n\nanbei der Bericht.\n' });
    await page.getByLabel('Attach files').setInputFiles([file('bericht.bin', content)]);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(SENT_URL);

    const [arrived] = await waitForMessages(bob!, 'INBOX');
    expect(arrived!.parsed.subject).toBe('Bericht ohne Skript');
    expect(arrived!.parsed.text?.trimEnd()).toBe('Hallo Bob,\n\nanbei der Bericht.');
    expect(arrived!.parsed.attachments.map((a) => [a.filename, sha256(a.content as ArrayBuffer)])).toEqual([['bericht.bin', sha256(content)]]);
    const [copy] = await waitForMessages(alice!, 'Sent');
    expect(copy!.parsed.subject).toBe('Bericht ohne Skript');
    await page.context().close();
  });

  it('refuses an attachment one byte over 8 MB in words, keeps everything typed, and sends after that', async () => {
    const [alice, bob] = await createUsers(2, 'e2e-basic-write');
    const page = await basicPage(alice!);
    await page.goto(`${base}/basic/compose`);
    const kept = { to: bob!.address, subject: 'Zu groß', text: 'Dieser Text bleibt.\nAuch diese Zeile.' };
    await fill(page, kept);
    await page.getByLabel('Attach files').setInputFiles([file('riesig.bin', Buffer.alloc(DEFAULT_MAX_ATTACHMENT_BYTES + 1, 7))]);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/error=ATTACHMENTS_TOO_LARGE/);
    expect(await page.getByRole('alert').textContent()).toBe('The attachments are too large: at most 8 MB in total.');
    expect(await typed(page)).toEqual(kept);
    expect(await page.getByRole('checkbox').count()).toBe(0);

    // Attach a small file instead, then send: the message goes out with it.
    const small = randomBytes(1000);
    await page.getByLabel('Attach files').setInputFiles([file('klein.bin', small)]);
    await page.getByRole('button', { name: 'Attach and keep writing' }).click();
    await expect.poll(() => page.getByLabel('Remove klein.bin').count()).toBe(1);
    expect(await typed(page)).toEqual(kept);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(SENT_URL);
    const [arrived] = await waitForMessages(bob!, 'INBOX');
    expect(arrived!.parsed.attachments.map((a) => sha256(a.content as ArrayBuffer))).toEqual([sha256(small)]);
    await page.context().close();
  });

  it('says in words when the server will not relay, and keeps the text', async () => {
    const [alice] = await createUsers(1, 'e2e-basic-write');
    const page = await basicPage(alice!);
    await page.goto(`${base}/basic/compose`);
    const kept = { to: 'jemand@gmail.com', subject: 'Nach draußen', text: 'Dieser Text darf nicht verloren gehen.' };
    await fill(page, kept);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/error=RELAY_DENIED/);
    expect(await page.getByRole('alert').textContent()).toContain('relay not permitted');
    expect(await typed(page)).toEqual(kept);
    expect(await messagesIn(alice!, 'Sent')).toHaveLength(0);
    await page.context().close();
  });

  it('replies with "Re:" to the sender, and forwards with the original\'s attachment', async () => {
    const [alice, bob, carol] = await createUsers(3, 'e2e-basic-write');
    const bobPage = await basicPage(bob!);
    const original = randomBytes(20_000);
    await bobPage.goto(`${base}/basic/compose`);
    await fill(bobPage, { to: alice!.address, subject: 'Frage zum Plan', text: 'Passt dir Dienstag?' });
    await bobPage.getByLabel('Attach files').setInputFiles([file('plan.bin', original)]);
    await bobPage.getByRole('button', { name: 'Send' }).click();
    await bobPage.waitForURL(SENT_URL);
    const [question] = await waitForMessages(alice!, 'INBOX');

    const page = await basicPage(alice!);
    await page.goto(`${base}${composeHref('reply', 'INBOX', question!.uid)}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Reply');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(bob!.address);
    expect(await page.getByLabel('Subject').inputValue()).toBe('Re: Frage zum Plan');
    expect(await page.getByLabel('Message').inputValue()).toContain('> Passt dir Dienstag?');
    await page.getByLabel('Message').press('Control+Home');
    await page.getByLabel('Message').pressSequentially('Ja, Dienstag passt.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(SENT_URL);
    const answers = await waitForMessages(bob!, 'INBOX');
    expect(answers[0]!.parsed.subject).toBe('Re: Frage zum Plan');
    expect(answers[0]!.parsed.text).toMatch(/^Ja, Dienstag passt\./);
    expect(answers[0]!.parsed.inReplyTo).toBe(question!.parsed.messageId);

    await page.goto(`${base}${composeHref('forward', 'INBOX', question!.uid)}`);
    expect(await page.getByLabel('Subject').inputValue()).toBe('Fwd: Frage zum Plan');
    expect(await page.getByLabel('Remove plan.bin').count()).toBe(1);
    await page.getByLabel('To', { exact: true }).fill(carol!.address);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(SENT_URL);
    const [forwarded] = await waitForMessages(carol!, 'INBOX');
    expect(forwarded!.parsed.attachments.map((a) => [a.filename, sha256(a.content as ArrayBuffer)])).toEqual([['plan.bin', sha256(original)]]);
    await page.context().close();
    await bobPage.context().close();
  });

  it('saves a draft, continues it later with its attachment, and sending removes it from Drafts', async () => {
    const [alice, bob] = await createUsers(2, 'e2e-basic-write');
    const page = await basicPage(alice!);
    await page.goto(`${base}/basic/compose`);
    const content = randomBytes(5000);
    await fill(page, { to: bob!.address, subject: 'Halbfertig', text: 'Erster Absatz' });
    await page.getByLabel('Attach files').setInputFiles([file('entwurf.bin', content)]);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/done=draftSaved/);
    expect(await page.getByRole('status').textContent()).toBe('The draft was saved in Drafts.');
    const [draft] = await messagesIn(alice!, 'Drafts');
    expect(draft!.parsed.subject).toBe('Halbfertig');
    await page.context().close();

    // Another day, another browser: continue the draft.
    const later = await basicPage(alice!);
    await later.goto(`${base}${draftHref('Drafts', draft!.uid)}`);
    // The MIME body ends in a line break of its own; what was typed is all there.
    expect({ ...(await typed(later)), text: (await typed(later)).text.trimEnd() }).toEqual({ to: bob!.address, subject: 'Halbfertig', text: 'Erster Absatz' });
    expect(await later.getByLabel('Remove entwurf.bin').count()).toBe(1);
    await later.getByLabel('Message').fill('Erster Absatz\nZweiter Absatz');
    await later.getByRole('button', { name: 'Save draft' }).click();
    await later.waitForURL(/done=draftSaved/);
    const drafts = await messagesIn(alice!, 'Drafts');
    expect(drafts.map((m) => m.parsed.text?.trim())).toEqual(['Erster Absatz\nZweiter Absatz']);

    await later.getByRole('button', { name: 'Send' }).click();
    await later.waitForURL(SENT_URL);
    const [arrived] = await waitForMessages(bob!, 'INBOX');
    expect(arrived!.parsed.text?.trim()).toBe('Erster Absatz\nZweiter Absatz');
    expect(arrived!.parsed.attachments.map((a) => sha256(a.content as ArrayBuffer))).toEqual([sha256(content)]);
    expect(await messagesIn(alice!, 'Drafts')).toHaveLength(0);
    await later.context().close();
  });

  it('works in German: attach, remove again, and a refused relay in words', async () => {
    const [alice] = await createUsers(1, 'e2e-basic-write');
    const page = await basicPage(alice!, 'de');
    await page.goto(`${base}/basic/compose?lang=de`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Neue Nachricht');
    await page.getByLabel('An', { exact: true }).fill('jemand@gmail.com');
    await page.getByLabel('Betreff').fill('Grüße');
    await page.getByLabel('Nachricht').fill('Bis bald.');
    await page.getByLabel('Dateien anhängen').setInputFiles([file('notiz.txt', Buffer.from('Notiz'))]);
    await page.getByRole('button', { name: 'Anhängen und weiterschreiben' }).click();
    await page.getByLabel('notiz.txt entfernen').check();
    await page.getByRole('button', { name: 'Senden' }).click();
    await page.waitForURL(/error=RELAY_DENIED/);
    expect(await page.getByRole('alert').textContent()).toContain('Weiterleitung nicht erlaubt');
    expect(await page.getByLabel('notiz.txt entfernen').count()).toBe(0);
    expect(await page.getByLabel('Nachricht').inputValue()).toBe('Bis bald.');
    expect(await page.getByLabel('Betreff').inputValue()).toBe('Grüße');
    await page.context().close();
  });
});
