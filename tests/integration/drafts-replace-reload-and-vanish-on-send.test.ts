// Drafts in the real Drafts folder: saved with \Draft, each save replaces the previous one (so
// there is only ever one), half-typed addresses survive, loading brings the attachments back
// into the upload store, and sending the draft removes it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_API, type DraftContent, type SaveDraftResponse, type SendResponse } from '../../src/shared/api.js';
import { message, messagesIn, post, send, sha256, uploaded, waitForMessages } from '../support/compose.js';
import { sessionOf, startGateway, type SignedIn, type TestGateway } from '../support/gateway.js';
import { createUsers } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

async function saveDraft(signedIn: SignedIn, payload: object): Promise<number> {
  const response = await post(gateway, signedIn, COMPOSE_API.draft, payload);
  expect(response.statusCode, response.body).toBe(200);
  const { uid } = response.json() as SaveDraftResponse;
  expect(uid).toBeGreaterThan(0);
  return uid!;
}

async function loadDraft(signedIn: SignedIn, uid: number, composeId = crypto.randomUUID()): Promise<DraftContent> {
  const response = await post(gateway, signedIn, COMPOSE_API.openDraft, { folder: 'Drafts', uid, compose: composeId });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as DraftContent;
}

describe('drafts', () => {
  it('saves, replaces, reloads with attachments and half-typed addresses, and disappears when sent', async () => {
    const [alice, bob] = await createUsers(2, 'draft');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const draft = message({ to: ['Jürgen Bär <' + bob!.address + '>', 'bo'], cc: ['Carol <carol@'], subject: 'Entwurf für März', text: 'Erste Fassung' });
    const report = randomBytes(70_000);
    const file = await uploaded(gateway, signedIn, draft.composeId, 'Bericht Größe.bin', report);

    const first = await saveDraft(signedIn, { ...draft, attachments: [file.id] });
    let drafts = await messagesIn(alice!, 'Drafts');
    expect(drafts.map((d) => d.uid)).toEqual([first]);
    expect(drafts[0]!.flags.has('\\Draft')).toBe(true);

    const second = await saveDraft(signedIn, { ...draft, text: 'Zweite Fassung', attachments: [file.id], replaceUid: first });
    drafts = await messagesIn(alice!, 'Drafts');
    expect(drafts.map((d) => d.uid)).toEqual([second]);
    expect(drafts[0]!.parsed.text?.trim()).toBe('Zweite Fassung');

    const loaded = await loadDraft(signedIn, second);
    expect(loaded.to).toEqual([`Jürgen Bär <${bob!.address}>`, 'bo']);
    // Read back through a MIME parser, the unfinished entry comes back with its bracket closed.
    expect(loaded.cc).toEqual(['Carol <carol@>']);
    expect(loaded.subject).toBe('Entwurf für März');
    expect(loaded.text.trim()).toBe('Zweite Fassung');
    expect(loaded.attachments).toMatchObject([{ filename: 'Bericht Größe.bin', size: report.length }]);

    // Continue writing: complete the addresses, send with the draft's UID.
    const sent = await send(gateway, signedIn, {
      ...message(),
      composeId: loaded.composeId,
      to: [loaded.to[0]!],
      subject: loaded.subject,
      text: loaded.text,
      attachments: loaded.attachments.map((a) => a.id),
      draftUid: second,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((sent.json() as SendResponse).savedToSent).toBe(true);
    const [arrived] = await waitForMessages(bob!, 'INBOX');
    expect(arrived!.parsed.attachments.map((a) => sha256(a.content as ArrayBuffer))).toEqual([sha256(report)]);
    expect(await messagesIn(alice!, 'Drafts')).toEqual([]);
  });

  it('keeps the reply it was: a draft of a reply still threads and flags the original when sent later', async () => {
    const [alice, bob] = await createUsers(2, 'draft');
    const bobIn = sessionOf(await gateway.signIn(bob!));
    expect((await send(gateway, bobIn, message({ to: [alice!.address], subject: 'Frage' }))).statusCode).toBe(200);
    const [original] = await waitForMessages(alice!, 'INBOX');

    const aliceIn = sessionOf(await gateway.signIn(alice!));
    const started = await post(gateway, aliceIn, COMPOSE_API.start, { composeId: crypto.randomUUID(), original: { folder: 'INBOX', uid: original!.uid, kind: 'reply' } });
    const reply = started.json() as DraftContent;
    const uid = await saveDraft(aliceIn, { ...reply, attachments: [] });
    const loaded = await loadDraft(aliceIn, uid);
    expect(loaded.original).toEqual({ folder: 'INBOX', uid: original!.uid, kind: 'reply' });

    const sent = await send(gateway, aliceIn, { ...loaded, attachments: [], draftUid: uid });
    expect(sent.statusCode, sent.body).toBe(200);
    const [answer] = await waitForMessages(bob!, 'INBOX');
    expect(answer!.parsed.inReplyTo).toBe(original!.parsed.messageId);
    expect(answer!.raw.toString('latin1')).not.toMatch(/X-Webmail-Original/i);
    expect((await messagesIn(alice!, 'INBOX'))[0]!.flags.has('\\Answered')).toBe(true);
    expect(await messagesIn(alice!, 'Drafts')).toEqual([]);
  });

  it('opens a draft (which copies its attachments) only by a POST with the CSRF token', async () => {
    const [alice] = await createUsers(1, 'draft');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const uid = await saveDraft(signedIn, message({ to: [], subject: 'Nur per POST', text: 'x' }));
    const composeId = crypto.randomUUID();
    const asGet = await gateway.app.inject({ method: 'GET', url: `${COMPOSE_API.openDraft}?folder=Drafts&uid=${uid}&compose=${composeId}`, headers: { cookie: signedIn.cookie } });
    expect(asGet.statusCode).toBe(404);
    const noToken = await gateway.app.inject({ method: 'POST', url: COMPOSE_API.openDraft, headers: { cookie: signedIn.cookie }, payload: { folder: 'Drafts', uid, compose: composeId } });
    expect(noToken.statusCode).toBe(403);
    expect((await loadDraft(signedIn, uid, composeId)).subject).toBe('Nur per POST');
  });

  it('saves a draft with no recipients at all', async () => {
    const [alice] = await createUsers(1, 'draft');
    const signedIn = sessionOf(await gateway.signIn(alice!));
    const uid = await saveDraft(signedIn, message({ subject: '', text: 'nur eine Notiz' }));
    const loaded = await loadDraft(signedIn, uid);
    expect(loaded).toMatchObject({ to: [], cc: [], bcc: [], subject: '', attachments: [] });
    expect(loaded.text.trim()).toBe('nur eine Notiz');
  });
});
