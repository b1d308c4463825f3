// CWE-93: a line break in a subject, display name or address would let a sender add headers or
// recipients. Every such attempt is refused with HEADER_INJECTION, and nobody gets anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_API } from '../../src/shared/api.js';
import { message, messagesIn, post, rawHeader, send, uploaded, waitForMessages } from '../support/compose.js';
import { sessionOf, startGateway, type TestGateway } from '../support/gateway.js';
import { createUsers } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

describe('header injection', () => {
  it('refuses CR/LF in subject, display name and address, for sending and for drafts, and sends nothing', async () => {
    const [alice, bob, mallory] = await createUsers(3, 'inject');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const attempts = [
      { subject: `Hallo\r\nBcc: ${mallory!.address}` },
      { subject: `Hallo\nX-Spam: no` },
      { subject: `Hallo\rBcc: ${mallory!.address}` },
      { to: [`"Bob\r\nBcc: ${mallory!.address}" <${bob!.address}>`] },
      { to: [`Bob\nCc: ${mallory!.address} <${bob!.address}>`] },
      { to: [`${bob!.address}\r\nBcc: ${mallory!.address}`] },
      { to: [bob!.address], cc: [`${mallory!.address}\n`] },
      { to: [bob!.address], bcc: [`\r\n${mallory!.address}`] },
      { subject: 'Unicode line separator\u2028Bcc: x@example.com' },
      { subject: 'NUL\u0000byte' },
    ];
    for (const attempt of attempts) {
      const draft = message({ to: [bob!.address], ...attempt });
      const sent = await send(gateway, signedIn, draft);
      expect(sent.statusCode, JSON.stringify(attempt)).toBe(400);
      expect(sent.json().error.code, JSON.stringify(attempt)).toBe('HEADER_INJECTION');
      const saved = await post(gateway, signedIn, COMPOSE_API.draft, draft);
      expect(saved.json().error.code, JSON.stringify(attempt)).toBe('HEADER_INJECTION');
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await messagesIn(bob!, 'INBOX')).toHaveLength(0);
    expect(await messagesIn(mallory!, 'INBOX')).toHaveLength(0);
    expect(await messagesIn(alice!, 'Sent')).toHaveLength(0);
    expect(await messagesIn(alice!, 'Drafts')).toHaveLength(0);
  });

  it('keeps a file name with a line break from splitting the MIME headers', async () => {
    const [alice, bob] = await createUsers(2, 'inject');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const draft = message({ to: [bob!.address] });
    // A browser percent-encodes CR/LF in the multipart file name (WHATWG HTML); a hand-made
    // request need not, and our cleaning removes the control characters either way.
    const file = await uploaded(gateway, signedIn, draft.composeId, 'a\r\nContent-Type: text/html.txt', Buffer.from('x'));
    expect(file.filename).not.toMatch(/[\r\n]/);
    expect((await send(gateway, signedIn, { ...draft, attachments: [file.id] })).statusCode).toBe(200);
    const [arrived] = await waitForMessages(bob!, 'INBOX');
    expect(rawHeader(arrived!.raw, 'content-type')).toMatch(/^multipart\/mixed/);
    expect(arrived!.parsed.attachments).toHaveLength(1);
  });
});
