// A list window asked for again on the same connection is read with one UID FETCH instead of
// NOOP + STATUS + FETCH (server/mail/kept-windows.ts). The risk is a stale answer: every change
// made elsewhere (flags inside and outside the window, new mail, expunges) and every change made
// through the gateway itself must show in the very next window, exactly as a fresh connection
// sees the folder. Against the real Dovecot.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImap } from '../../server/imap/connect.js';
import { listMessages } from '../../server/mail/message-list.js';
import type { KeptLists } from '../../server/mail/list-order.js';
import type { Folder, ListQuery, MessageListResponse } from '../../src/shared/api.js';
import { sessionOf, startGateway, type TestGateway } from '../support/gateway.js';
import { createUsers, imapAs, rawMessage, testConfig, type TestUser } from '../support/mailstack.js';
import { appendAll, getAs, listWindow, postAs } from '../support/messages.js';

const noKeptLists: KeptLists = { get: () => undefined, set: () => undefined };
const WINDOW: ListQuery = { folder: 'INBOX', offset: 0, limit: 20 };

let users: TestUser[];
let gateway: TestGateway;

beforeAll(async () => {
  users = await createUsers(9, 'kept');
  gateway = await startGateway();
}, 60_000);
afterAll(() => gateway?.close());

/** A user with 30 messages in INBOX, the newest ten unread. */
async function userWithMail(): Promise<{ user: TestUser; uids: number[] }> {
  const user = users.shift()!;
  const messages = Array.from({ length: 30 }, (_, n) => ({ raw: rawMessage('anna@example.com', user.address, `Nachricht ${n}`), flags: n < 20 ? ['\\Seen'] : [] }));
  return { user, uids: await appendAll(user, 'INBOX', messages) };
}

/** The gateway's own connection for the user, counting the IMAP commands the list sends. */
async function sessionConnection(user: TestUser): Promise<{ client: ImapFlow; commands: string[] }> {
  const client = await connectImap(testConfig().imap, { user: user.address, password: user.password, clientAddress: '127.0.0.1' });
  const commands: string[] = [];
  for (const name of ['noop', 'status', 'fetchAll'] as const) {
    const original = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      commands.push(name === 'fetchAll' && (args[2] as { uid?: boolean } | undefined)?.uid ? 'uid fetch' : name);
      return original(...args);
    };
  }
  return { client, commands };
}

/** The window as a connection that has never seen the folder reads it. */
async function freshView(user: TestUser, query: ListQuery = WINDOW): Promise<MessageListResponse> {
  const client = await connectImap(testConfig().imap, { user: user.address, password: user.password, clientAddress: '127.0.0.1' });
  try {
    return await listMessages(client, query, noKeptLists);
  } finally {
    await client.logout();
  }
}

async function asAnotherClient(user: TestUser, change: (imap: ImapFlow) => Promise<unknown>): Promise<void> {
  const imap = await imapAs(user);
  try {
    await imap.mailboxOpen('INBOX');
    await change(imap);
  } finally {
    await imap.logout();
  }
}

describe('a window asked for again', () => {
  it('is read with one UID FETCH when nothing changed, and answers the same', async () => {
    const { user } = await userWithMail();
    const { client, commands } = await sessionConnection(user);
    try {
      const first = await listMessages(client, WINDOW, noKeptLists);
      commands.length = 0;
      const again = await listMessages(client, WINDOW, noKeptLists);
      expect(commands).toEqual(['uid fetch']);
      expect(again).toEqual(first);
      expect(again).toEqual(await freshView(user));
    } finally {
      await client.logout();
    }
  });

  const changes: [string, (imap: ImapFlow, uids: number[]) => Promise<unknown>][] = [
    ['a flag set inside the window', (imap, uids) => imap.messageFlagsAdd(String(uids[25]), ['\\Seen', '\\Flagged'], { uid: true })],
    ['a flag set outside the window', (imap, uids) => imap.messageFlagsRemove(String(uids[0]), ['\\Seen'], { uid: true })],
    ['new mail', (imap, _uids) => imap.append('INBOX', rawMessage('ben@example.com', 'x@example.com', 'Ganz neu'))],
    ['a message expunged inside the window', (imap, uids) => imap.messageDelete(String(uids[28]), { uid: true })],
    ['a message expunged outside the window', (imap, uids) => imap.messageDelete(String(uids[1]), { uid: true })],
  ];
  for (const [what, change] of changes) {
    it(`shows ${what} by another client at once, as a fresh connection sees it`, async () => {
      const { user, uids } = await userWithMail();
      const { client } = await sessionConnection(user);
      try {
        await listMessages(client, WINDOW, noKeptLists);
        await listMessages(client, WINDOW, noKeptLists);
        await asAnotherClient(user, (imap) => change(imap, uids));
        const next = await listMessages(client, WINDOW, noKeptLists);
        expect(next).toEqual(await freshView(user));
        // And the window after that, kept anew from the changed folder, is right as well.
        expect(await listMessages(client, WINDOW, noKeptLists)).toEqual(await freshView(user));
      } finally {
        await client.logout();
      }
    });
  }

  it('is not read by UID from a server that may not report changes after UID commands', async () => {
    const { user } = await userWithMail();
    const { client, commands } = await sessionConnection(user);
    try {
      client.serverInfo = { name: 'Some other server' };
      await listMessages(client, WINDOW, noKeptLists);
      commands.length = 0;
      await listMessages(client, WINDOW, noKeptLists);
      expect(commands).toEqual(['noop', 'status', 'fetchAll']);
    } finally {
      await client.logout();
    }
  });
});

describe('through the gateway', () => {
  it('shows the session\'s own flag change in the next window and in the unread count', async () => {
    const { user, uids } = await userWithMail();
    const signedIn = sessionOf(await gateway.signIn(user));
    const before = await listWindow(gateway, signedIn, WINDOW);
    await listWindow(gateway, signedIn, WINDOW);
    expect(before.folder.unread).toBe(10);
    const newest = uids[29]!;
    expect((await postAs(gateway, signedIn, '/api/messages/flags', { folder: 'INBOX', uids: [newest], add: ['seen'] })).statusCode).toBe(200);
    const after = await listWindow(gateway, signedIn, WINDOW);
    expect(after.rows[0]).toMatchObject({ uid: newest, flags: { seen: true } });
    expect(after.folder.unread).toBe(9);
    expect(BigInt(after.folder.highestModseq)).toBeGreaterThan(BigInt(before.folder.highestModseq));
    expect(after).toEqual(await freshView(user));
  });
});

describe('the folder list beside the open folder', () => {
  it('counts new mail in the folder the session has open, not the counts it last saw', async () => {
    const { user } = await userWithMail();
    const signedIn = sessionOf(await gateway.signIn(user));
    await listWindow(gateway, signedIn, WINDOW);
    await appendAll(user, 'INBOX', [{ raw: rawMessage('ben@example.com', user.address, 'Ganz neu') }]);
    const folders = (await getAs(gateway, signedIn, '/api/folders')).json() as { folders: Folder[] };
    expect(folders.folders.find((folder) => folder.path === 'INBOX')).toMatchObject({ total: 31, unread: 11 });
  });
});
