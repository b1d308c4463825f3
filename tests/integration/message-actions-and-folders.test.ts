// Changing mail against the real Dovecot: flags, moves (by path and by role), delete to Trash
// and for good, UIDs that are gone already, folder create/rename/delete/subscribe with the
// protected folders left alone — and no state change without the session's CSRF token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionResponse, type Folder, type FoldersResponse, MESSAGE_API } from '../../src/shared/api.js';
import { startGateway, type SignedIn, type TestGateway, withSession } from '../support/gateway.js';
import { createUsers, imapAs, rawMessage, type TestUser } from '../support/mailstack.js';
import { appendAll, folderTruth, postAs, SpareUsers } from '../support/messages.js';

let gateway: TestGateway;
let spare: SpareUsers;

beforeAll(async () => {
  gateway = await startGateway();
  spare = new SpareUsers(gateway, await createUsers(16, 'act'));
});
afterAll(() => gateway.close());

const freshUser = () => spare.next();

async function inboxWith(user: TestUser, subjects: string[]): Promise<number[]> {
  return appendAll(user, 'INBOX', subjects.map((subject) => ({ raw: rawMessage('a@example.com', user.address, subject) })));
}

async function action(signedIn: SignedIn, url: string, payload: object): Promise<ActionResponse> {
  const response = await postAs(gateway, signedIn, url, payload);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ActionResponse;
}

async function subjectsIn(user: TestUser, folder: string): Promise<string[]> {
  const imap = await imapAs(user);
  const lock = await imap.getMailboxLock(folder);
  try {
    if (!imap.mailbox || !imap.mailbox.exists) return [];
    return (await imap.fetchAll('1:*', { envelope: true })).map((message) => message.envelope?.subject ?? '').sort();
  } finally {
    lock.release();
    await imap.logout();
  }
}

function flatten(folders: Folder[]): Folder[] {
  return folders.flatMap((folder) => [folder, ...flatten(folder.children)]);
}

async function folderRequest(signedIn: SignedIn, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return gateway.app.inject({ method, url, headers: withSession(signedIn), ...(payload ? { payload } : {}) });
}

const paths = (response: { json(): unknown }) => flatten((response.json() as FoldersResponse).folders).map((folder) => folder.path);

describe('flags', () => {
  it('flags and unflags, marks read and unread, and marks forwarded', async () => {
    const { user, signedIn } = await freshUser();
    const [one, two] = await inboxWith(user, ['eins', 'zwei']);
    expect(await action(signedIn, MESSAGE_API.flags, { folder: 'INBOX', uids: [one, two], add: ['flagged', 'seen'] })).toEqual({ done: [one, two], missing: [] });
    let truth = await folderTruth(user, 'INBOX');
    expect([truth.flagged, truth.unseen]).toEqual([[one, two], []]);

    await action(signedIn, MESSAGE_API.flags, { folder: 'INBOX', uids: [two], remove: ['flagged', 'seen'], add: ['forwarded', 'answered'] });
    truth = await folderTruth(user, 'INBOX');
    expect([truth.flagged, truth.unseen]).toEqual([[one], [two]]);
    expect([...truth.flagsOf.get(two!)!].sort()).toEqual(['$Forwarded', '\\Answered']);
  });

  it('reports UIDs that are gone as missing and changes the rest', async () => {
    const { user, signedIn } = await freshUser();
    const [one, two] = await inboxWith(user, ['eins', 'zwei']);
    const imap = await imapAs(user);
    await imap.mailboxOpen('INBOX');
    await imap.messageDelete(String(two), { uid: true });
    await imap.logout();
    expect(await action(signedIn, MESSAGE_API.flags, { folder: 'INBOX', uids: [one, two, 999], add: ['seen'] })).toEqual({ done: [one], missing: [two, 999] });
    expect((await folderTruth(user, 'INBOX')).unseen).toEqual([]);
    expect(await action(signedIn, MESSAGE_API.move, { folder: 'INBOX', uids: [998], target: 'junk' })).toEqual({ done: [], missing: [998] });
    expect(await action(signedIn, MESSAGE_API.delete, { folder: 'INBOX', uids: [997, one] })).toEqual({ done: [one], missing: [997] });
  });

  it('refuses malformed requests with BAD_REQUEST', async () => {
    const { signedIn } = await freshUser();
    const bad = [
      { folder: 'INBOX', uids: [], add: ['seen'] }, { folder: 'INBOX', uids: [0], add: ['seen'] }, { folder: 'INBOX', uids: [1.5], add: ['seen'] },
      { folder: 'INBOX', uids: Array.from({ length: 1001 }, (_, n) => n + 1), add: ['seen'] }, { folder: 'INBOX', uids: [1], add: ['deleted'] },
      { folder: 'INBOX', uids: [1, 1], add: ['seen'] }, { folder: 'IN\rBOX', uids: [1], add: ['seen'] }, { uids: [1], add: ['seen'] },
    ];
    for (const payload of bad) {
      const response = await postAs(gateway, signedIn, MESSAGE_API.flags, payload);
      expect([response.statusCode, response.json().error.code], JSON.stringify(payload).slice(0, 80)).toEqual([400, 'BAD_REQUEST']);
    }
  });
});

describe('move', () => {
  it('moves to a folder by its path and to Junk by its role', async () => {
    const { user, signedIn } = await freshUser();
    const imap = await imapAs(user);
    await imap.mailboxCreate('Projekte');
    await imap.mailboxCreate(['Projekte', 'Umzug']);
    await imap.logout();
    const [one, two, three] = await inboxWith(user, ['eins', 'zwei', 'drei']);
    expect(await action(signedIn, MESSAGE_API.move, { folder: 'INBOX', uids: [one, two], target: 'Projekte.Umzug' })).toEqual({ done: [one, two], missing: [] });
    expect(await subjectsIn(user, 'Projekte.Umzug')).toEqual(['eins', 'zwei']);
    expect(await action(signedIn, MESSAGE_API.move, { folder: 'INBOX', uids: [three], target: 'junk' })).toEqual({ done: [three], missing: [] });
    expect(await subjectsIn(user, 'Junk')).toEqual(['drei']);
    expect(await subjectsIn(user, 'INBOX')).toEqual([]);
  });

  it('refuses the same folder with BAD_REQUEST and an unknown one with FOLDER_NOT_FOUND', async () => {
    const { user, signedIn } = await freshUser();
    const [one] = await inboxWith(user, ['eins']);
    for (const target of ['INBOX', 'inbox']) {
      const same = await postAs(gateway, signedIn, MESSAGE_API.move, { folder: 'INBOX', uids: [one], target });
      expect([same.statusCode, same.json().error.code], target).toEqual([400, 'BAD_REQUEST']);
    }
    for (const target of ['Gibt es nicht', 'archive']) {
      const unknown = await postAs(gateway, signedIn, MESSAGE_API.move, { folder: 'INBOX', uids: [one], target });
      expect([unknown.statusCode, unknown.json().error.code], target).toEqual([404, 'FOLDER_NOT_FOUND']);
    }
    expect(await subjectsIn(user, 'INBOX')).toEqual(['eins']);
  });
});

describe('delete', () => {
  it('moves to Trash, and in Trash expunges exactly the UIDs asked for', async () => {
    const { user, signedIn } = await freshUser();
    const [one, two] = await inboxWith(user, ['eins', 'zwei']);
    expect(await action(signedIn, MESSAGE_API.delete, { folder: 'INBOX', uids: [one, two] })).toEqual({ done: [one, two], missing: [] });
    expect(await subjectsIn(user, 'INBOX')).toEqual([]);
    expect(await subjectsIn(user, 'Trash')).toEqual(['eins', 'zwei']);

    const inTrash = (await folderTruth(user, 'Trash')).uids;
    expect(await action(signedIn, MESSAGE_API.delete, { folder: 'Trash', uids: [inTrash[0]!] })).toEqual({ done: [inTrash[0]], missing: [] });
    expect((await folderTruth(user, 'Trash')).uids).toEqual([inTrash[1]]);
  });

  it('answers FOLDER_NOT_FOUND for a folder that is not there', async () => {
    const { signedIn } = await freshUser();
    const response = await postAs(gateway, signedIn, MESSAGE_API.delete, { folder: 'Weg', uids: [1] });
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'FOLDER_NOT_FOUND']);
  });
});

describe('folders', () => {
  it('creates folders at the top and below a parent, and refuses a taken name with FOLDER_EXISTS', async () => {
    const { signedIn } = await freshUser();
    const top = await folderRequest(signedIn, 'POST', MESSAGE_API.folder, { parent: '', name: 'Reisen' });
    expect(top.statusCode, top.body).toBe(200);
    const child = await folderRequest(signedIn, 'POST', MESSAGE_API.folder, { parent: 'Reisen', name: 'Köln 2024' });
    expect(child.statusCode, child.body).toBe(200);
    expect(paths(child)).toEqual(expect.arrayContaining(['Reisen', 'Reisen.Köln 2024']));
    const created = flatten((child.json() as FoldersResponse).folders).find((folder) => folder.path === 'Reisen.Köln 2024')!;
    expect(created).toMatchObject({ name: 'Köln 2024', subscribed: true, selectable: true, total: 0 });

    for (const [parent, name] of [['', 'Reisen'], ['Reisen', 'Köln 2024'], ['', 'INBOX'], ['', 'Trash']]) {
      const again = await folderRequest(signedIn, 'POST', MESSAGE_API.folder, { parent, name });
      expect([again.statusCode, again.json().error.code], `${parent}/${name}`).toEqual([409, 'FOLDER_EXISTS']);
    }
  });

  it('refuses bad names with FOLDER_NAME_INVALID and a missing parent with FOLDER_NOT_FOUND', async () => {
    const { signedIn } = await freshUser();
    for (const name of ['', '   ', 'a.b', 'Zeile\nZwei', 'x'.repeat(201), 'a/b']) {
      const response = await folderRequest(signedIn, 'POST', MESSAGE_API.folder, { parent: '', name });
      expect([response.statusCode, response.json().error.code], JSON.stringify(name)).toEqual([400, 'FOLDER_NAME_INVALID']);
    }
    const orphan = await folderRequest(signedIn, 'POST', MESSAGE_API.folder, { parent: 'Nirgends', name: 'Kind' });
    expect([orphan.statusCode, orphan.json().error.code]).toEqual([404, 'FOLDER_NOT_FOUND']);
  });

  it('renames a folder in place, taking its messages and subfolders along', async () => {
    const { user, signedIn } = await freshUser();
    const imap = await imapAs(user);
    await imap.mailboxCreate('Alt');
    await imap.mailboxCreate(['Alt', 'Kind']);
    await imap.append('Alt', rawMessage('a@example.com', user.address, 'drin'));
    await imap.logout();
    const response = await folderRequest(signedIn, 'PATCH', MESSAGE_API.folder, { path: 'Alt', newName: 'Neu' });
    expect(response.statusCode, response.body).toBe(200);
    expect(paths(response)).toEqual(expect.arrayContaining(['Neu', 'Neu.Kind']));
    expect(paths(response)).not.toContain('Alt');
    expect(await subjectsIn(user, 'Neu')).toEqual(['drin']);

    const child = await folderRequest(signedIn, 'PATCH', MESSAGE_API.folder, { path: 'Neu.Kind', newName: 'Enkel' });
    expect(paths(child)).toContain('Neu.Enkel');

    const taken = await folderRequest(signedIn, 'PATCH', MESSAGE_API.folder, { path: 'Neu', newName: 'Junk' });
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'FOLDER_EXISTS']);
    const missing = await folderRequest(signedIn, 'PATCH', MESSAGE_API.folder, { path: 'Fort', newName: 'Da' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'FOLDER_NOT_FOUND']);
    const badName = await folderRequest(signedIn, 'PATCH', MESSAGE_API.folder, { path: 'Neu', newName: 'a.b' });
    expect([badName.statusCode, badName.json().error.code]).toEqual([400, 'FOLDER_NAME_INVALID']);
  });

  it('deletes a folder with its subfolders and their messages', async () => {
    const { user, signedIn } = await freshUser();
    const imap = await imapAs(user);
    await imap.mailboxCreate('Archiv');
    await imap.mailboxCreate(['Archiv', '2023']);
    await imap.mailboxCreate(['Archiv', '2023', 'Q1']);
    await imap.mailboxCreate(['Archiv', '2024']);
    await imap.mailboxCreate('Archivierung');
    for (const path of ['Archiv', 'Archiv.2023', 'Archiv.2023.Q1']) await imap.append(path, rawMessage('a@example.com', user.address, path));
    await imap.logout();
    const response = await folderRequest(signedIn, 'DELETE', `${MESSAGE_API.folder}?path=Archiv`);
    expect(response.statusCode, response.body).toBe(200);
    expect(paths(response).filter((path) => path.startsWith('Archiv'))).toEqual(['Archivierung']);
    const imapAfter = await imapAs(user);
    const left = (await imapAfter.list()).map((folder) => folder.path);
    await imapAfter.logout();
    expect(left.filter((path) => path.startsWith('Archiv'))).toEqual(['Archivierung']);

    const again = await folderRequest(signedIn, 'DELETE', `${MESSAGE_API.folder}?path=Archiv`);
    expect([again.statusCode, again.json().error.code]).toEqual([404, 'FOLDER_NOT_FOUND']);
  });

  it('protects INBOX, the special-use folders and folders that hold one', async () => {
    const { user, signedIn } = await freshUser();
    const imap = await imapAs(user);
    await imap.mailboxCreate(['Trash', 'Alt']);
    await imap.logout();
    for (const path of ['INBOX', 'Trash', 'Sent', 'Drafts', 'Junk']) {
      const rename = await folderRequest(signedIn, 'PATCH', MESSAGE_API.folder, { path, newName: `${path}2` });
      expect([rename.statusCode, rename.json().error.code], `rename ${path}`).toEqual([409, 'FOLDER_PROTECTED']);
      const remove = await folderRequest(signedIn, 'DELETE', `${MESSAGE_API.folder}?path=${path}`);
      expect([remove.statusCode, remove.json().error.code], `delete ${path}`).toEqual([409, 'FOLDER_PROTECTED']);
    }
    // A plain folder below Trash is the user's own.
    const child = await folderRequest(signedIn, 'DELETE', `${MESSAGE_API.folder}?path=Trash.Alt`);
    expect(child.statusCode, child.body).toBe(200);
    expect(paths(child)).toContain('Trash');
    expect(paths(child)).not.toContain('Trash.Alt');
  });

  it('subscribes and unsubscribes', async () => {
    const { signedIn } = await freshUser();
    await folderRequest(signedIn, 'POST', MESSAGE_API.folder, { parent: '', name: 'Newsletter' });
    const subscribed = (response: { json(): unknown }) =>
      flatten((response.json() as FoldersResponse).folders).find((folder) => folder.path === 'Newsletter')?.subscribed;
    const off = await postAs(gateway, signedIn, MESSAGE_API.subscription, { path: 'Newsletter', subscribed: false });
    expect([off.statusCode, subscribed(off)]).toEqual([200, false]);
    const on = await postAs(gateway, signedIn, MESSAGE_API.subscription, { path: 'Newsletter', subscribed: true });
    expect([on.statusCode, subscribed(on)]).toEqual([200, true]);
    const missing = await postAs(gateway, signedIn, MESSAGE_API.subscription, { path: 'Fehlt', subscribed: true });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'FOLDER_NOT_FOUND']);
  });
});

describe('CSRF', () => {
  it('refuses every state change without the session token, and nothing changes', async () => {
    const { user, signedIn } = await freshUser();
    const imap = await imapAs(user);
    await imap.mailboxCreate('Behalten');
    await imap.logout();
    const [one] = await inboxWith(user, ['eins']);
    const requests: { method: 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object }[] = [
      { method: 'POST', url: MESSAGE_API.flags, payload: { folder: 'INBOX', uids: [one], add: ['seen', 'flagged'] } },
      { method: 'POST', url: MESSAGE_API.move, payload: { folder: 'INBOX', uids: [one], target: 'junk' } },
      { method: 'POST', url: MESSAGE_API.delete, payload: { folder: 'INBOX', uids: [one] } },
      { method: 'POST', url: MESSAGE_API.folder, payload: { parent: '', name: 'Neu' } },
      { method: 'PATCH', url: MESSAGE_API.folder, payload: { path: 'Behalten', newName: 'Anders' } },
      { method: 'DELETE', url: `${MESSAGE_API.folder}?path=Behalten` },
      { method: 'POST', url: MESSAGE_API.subscription, payload: { path: 'Behalten', subscribed: false } },
    ];
    for (const request of requests) {
      for (const headers of [withSession(signedIn, false), { ...withSession(signedIn), 'x-csrf-token': 'A'.repeat(43) }]) {
        const response = await gateway.app.inject({ method: request.method, url: request.url, headers, ...(request.payload ? { payload: request.payload } : {}) });
        expect([response.statusCode, response.json().error.code], `${request.method} ${request.url}`).toEqual([403, 'CSRF_REJECTED']);
      }
    }
    const truth = await folderTruth(user, 'INBOX');
    expect([truth.uids, truth.unseen, truth.flagged]).toEqual([[one], [one], []]);
    const imapAfter = await imapAs(user);
    const folders = await imapAfter.list();
    await imapAfter.logout();
    expect(folders.map((folder) => folder.path)).toContain('Behalten');
    expect(folders.map((folder) => folder.path)).not.toContain('Neu');
    expect(folders.find((folder) => folder.path === 'Behalten')?.subscribed).toBe(true);
  });
});
