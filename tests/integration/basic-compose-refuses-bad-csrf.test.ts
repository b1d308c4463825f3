// The /basic compose form is a POST that sends mail: without its form token, with a wrong one,
// or from another site it is refused before anything in it is used — nothing is sent, no
// attachment lands on the gateway's disk, nothing is kept. The right token sends (the control).
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeFormToken, fileSizesUnder, postCompose, type FormPart } from '../support/basic-form.js';
import { messagesIn, waitForMessages } from '../support/compose.js';
import { sessionOf, startGateway, type TestGateway } from '../support/gateway.js';
import { createUsers, type TestUser } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

const storedFiles = () => fileSizesUnder(gateway.uploadRoot);

function form(recipient: TestUser, token?: string): FormPart[] {
  return [
    ...(token !== undefined ? [{ name: '_csrf', value: token }] : []),
    { name: 'composeId', value: randomUUID() },
    { name: 'to', value: recipient.address },
    { name: 'subject', value: 'Untergeschoben' },
    { name: 'text', value: 'Diese Nachricht darf nicht ankommen.' },
    { name: 'files', filename: 'anhang.bin', contentType: 'application/octet-stream', content: randomBytes(4096) },
    { name: 'action', value: 'send' },
  ];
}

async function nothingArrived(sender: TestUser, recipient: TestUser) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(await messagesIn(recipient, 'INBOX')).toHaveLength(0);
  expect(await messagesIn(sender, 'Sent')).toHaveLength(0);
  expect(storedFiles()).toEqual([]);
}

describe('POST /basic/compose and its form token', () => {
  it('refuses a form without a token and sends nothing', async () => {
    const [alice, bob] = await createUsers(2, 'basic-csrf');
    const { cookie } = sessionOf(await gateway.signIn(alice!));
    const { cookie: withSecret } = await composeFormToken(gateway, cookie);
    const response = await postCompose(gateway, withSecret, form(bob!));
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('The request was refused for your protection.');
    await nothingArrived(alice!, bob!);
  });

  it('refuses a wrong token, a token without its secret cookie, and a cross-site post', async () => {
    const [alice, bob] = await createUsers(2, 'basic-csrf');
    const { cookie } = sessionOf(await gateway.signIn(alice!));
    const mine = await composeFormToken(gateway, cookie);
    // A token made for another browser's secret.
    const other = await composeFormToken(gateway, sessionOf(await gateway.signIn(alice!)).cookie);
    expect((await postCompose(gateway, mine.cookie, form(bob!, other.token))).statusCode).toBe(403);
    expect((await postCompose(gateway, mine.cookie, form(bob!, 'x'.repeat(40)))).statusCode).toBe(403);
    expect((await postCompose(gateway, cookie, form(bob!, mine.token))).statusCode).toBe(403);
    const crossSite = await postCompose(gateway, mine.cookie, form(bob!, mine.token), { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    const foreignOrigin = await postCompose(gateway, mine.cookie, form(bob!, mine.token), { origin: 'https://evil.example' });
    expect(foreignOrigin.statusCode).toBe(403);
    // A token that comes only after the file: the file is never stored.
    const late = form(bob!);
    late.splice(late.length - 1, 0, { name: '_csrf', value: mine.token });
    expect((await postCompose(gateway, mine.cookie, late)).statusCode).toBe(403);
    await nothingArrived(alice!, bob!);
  });

  it('sends with the right token (the control for the refusals above)', async () => {
    const [alice, bob] = await createUsers(2, 'basic-csrf');
    const { cookie } = sessionOf(await gateway.signIn(alice!));
    const mine = await composeFormToken(gateway, cookie);
    const response = await postCompose(gateway, mine.cookie, form(bob!, mine.token));
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe('/basic/mail?folder=INBOX&done=sent');
    const [arrived] = await waitForMessages(bob!, 'INBOX');
    expect(arrived!.parsed.subject).toBe('Untergeschoben');
    expect(arrived!.parsed.attachments.map((a) => a.filename)).toEqual(['anhang.bin']);
    expect(storedFiles()).toEqual([]);
  });
});
