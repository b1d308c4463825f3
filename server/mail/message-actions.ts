// Flag, move and delete messages by UID. Each answers which of the asked UIDs it applied to
// and which were gone already (moved or deleted elsewhere), found by one UID SEARCH first.
import type { ImapFlow } from 'imapflow';
import type { ActionResponse, DeleteRequest, FlagsRequest, MoveRequest } from '../../src/shared/api.js';
import { Failure } from '../failure.js';
import { type OpenMailbox, withMailbox } from '../imap/mailbox.js';
import { uidSet } from '../imap/uid-set.js';
import { findFolder, folderWithRole, knownFolders, resolveTarget, samePath } from './folder-lookup.js';
import { IMAP_FLAGS } from './message-rows.js';

/** Splits `uids` into those the selected folder holds and those it does not. */
async function existing(client: ImapFlow, open: OpenMailbox, uids: number[]): Promise<ActionResponse> {
  // The folder may have been selected since an earlier request: let the server report expunges first.
  if (open.wasSelected) await client.noop();
  const found = await client.search({ uid: uidSet(uids) }, { uid: true });
  if (!found) throw new Failure('MAIL_SERVER_ERROR', { operation: 'search uids' });
  const present = new Set(found);
  const unique = [...new Set(uids)];
  return { done: unique.filter((uid) => present.has(uid)), missing: unique.filter((uid) => !present.has(uid)) };
}

function mustSucceed(ok: unknown, operation: string): void {
  if (!ok) throw new Failure('MAIL_SERVER_ERROR', { operation });
}

export function setFlags(client: ImapFlow, request: FlagsRequest): Promise<ActionResponse> {
  const add = (request.add ?? []).map((name) => IMAP_FLAGS[name]);
  const remove = (request.remove ?? []).map((name) => IMAP_FLAGS[name]);
  return withMailbox(client, request.folder, 'flags', async (open) => {
    const result = await existing(client, open, request.uids);
    if (result.done.length === 0) return result;
    const range = uidSet(result.done);
    if (add.length > 0) mustSucceed(await client.messageFlagsAdd(range, add, { uid: true, silent: true }), 'store +flags');
    if (remove.length > 0) mustSucceed(await client.messageFlagsRemove(range, remove, { uid: true, silent: true }), 'store -flags');
    return result;
  });
}

async function moveTo(client: ImapFlow, folder: string, uids: number[], targetPath: string): Promise<ActionResponse> {
  return withMailbox(client, folder, 'move', async (open) => {
    const result = await existing(client, open, uids);
    // RFC 6851 MOVE: atomic, no \Deleted copies left behind.
    if (result.done.length > 0) mustSucceed(await client.messageMove(uidSet(result.done), targetPath, { uid: true }), 'move');
    return result;
  });
}

export async function moveMessages(client: ImapFlow, request: MoveRequest): Promise<ActionResponse> {
  const target = resolveTarget(await knownFolders(client), request.target);
  if (samePath(target.path, request.folder)) throw new Failure('BAD_REQUEST', { reason: 'move to the same folder', folder: request.folder });
  return moveTo(client, request.folder, request.uids, target.path);
}

/** To Trash; in Trash itself (or without one) the messages are expunged for good. */
export async function deleteMessages(client: ImapFlow, request: DeleteRequest): Promise<ActionResponse> {
  const folders = await knownFolders(client);
  if (!findFolder(folders, request.folder)) throw new Failure('FOLDER_NOT_FOUND', { folder: request.folder });
  const trash = folderWithRole(folders, 'trash');
  if (trash && !samePath(trash.path, request.folder)) return moveTo(client, request.folder, request.uids, trash.path);
  return withMailbox(client, request.folder, 'expunge', async (open) => {
    const result = await existing(client, open, request.uids);
    // STORE +FLAGS \Deleted, then UID EXPUNGE (RFC 4315 §2.1) of exactly these UIDs.
    if (result.done.length > 0) mustSucceed(await client.messageDelete(uidSet(result.done), { uid: true }), 'expunge');
    return result;
  });
}
