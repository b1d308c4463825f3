// Replies and forwards prepared from the real original and sent through Postfix: recipients
// (reply-all without oneself), subjects without piled-up prefixes, quoted text, threading
// headers (RFC 5322 §3.6.4), the original's \Answered / $Forwarded, forwarded attachments.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_API, type DraftContent, type SendResponse } from '../../src/shared/api.js';
import { message, post, send, sha256, uploaded, waitForMessages } from '../support/compose.js';
import { sessionOf, startGateway, type SignedIn, type TestGateway } from '../support/gateway.js';
import { createUsers, type TestUser } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

async function start(signedIn: SignedIn, uid: number, kind: 'reply' | 'replyAll' | 'forward', query = ''): Promise<DraftContent> {
  const response = await post(gateway, signedIn, `${COMPOSE_API.start}${query}`, { composeId: crypto.randomUUID(), original: { folder: 'INBOX', uid, kind } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as DraftContent;
}

describe('reply, reply-all and forward', () => {
  let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;
  let aliceIn: SignedIn;
  let originalUid: number;
  let originalId: string;
  const plan = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(50_000)]);

  beforeAll(async () => {
    [alice, bob, carol, dave] = (await createUsers(4, 'thread')) as [TestUser, TestUser, TestUser, TestUser];
    const bobIn = sessionOf(await gateway.signIn(bob));
    const draft = message({
      // Alice's address in capitals: she must still be recognised as herself in reply-all.
      to: [`Alice <${alice.address.toUpperCase()}>`, `Carol <${carol.address}>`],
      cc: [dave.address],
      subject: 'AW: Re: Projekt Übersicht',
      text: 'Hallo zusammen,\n> ein altes Zitat\nanbei der Plan.\n\nBob',
    });
    const file = await uploaded(gateway, bobIn, draft.composeId, 'Plan März.pdf', plan, 'application/pdf');
    const sent = await send(gateway, bobIn, { ...draft, attachments: [file.id] });
    expect(sent.statusCode, sent.body).toBe(200);
    originalId = (sent.json() as SendResponse).messageId;
    const [arrived] = await waitForMessages(alice, 'INBOX');
    originalUid = arrived!.uid;
    aliceIn = sessionOf(await gateway.signIn(alice));
  });

  it('prepares a reply to the sender, "Re:" once, the text quoted under a German attribution', async () => {
    const reply = await start(aliceIn, originalUid, 'reply', '?lang=de&tz=Europe/Berlin');
    expect(reply.to).toEqual([bob.address]);
    expect(reply.cc).toEqual([]);
    expect(reply.subject).toBe('Re: Projekt Übersicht');
    expect(reply.text).toMatch(/\nAm .+ schrieb .+:\n> Hallo zusammen,\n>> ein altes Zitat\n> anbei der Plan\.\n>\n> Bob\n/);
    expect(reply.attachments).toEqual([]);
    expect(reply.original).toEqual({ folder: 'INBOX', uid: originalUid, kind: 'reply' });
    const english = await start(aliceIn, originalUid, 'reply', '?lang=en');
    expect(english.text).toMatch(/\nOn .+, .+ wrote:\n> Hallo zusammen,/);
  });

  it('prepares reply-all to everyone but oneself, each once', async () => {
    const all = await start(aliceIn, originalUid, 'replyAll');
    expect(all.to).toEqual([bob.address, `Carol <${carol.address}>`]);
    expect(all.cc).toEqual([dave.address]);
    expect(JSON.stringify(all).toLowerCase()).not.toContain(alice.address.toLowerCase());
  });

  it('sends the reply with In-Reply-To and References, and marks the original \\Answered', async () => {
    const reply = await start(aliceIn, originalUid, 'reply');
    const sent = await send(gateway, aliceIn, { ...message(), ...reply, text: `Danke!${reply.text}`, attachments: [] });
    expect(sent.statusCode, sent.body).toBe(200);
    const replyId = (sent.json() as SendResponse).messageId;
    const [arrived] = await waitForMessages(bob, 'INBOX');
    expect(arrived!.parsed.inReplyTo).toBe(originalId);
    expect(arrived!.parsed.references).toBe(originalId);
    const [original] = await waitForMessages(alice, 'INBOX');
    expect(original!.flags.has('\\Answered')).toBe(true);

    // Bob answers the answer: the chain grows (RFC 5322 §3.6.4).
    const bobIn = sessionOf(await gateway.signIn(bob));
    const again = await post(gateway, bobIn, COMPOSE_API.start, { composeId: crypto.randomUUID(), original: { folder: 'INBOX', uid: arrived!.uid, kind: 'reply' } });
    const second = await send(gateway, bobIn, { ...message(), ...(again.json() as DraftContent), attachments: [] });
    expect(second.statusCode, second.body).toBe(200);
    const inbox = await waitForMessages(alice, 'INBOX', 2);
    expect(inbox[1]!.parsed.inReplyTo).toBe(replyId);
    expect(inbox[1]!.parsed.references?.split(/\s+/)).toEqual([originalId, replyId]);
    expect(inbox[1]!.parsed.subject).toBe('Re: Projekt Übersicht');
  });

  it('forwards with the original attachments and headers, and marks the original $Forwarded', async () => {
    const forward = await start(aliceIn, originalUid, 'forward', '?lang=en');
    expect(forward.subject).toBe('Fwd: Projekt Übersicht');
    expect(forward.to).toEqual([]);
    expect(forward.text).toContain('---------- Forwarded message ----------');
    expect(forward.text).toContain(`From: ${bob.address}`);
    expect(forward.text).toContain('Subject: AW: Re: Projekt Übersicht');
    expect(forward.text).toContain('Hallo zusammen,\n> ein altes Zitat');
    expect(forward.attachments).toMatchObject([{ filename: 'Plan März.pdf', contentType: 'application/pdf', size: plan.length }]);

    const sent = await send(gateway, aliceIn, { ...message(), ...forward, to: [carol.address], attachments: forward.attachments.map((a) => a.id) });
    expect(sent.statusCode, sent.body).toBe(200);
    const carolsMail = await waitForMessages(carol, 'INBOX', 2);
    const forwarded = carolsMail.find((entry) => entry.parsed.subject === 'Fwd: Projekt Übersicht')!;
    expect(forwarded.parsed.attachments.map((a) => [a.filename, sha256(a.content as ArrayBuffer)])).toEqual([['Plan März.pdf', sha256(plan)]]);
    const [original] = await waitForMessages(alice, 'INBOX');
    expect(original!.flags.has('$Forwarded')).toBe(true);
  });

  it('suggests addresses from recent mail, by prefix of name or address, never oneself', async () => {
    const byName = await gateway.app.inject({ method: 'GET', url: `${COMPOSE_API.contacts}?q=car`, headers: { cookie: aliceIn.cookie } });
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json()).toEqual([{ name: 'Carol', address: carol.address }]);
    const byAddress = await gateway.app.inject({ method: 'GET', url: `${COMPOSE_API.contacts}?q=${encodeURIComponent(bob.address.slice(0, 8))}`, headers: { cookie: aliceIn.cookie } });
    expect(byAddress.json()).toContainEqual({ name: '', address: bob.address });
    const self = await gateway.app.inject({ method: 'GET', url: `${COMPOSE_API.contacts}?q=${encodeURIComponent(alice.address)}`, headers: { cookie: aliceIn.cookie } });
    expect(self.json()).toEqual([]);
  });
});
