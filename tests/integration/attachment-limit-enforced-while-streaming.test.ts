// The 8 MB attachment limit holds for all uploads of one message together, is enforced while
// the bytes stream in, and a refused upload leaves no partial file behind and sends nothing.
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, COMPOSE_API } from '../../src/shared/api.js';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../src/shared/limits.js';
import { message, messagesIn, send, sha256, upload, uploaded, waitForMessages } from '../support/compose.js';
import { sessionOf, startGateway, withSession, type TestGateway } from '../support/gateway.js';
import { createUsers } from '../support/mailstack.js';

const LIMIT = DEFAULT_MAX_ATTACHMENT_BYTES;
let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

/** Every file under the upload root, with its size and mode. */
function storedFiles(dir = gateway.uploadRoot): { path: string; size: number; mode: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return storedFiles(path);
    const stat = statSync(path);
    return [{ path, size: stat.size, mode: stat.mode & 0o777 }];
  });
}

const storedBytes = () => storedFiles().reduce((sum, file) => sum + file.size, 0);

describe('attachment uploads', () => {
  it('lets exactly 8 MB through in two uploads and delivers every byte', async () => {
    const [alice, bob] = await createUsers(2, 'limit');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const draft = message({ to: [bob!.address], subject: 'Genau acht Megabyte' });
    const half = LIMIT / 2;
    const parts = [randomBytes(half), randomBytes(LIMIT - half)];
    const first = await uploaded(gateway, signedIn, draft.composeId, 'erste Hälfte.bin', parts[0]!);
    const second = await uploaded(gateway, signedIn, draft.composeId, 'zweite Hälfte.bin', parts[1]!);
    expect(first.size + second.size).toBe(LIMIT);
    for (const file of storedFiles()) expect(file.mode).toBe(0o600);

    const response = await send(gateway, signedIn, { ...draft, attachments: [first.id, second.id] });
    expect(response.statusCode, response.body).toBe(200);
    const [arrived] = await waitForMessages(bob!, 'INBOX');
    expect(arrived!.parsed.attachments.map((a) => sha256(a.content as ArrayBuffer))).toEqual(parts.map(sha256));
    // Sent: the uploads are gone from the gateway's disk.
    expect(storedFiles()).toEqual([]);
  });

  it('refuses the byte past 8 MB with ATTACHMENTS_TOO_LARGE, keeps no partial file, and sends nothing', async () => {
    const [alice, bob] = await createUsers(2, 'limit');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const draft = message({ to: [bob!.address] });
    const first = await uploaded(gateway, signedIn, draft.composeId, 'a.bin', randomBytes(LIMIT / 2));
    const refused = await upload(gateway, signedIn, draft.composeId, 'b.bin', randomBytes(LIMIT / 2 + 1));
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error.code).toBe('ATTACHMENTS_TOO_LARGE');
    expect(storedFiles().map((file) => file.size)).toEqual([first.size]);

    const alone = await upload(gateway, signedIn, crypto.randomUUID(), 'gross.bin', randomBytes(LIMIT + 1));
    expect(alone.json().error.code).toBe('ATTACHMENTS_TOO_LARGE');
    expect(storedBytes()).toBe(first.size);

    // The message the user was writing never reached SMTP.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await messagesIn(bob!, 'INBOX')).toHaveLength(0);
    // Signing out removes the session's uploads.
    await gateway.app.inject({ method: 'DELETE', url: API.session, headers: withSession(signedIn) });
    expect(storedFiles()).toEqual([]);
  });

  it('never lets two parallel uploads of one message share out the rest twice', async () => {
    const [alice] = await createUsers(1, 'limit');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const composeId = crypto.randomUUID();
    const sizes = [0.6, 0.6, 0.6].map((share) => Math.floor(LIMIT * share));
    const responses = await Promise.all(sizes.map((size, index) => upload(gateway, signedIn, composeId, `teil${index}.bin`, randomBytes(size))));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 413, 413]);
    expect(storedBytes()).toBe(sizes[0]);
    await gateway.app.inject({ method: 'DELETE', url: API.session, headers: withSession(signedIn) });
  });

  it('frees the room of a removed attachment, and counts per message', async () => {
    const [alice] = await createUsers(1, 'limit');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const composeId = crypto.randomUUID();
    const big = await uploaded(gateway, signedIn, composeId, 'voll.bin', randomBytes(LIMIT));
    expect((await upload(gateway, signedIn, composeId, 'leer.bin', randomBytes(1))).statusCode).toBe(413);
    // Another message of the same session has its own 8 MB.
    expect((await upload(gateway, signedIn, crypto.randomUUID(), 'andere.bin', randomBytes(1024))).statusCode).toBe(200);
    const removed = await gateway.app.inject({ method: 'DELETE', url: `${COMPOSE_API.attachments}?compose=${composeId}&id=${big.id}`, headers: withSession(signedIn) });
    expect(removed.statusCode).toBe(204);
    expect((await upload(gateway, signedIn, composeId, 'wieder.bin', randomBytes(LIMIT))).statusCode).toBe(200);
    await gateway.app.inject({ method: 'DELETE', url: API.session, headers: withSession(signedIn) });
    expect(storedFiles()).toEqual([]);
  });

  it('keeps the file name only as cleaned-up metadata', async () => {
    const [alice] = await createUsers(1, 'limit');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const composeId = crypto.randomUUID();
    const sneaky = await uploaded(gateway, signedIn, composeId, 'Rechnung\u202Efdp.exe', Buffer.from('x'), 'text/plain; charset=utf-8');
    expect(sneaky).toMatchObject({ filename: 'Rechnungfdp.exe', contentType: 'text/plain' });
    const decomposed = await uploaded(gateway, signedIn, composeId, 'Mu\u0308ller.txt', Buffer.from('x'), 'not a type');
    expect(decomposed).toMatchObject({ filename: 'Müller.txt', contentType: 'application/octet-stream' });
    const long = await uploaded(gateway, signedIn, composeId, `${'ä'.repeat(400)}.pdf`, Buffer.from('x'));
    expect([...long.filename]).toHaveLength(255);
    expect(long.filename.endsWith('.pdf')).toBe(true);
    for (const file of storedFiles()) expect(file.path).toMatch(/\/[A-Za-z0-9_-]{22}$/);
    await gateway.app.inject({ method: 'DELETE', url: API.session, headers: withSession(signedIn) });
  });

  it('needs a session and the CSRF token to upload', async () => {
    const [alice] = await createUsers(1, 'limit');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const noToken = await gateway.app.inject({
      method: 'POST', url: `${COMPOSE_API.attachments}?compose=${crypto.randomUUID()}`, headers: { cookie: signedIn.cookie, 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--',
    });
    expect(noToken.statusCode).toBe(403);
    expect(storedFiles()).toEqual([]);
  });
});
