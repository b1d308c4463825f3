// The /basic compose form holds all files of one message to the 8 MB attachment limit while they
// stream in, across several posts of the same message: a refused file leaves nothing on the
// gateway's disk, the files before it stay, and what was typed comes back with the error.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../src/shared/limits.js';
import { composeFormToken, fileSizesUnder, postCompose, type FormPart } from '../support/basic-form.js';
import { messagesIn } from '../support/compose.js';
import { sessionOf, startGateway, type TestGateway } from '../support/gateway.js';
import { createUsers } from '../support/mailstack.js';

const LIMIT = DEFAULT_MAX_ATTACHMENT_BYTES;
let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

const storedSizes = () => fileSizesUnder(gateway.uploadRoot);

const binary = (name: string, content: Buffer): FormPart => ({ name: 'files', filename: name, contentType: 'application/octet-stream', content });

describe('attachments of the /basic compose form', () => {
  it('takes files up to the limit over several posts, refuses the byte past it, and keeps the text', async () => {
    const [alice, bob] = await createUsers(2, 'basic-limit');
    const { cookie } = sessionOf(await gateway.signIn(alice!));
    const { token, cookie: formCookie } = await composeFormToken(gateway, cookie);
    const composeId = randomUUID();
    const fields = (action: string, files: FormPart[]): FormPart[] => [
      { name: '_csrf', value: token },
      { name: 'composeId', value: composeId },
      { name: 'to', value: bob!.address },
      { name: 'subject', value: 'Große Dateien' },
      { name: 'text', value: 'Zeile eins\r\nZeile zwei' },
      ...files,
      { name: 'action', value: action },
    ];

    const first = await postCompose(gateway, formCookie, fields('attach', [binary('a.bin', randomBytes(LIMIT / 2))]));
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/basic/compose?compose=${composeId}`);
    expect(storedSizes()).toEqual([LIMIT / 2]);

    // Two files in one post: the first fits exactly, the second is one byte too many.
    const second = await postCompose(gateway, formCookie, fields('send', [binary('b.bin', randomBytes(LIMIT / 4)), binary('c.bin', randomBytes(LIMIT / 4 + 1))]));
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(`/basic/compose?compose=${composeId}&error=ATTACHMENTS_TOO_LARGE`);
    expect(storedSizes().sort()).toEqual([LIMIT / 4, LIMIT / 2].sort());

    const page = await gateway.app.inject({ method: 'GET', url: second.headers.location as string, headers: { cookie: formCookie } });
    expect(page.body).toContain('The attachments are too large: at most 8 MB in total.');
    expect(page.body).toContain('value="Große Dateien"');
    expect(page.body).toContain('>\nZeile eins\nZeile zwei</textarea>');
    expect(page.body).toContain('Remove a.bin');
    expect(page.body).toContain('Remove b.bin');
    expect(page.body).not.toContain('c.bin');

    // One file alone over the limit, for a new message: nothing of it stays.
    const alone = await postCompose(gateway, formCookie, [{ name: '_csrf', value: token }, { name: 'composeId', value: randomUUID() }, binary('d.bin', randomBytes(LIMIT + 1))]);
    expect(alone.headers.location).toMatch(/error=ATTACHMENTS_TOO_LARGE$/);
    expect(storedSizes().sort()).toEqual([LIMIT / 4, LIMIT / 2].sort());
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await messagesIn(bob!, 'INBOX')).toHaveLength(0);
  });
});
