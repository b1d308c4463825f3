// Sending through the real Postfix submission service and reading the result from the real
// Dovecot: what arrives is byte for byte what was attached, umlauts survive as RFC 2047/2231,
// the Sent copy is there, and every refusal of the server reaches the user as its own code
// without any recipient getting a part of the message.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_API, type SendResponse } from '../../src/shared/api.js';
import { message, messagesIn, rawHeader, send, sha256, uploaded, waitForMessages } from '../support/compose.js';
import { sessionOf, startGateway, type TestGateway } from '../support/gateway.js';
import { createUsers, mailstack, repoRoot } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

describe('sending through Postfix', () => {
  it('delivers text and attachments byte for byte, with umlauts intact, and keeps a \\Seen copy in Sent', async () => {
    const [alice, bob] = await createUsers(2, 'send');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const draft = message();
    const binary = randomBytes(300 * 1024);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20_000)]);
    const first = await uploaded(gateway, signedIn, draft.composeId, 'daten.bin', binary);
    const second = await uploaded(gateway, signedIn, draft.composeId, 'Übersicht März.pdf', pdf, 'application/pdf');
    expect(second).toMatchObject({ filename: 'Übersicht März.pdf', contentType: 'application/pdf', size: pdf.length });

    const subject = 'Grüße aus Köln – Übersicht für März';
    const response = await send(gateway, signedIn, {
      ...draft,
      to: [`Jürgen Bär <${bob!.address}>`],
      subject,
      text: 'Hallo Jürgen,\n\nanbei die Übersicht. Schöne Grüße\n',
      attachments: [first.id, second.id],
    });
    expect(response.statusCode, response.body).toBe(200);
    const sent = response.json() as SendResponse;
    expect(sent.savedToSent).toBe(true);

    const [arrived] = await waitForMessages(bob!, 'INBOX');
    const mail = arrived!.parsed;
    expect(mail.messageId).toBe(sent.messageId);
    expect(mail.subject).toBe(subject);
    expect(mail.from).toMatchObject({ address: alice!.address });
    expect(mail.to).toEqual([{ name: 'Jürgen Bär', address: bob!.address }]);
    expect(mail.text).toContain('Schöne Grüße');
    expect(mail.attachments.map((a) => [a.filename, sha256(a.content as ArrayBuffer)])).toEqual([
      ['daten.bin', sha256(binary)],
      ['Übersicht März.pdf', sha256(pdf)],
    ]);
    // On the wire: RFC 2047 words in Subject and To, RFC 2231 for the file name, nothing raw.
    expect(rawHeader(arrived!.raw, 'subject')).toMatch(/^=\?UTF-8\?[QB]\?/i);
    expect(rawHeader(arrived!.raw, 'to')).toMatch(/=\?UTF-8\?[QB]\?.*\?= <.+>/i);
    expect(arrived!.raw.toString('latin1')).toMatch(/filename\*0?\*=utf-8''%C3%9Cbersicht/i);
    expect(/[\u0080-\uffff]/.test(arrived!.raw.subarray(0, arrived!.raw.indexOf('\r\n\r\n')).toString('latin1'))).toBe(false);

    const [copy] = await waitForMessages(alice!, 'Sent');
    expect(copy!.flags.has('\\Seen')).toBe(true);
    expect(copy!.parsed.messageId).toBe(sent.messageId);
    expect(copy!.parsed.attachments.map((a) => sha256(a.content as ArrayBuffer))).toEqual([sha256(binary), sha256(pdf)]);
  });

  it('answers savedToSent: false when the Sent copy fails, though the mail went out', async () => {
    const [alice, bob] = await createUsers(2, 'send');
    // A full mailbox: Dovecot refuses the APPEND to Sent (quota), Postfix still takes the mail.
    await promisify(execFile)('bash', [resolve(repoRoot, 'scripts/mailstack/adduser.sh'), alice!.address, alice!.password, '1K'], {
      env: { ...process.env, MAILSTACK_DIR: mailstack().dir },
    });
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const response = await send(gateway, signedIn, message({ to: [bob!.address], text: 'x'.repeat(4000) }));
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as SendResponse).savedToSent).toBe(false);
    expect(await waitForMessages(bob!, 'INBOX')).toHaveLength(1);
    expect(await messagesIn(alice!, 'Sent')).toHaveLength(0);
  });

  it('delivers Cc and Bcc, shows Bcc only in the sender’s Sent copy', async () => {
    const [alice, bob, carol, dave] = await createUsers(4, 'send');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const response = await send(gateway, signedIn, message({ to: [bob!.address], cc: [carol!.address], bcc: [dave!.address], subject: 'Blindkopie' }));
    expect(response.statusCode, response.body).toBe(200);
    for (const user of [bob!, carol!, dave!]) {
      const [arrived] = await waitForMessages(user, 'INBOX');
      expect(rawHeader(arrived!.raw, 'bcc')).toBe('');
      expect(arrived!.parsed.cc).toEqual([{ name: '', address: carol!.address }]);
    }
    const [copy] = await waitForMessages(alice!, 'Sent');
    expect(copy!.parsed.bcc).toEqual([{ name: '', address: dave!.address }]);
  });

  it('refuses relay to an outside domain with RELAY_DENIED and sends nothing', async () => {
    const [alice, bob] = await createUsers(2, 'send');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const response = await send(gateway, signedIn, message({ to: ['someone@gmail.com', bob!.address] }));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RELAY_DENIED');
    expect(await messagesIn(alice!, 'Sent')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await messagesIn(bob!, 'INBOX')).toHaveLength(0);
  });

  it('refuses an unknown local user with RECIPIENT_REFUSED, and the known recipient gets nothing either', async () => {
    const [alice, bob] = await createUsers(2, 'send');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const nobody = `nobody-${randomBytes(4).toString('hex')}@example.com`;
    const alone = await send(gateway, signedIn, message({ to: [nobody] }));
    expect(alone.statusCode).toBe(422);
    expect(alone.json().error.code).toBe('RECIPIENT_REFUSED');
    const mixed = await send(gateway, signedIn, message({ to: [bob!.address], cc: [nobody] }));
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().error.code).toBe('RECIPIENT_REFUSED');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await messagesIn(bob!, 'INBOX')).toHaveLength(0);
    expect(await messagesIn(alice!, 'Sent')).toHaveLength(0);
  });

  it('answers NO_RECIPIENTS, ADDRESS_INVALID and UPLOAD_NOT_FOUND before talking to SMTP', async () => {
    const [alice] = await createUsers(1, 'send');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const none = await send(gateway, signedIn, message({ to: ['  '] }));
    expect(none.json().error.code).toBe('NO_RECIPIENTS');
    for (const bad of ['bob', 'bob@', 'bob@example', 'a@b.com c@d.com', 'Bob <bob@exa mple.com>']) {
      const response = await send(gateway, signedIn, message({ to: [bad] }));
      expect(response.json().error.code, bad).toBe('ADDRESS_INVALID');
    }
    const missing = await send(gateway, signedIn, message({ to: [alice!.address], attachments: ['AAAAAAAAAAAAAAAAAAAAAA'] }));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('UPLOAD_NOT_FOUND');
  });

  it('takes the sender from the session, never from the request', async () => {
    const [alice, bob] = await createUsers(2, 'send');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const response = await send(gateway, signedIn, { ...message({ to: [bob!.address] }), from: bob!.address, headers: { 'X-Evil': '1' } });
    expect(response.statusCode, response.body).toBe(200);
    const [arrived] = await waitForMessages(bob!, 'INBOX');
    expect(arrived!.parsed.from).toMatchObject({ address: alice!.address });
    expect(rawHeader(arrived!.raw, 'x-evil')).toBe('');
  });

  it('needs the CSRF token', async () => {
    const [alice, bob] = await createUsers(2, 'send');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const response = await gateway.app.inject({ method: 'POST', url: COMPOSE_API.send, headers: { cookie: signedIn.cookie }, payload: message({ to: [bob!.address] }) });
    expect(response.statusCode).toBe(403);
  });

  it('sends HTML as multipart/alternative with the text as its plain part', async () => {
    const [alice, bob] = await createUsers(2, 'send');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const response = await send(gateway, signedIn, message({ to: [bob!.address], text: 'Fett: Hallo', html: '<p><b>Hallo</b> Jürgen</p>' }));
    expect(response.statusCode, response.body).toBe(200);
    const [arrived] = await waitForMessages(bob!, 'INBOX');
    expect(rawHeader(arrived!.raw, 'content-type')).toMatch(/^multipart\/alternative/);
    const parsed = await PostalMime.parse(arrived!.raw);
    expect(parsed.text?.trim()).toBe('Fett: Hallo');
    expect(parsed.html).toContain('<b>Hallo</b> Jürgen');
  });
});
