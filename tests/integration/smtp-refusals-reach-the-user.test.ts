// What the submission server refuses reaches the user as its own code: a password changed
// elsewhere (535), a message larger than the server takes (its EHLO SIZE, RFC 1870: refused
// before any byte is sent), a server that is down. The gateway's own size limit refuses first.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message, messagesIn, send, uploaded } from '../support/compose.js';
import { sessionOf, startGateway, type TestGateway } from '../support/gateway.js';
import { createUsers, mailstack, repoRoot } from '../support/mailstack.js';

const run = promisify(execFile);

function closedPort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

describe('SMTP refusals', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it('answers SMTP_AUTH_FAILED when the password changed after sign-in, and keeps nothing', async () => {
    const [alice, bob] = await createUsers(2, 'refuse');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    await run('bash', [resolve(repoRoot, 'scripts/mailstack/adduser.sh'), alice!.address, `anders ${randomBytes(6).toString('hex')}`], {
      env: { ...process.env, MAILSTACK_DIR: mailstack().dir },
    });
    const response = await send(gateway, signedIn, message({ to: [bob!.address] }));
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('SMTP_AUTH_FAILED');
    expect(await messagesIn(bob!, 'INBOX')).toHaveLength(0);
  });
});

describe('sizes', () => {
  it('refuses a message over MAX_MESSAGE_BYTES with MESSAGE_TOO_LARGE before SMTP', async () => {
    const gateway = await startGateway({ MAX_ATTACHMENT_BYTES: '100000', MAX_MESSAGE_BYTES: '120000' });
    try {
      const [alice, bob] = await createUsers(2, 'size');
      const signedIn = sessionOf(await gateway.signIn(alice!));
      const draft = message({ to: [bob!.address] });
      // 100,000 bytes grow to about 137,000 in base64.
      const file = await uploaded(gateway, signedIn, draft.composeId, 'gross.bin', randomBytes(100_000));
      const response = await send(gateway, signedIn, { ...draft, attachments: [file.id] });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('MESSAGE_TOO_LARGE');
      expect(await messagesIn(alice!, 'Sent')).toHaveLength(0);
    } finally {
      await gateway.close();
    }
  });

  it('refuses a message over Postfix’s message_size_limit (its EHLO SIZE) with MESSAGE_TOO_LARGE, sending nothing', async () => {
    const postfixLimit = Number(mailstack().env.MAILSTACK_MESSAGE_SIZE_LIMIT ?? 52428800);
    // A gateway configured more generously than its SMTP server (a misconfiguration we survive).
    const gateway = await startGateway({ MAX_ATTACHMENT_BYTES: String(postfixLimit), MAX_MESSAGE_BYTES: String(postfixLimit * 2) });
    try {
      const [alice, bob] = await createUsers(2, 'size');
      const signedIn = sessionOf(await gateway.signIn(alice!));
      const draft = message({ to: [bob!.address] });
      const file = await uploaded(gateway, signedIn, draft.composeId, 'riesig.bin', randomBytes(Math.ceil(postfixLimit * 0.8)));
      const response = await send(gateway, signedIn, { ...draft, attachments: [file.id] });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('MESSAGE_TOO_LARGE');
      expect(await messagesIn(bob!, 'INBOX')).toHaveLength(0);
    } finally {
      await gateway.close();
    }
  });
});

describe('an unreachable SMTP server', () => {
  it('answers MAIL_SERVER_UNAVAILABLE', async () => {
    const gateway = await startGateway({ SMTP_PORT: String(await closedPort()) });
    try {
      const [alice, bob] = await createUsers(2, 'down');
      const signedIn = sessionOf(await gateway.signIn(alice!));
      const response = await send(gateway, signedIn, message({ to: [bob!.address] }));
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('MAIL_SERVER_UNAVAILABLE');
    } finally {
      await gateway.close();
    }
  });
});
