// Delta sync against the real Dovecot: what a second IMAP client changes (new mail, flags,
// expunge) comes back through /api/sync as exactly those rows and UIDs, never an unchanged row;
// a changed UIDVALIDITY only says "reset"; a change to more rows than one answer holds is paged
// without loss, even when one STORE gave them all the same modseq; and the fallback for servers
// without CONDSTORE tells the same story by comparing UIDs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byComparing, CHANGED_ROWS_LIMIT } from '../../server/mail/delta-sync.js';
import { folderState } from '../../server/mail/message-list.js';
import { type FolderState, SYNC_API, type SyncQuery, type SyncResponse } from '../../src/shared/api.js';
import { startGateway, type SignedIn, type TestGateway } from '../support/gateway.js';
import { createUsers, imapAs, rawMessage, type TestUser } from '../support/mailstack.js';
import { appendAll, folderTruth, getAs, listWindow, seedMailbox, SpareUsers } from '../support/messages.js';

let gateway: TestGateway;
let spare: SpareUsers;

beforeAll(async () => {
  gateway = await startGateway();
  spare = new SpareUsers(gateway, await createUsers(10, 'delta'));
}, 120_000);
afterAll(() => gateway.close());

function queryOf(folder: FolderState, extra: Partial<SyncQuery> = {}): SyncQuery {
  return { folder: folder.path, uidValidity: folder.uidValidity, highestModseq: folder.highestModseq, uidNext: folder.uidNext, ...extra };
}

async function sync(signedIn: SignedIn, query: SyncQuery): Promise<SyncResponse> {
  const params = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  const response = await getAs(gateway, signedIn, `${SYNC_API.delta}?${params}`);
  if (response.statusCode !== 200) throw new Error(`sync: ${response.statusCode} ${response.body}`);
  return response.json() as SyncResponse;
}

/** A mailbox with three messages and the state a client would have stored after listing it. */
async function syncedMailbox(): Promise<{ user: TestUser; signedIn: SignedIn; uids: number[]; state: FolderState }> {
  const { user, signedIn } = await spare.next();
  const uids = await appendAll(user, 'INBOX', [1, 2, 3].map((n) => ({ raw: rawMessage('a@example.com', user.address, `Nachricht ${n}`) })));
  const { folder: state } = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50 });
  return { user, signedIn, uids, state };
}

describe('delta since the client’s modseq (CONDSTORE + QRESYNC)', () => {
  it('answers empty lists when nothing changed', async () => {
    const { signedIn, state } = await syncedMailbox();
    const delta = await sync(signedIn, queryOf(state));
    expect(delta).toMatchObject({ reset: false, changed: [], vanished: [], more: false });
    expect(delta.folder).toEqual(state);
  });

  it('sends two new messages as full rows, and only them', async () => {
    const { user, signedIn, state } = await syncedMailbox();
    const added = await appendAll(user, 'INBOX', [
      { raw: rawMessage('Ärger <b@example.com>', user.address, 'Neu eins') },
      { raw: rawMessage('c@example.com', user.address, 'Neu zwei'), flags: ['\\Seen'] },
    ]);
    const delta = await sync(signedIn, queryOf(state));
    expect(delta.changed.map((row) => row.uid)).toEqual(added);
    expect(delta.changed.map((row) => [row.subject, row.position, row.flags.seen])).toEqual([['Neu eins', -1, false], ['Neu zwei', -1, true]]);
    expect(delta.changed[0]!.from).toEqual({ name: 'Ärger', address: 'b@example.com' });
    expect(delta.vanished).toEqual([]);
    expect(delta.folder).toMatchObject({ total: 5, unread: 4, uidNext: added[1]! + 1 });
    expect(BigInt(delta.folder.highestModseq)).toBeGreaterThan(BigInt(state.highestModseq));
    // Stored, that state has nothing more to say.
    expect(await sync(signedIn, queryOf(delta.folder))).toMatchObject({ changed: [], vanished: [] });
  });

  it('sends a message flagged elsewhere with its new flags, and no unchanged row', async () => {
    const { user, signedIn, uids, state } = await syncedMailbox();
    const imap = await imapAs(user);
    try {
      await imap.mailboxOpen('INBOX');
      await imap.messageFlagsAdd(String(uids[1]), ['\\Flagged', '\\Seen'], { uid: true });
    } finally {
      await imap.logout();
    }
    const delta = await sync(signedIn, queryOf(state));
    expect(delta.changed.map((row) => row.uid)).toEqual([uids[1]]);
    expect(delta.changed[0]!.flags).toMatchObject({ flagged: true, seen: true, answered: false });
    expect(delta.folder.unread).toBe(2);
  });

  it('names a message expunged elsewhere in vanished, though the session had the folder selected', async () => {
    const { user, signedIn, uids, state } = await syncedMailbox();
    const imap = await imapAs(user);
    try {
      await imap.mailboxOpen('INBOX');
      await imap.messageDelete(String(uids[0]), { uid: true });
    } finally {
      await imap.logout();
    }
    const delta = await sync(signedIn, queryOf(state));
    expect(delta.vanished).toEqual([uids[0]]);
    expect(delta.changed).toEqual([]);
    expect(delta.folder.total).toBe(2);
  });

  it('names every message when the folder was emptied elsewhere', async () => {
    const { user, signedIn, uids, state } = await syncedMailbox();
    const imap = await imapAs(user);
    try {
      await imap.mailboxOpen('INBOX');
      await imap.messageDelete('1:*', { uid: true });
    } finally {
      await imap.logout();
    }
    const delta = await sync(signedIn, queryOf(state));
    expect(delta).toMatchObject({ changed: [], vanished: uids, more: false });
    expect(delta.folder.total).toBe(0);
  });

  it('only says reset when UIDVALIDITY differs', async () => {
    const { signedIn, state } = await syncedMailbox();
    const delta = await sync(signedIn, queryOf(state, { uidValidity: String(Number(state.uidValidity) + 1), highestModseq: '1', uidNext: 1 }));
    expect(delta).toEqual({ folder: state, reset: true, changed: [], vanished: [], more: false });
  });

  it('refuses a state that is not one', async () => {
    const { signedIn, state } = await syncedMailbox();
    for (const bad of [{ highestModseq: '-1' }, { uidValidity: 'abc' }, { knownUids: '1:*' }]) {
      const params = new URLSearchParams(Object.entries(queryOf(state, bad as Partial<SyncQuery>)).map(([k, v]) => [k, String(v)]));
      const response = await getAs(gateway, signedIn, `${SYNC_API.delta}?${params}`);
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
    }
  });
});

describe('bounded answers', () => {
  it('pages one STORE over more messages than an answer holds, losing and repeating none', async () => {
    const { user, signedIn } = await spare.next();
    await seedMailbox(user, 700);
    const { folder: state } = await listWindow(gateway, signedIn, { folder: 'INBOX', offset: 0, limit: 50 });
    // Seeded mail that carries \Flagged already does not change (no new modseq): only the rest comes.
    const before = await folderTruth(user, 'INBOX');
    const flaggedNow = before.uids.filter((uid) => !before.flagged.includes(uid));
    expect(flaggedNow.length).toBeGreaterThan(CHANGED_ROWS_LIMIT);
    const imap = await imapAs(user);
    try {
      await imap.mailboxOpen('INBOX');
      await imap.messageFlagsAdd('1:*', ['\\Flagged'], { uid: true });
    } finally {
      await imap.logout();
    }
    const seen: number[] = [];
    let query = queryOf(state);
    let pages = 0;
    for (;;) {
      const delta = await sync(signedIn, query);
      pages += 1;
      expect(delta.changed.length).toBeLessThanOrEqual(CHANGED_ROWS_LIMIT);
      expect(delta.changed.every((row) => row.flags.flagged)).toBe(true);
      seen.push(...delta.changed.map((row) => row.uid));
      if (!delta.more) break;
      query = queryOf(state, delta.next);
    }
    expect(pages).toBe(2);
    expect([...seen].sort((a, b) => a - b)).toEqual(flaggedNow);
  });
});

describe('fallback without CONDSTORE: comparing UIDs', () => {
  it('finds new, vanished and re-flagged messages from the UIDs the client holds', async () => {
    const { user, uids, state } = await syncedMailbox();
    const [added] = await appendAll(user, 'INBOX', [{ raw: rawMessage('d@example.com', user.address, 'Später') }]);
    const imap = await imapAs(user);
    try {
      await imap.mailboxOpen('INBOX');
      await imap.messageDelete(String(uids[2]), { uid: true });
      await imap.messageFlagsAdd(String(uids[0]), ['\\Answered'], { uid: true });
      const folder = await folderState(imap, imap.mailbox as Exclude<typeof imap.mailbox, false>, false);
      const delta = await byComparing(imap, folder, queryOf(state, { knownUids: `${uids[0]}:${uids[2]}` }));
      expect(delta.changed.map((row) => row.uid)).toEqual([added]);
      expect(delta.vanished).toEqual([uids[2]]);
      expect(delta.knownFlags?.map((entry) => [entry.uid, entry.flags.answered])).toEqual([[uids[0], true], [uids[1], false]]);
      expect(delta.more).toBe(false);
    } finally {
      await imap.logout();
    }
  });
});
