// A window of a folder's message list: rows at positions offset … offset+limit-1 of the sorted,
// filtered list, with the folder's state so the SPA can tell what changed (RFC 7162).
import type { FetchMessageObject, ImapFlow, MailboxObject } from 'imapflow';
import type { FolderState, ListQuery, MessageListResponse, MessageRow } from '../../src/shared/api.js';
import { withMailbox } from '../imap/mailbox.js';
import { uidSet } from '../imap/uid-set.js';
import { viewChanges } from '../imap/view-changes.js';
import { keepWindow, rereadKeptWindow, windowKey } from './kept-windows.js';
import { type KeptLists, orderedUids } from './list-order.js';
import { collapseAnswers, ROW_QUERY, toRow } from './message-rows.js';

/**
 * The folder as the session sees it now, and the connection's change count it was read at
 * (view-changes.ts). A folder that was selected already may have changed elsewhere since: NOOP
 * lets the server report new and expunged messages first (RFC 3501 §6.1.2). STATUS then gives
 * what SELECT gave only once (UIDNEXT, HIGHESTMODSEQ) and the unread count SELECT never gives;
 * Dovecot answers it for the selected folder from the session's view.
 */
async function syncedFolderState(client: ImapFlow, mailbox: MailboxObject, wasSelected: boolean): Promise<{ folder: FolderState; generation: number }> {
  if (wasSelected) await client.noop();
  // Counted before STATUS: a report that comes with or after it must not be hidden.
  const generation = viewChanges(client).generation;
  const status = await client.status(mailbox.path, { uidNext: true, highestModseq: true, unseen: true });
  const folder = {
    path: mailbox.path,
    uidValidity: String(mailbox.uidValidity),
    uidNext: (status && status.uidNext) || mailbox.uidNext,
    highestModseq: String((status && status.highestModseq) || mailbox.highestModseq || 0),
    total: mailbox.exists,
    unread: (status && status.unseen) || 0,
  };
  return { folder, generation };
}

export async function folderState(client: ImapFlow, mailbox: MailboxObject, wasSelected: boolean): Promise<FolderState> {
  return (await syncedFolderState(client, mailbox, wasSelected)).folder;
}

/**
 * The unsorted, unfiltered list in arrival order needs no SORT or SEARCH: position p is message
 * number exists-p (newest first) or p+1, and FETCH by message number is cheap (FACTS). Message
 * numbers cannot shift under this FETCH: no EXPUNGE may arrive during it (RFC 3501 §7.4.1).
 * A window answered before and unchanged since is read again by UID (kept-windows.ts).
 */
async function mailboxOrderWindow(client: ImapFlow, open: { mailbox: MailboxObject; wasSelected: boolean }, query: ListQuery, descending: boolean): Promise<MessageListResponse> {
  const { mailbox } = open;
  const key = windowKey(query.offset, query.limit, descending);
  const again = await rereadKeptWindow(client, mailbox, key);
  if (again) {
    // Kept windows are whole: the UID at index i is at position offset + i.
    const index = new Map(Array.from(again.uids, (uid, i) => [uid, i]));
    const rows = again.messages.map((message) => toRow(message, query.offset + index.get(message.uid)!)).sort((a, b) => a.position - b.position);
    return { folder: again.folder, total: again.folder.total, offset: query.offset, rows };
  }
  const { folder, generation } = await syncedFolderState(client, mailbox, open.wasSelected);
  const exists = folder.total;
  const first = query.offset;
  const last = Math.min(query.offset + query.limit, exists) - 1;
  if (first > last) return { folder, total: exists, offset: query.offset, rows: [] };
  const positionOf = (seq: number) => (descending ? exists - seq : seq - 1);
  const [low, high] = descending ? [exists - last, exists - first] : [first + 1, last + 1];
  const { messages, unsolicited } = collapseAnswers(await client.fetchAll(`${low}:${high}`, ROW_QUERY), 'seq');
  const inWindow = messages.filter((message) => message.seq >= low && message.seq <= high);
  const rows = inWindow.map((message) => toRow(message, positionOf(message.seq))).sort((a, b) => a.position - b.position);
  if (unsolicited) viewChanges(client).unknown();
  else if (rows.length === high - low + 1) keepWindow(client, mailbox, generation, folder, key, Uint32Array.from(rows, (row) => row.uid));
  return { folder, total: exists, offset: query.offset, rows };
}

async function rowsOf(client: ImapFlow, uids: Uint32Array, offset: number): Promise<MessageRow[]> {
  if (uids.length === 0) return [];
  const { messages, unsolicited } = collapseAnswers(await client.fetchAll(uidSet(uids), ROW_QUERY, { uid: true }), 'uid');
  if (unsolicited) viewChanges(client).unknown();
  const byUid = new Map<number, FetchMessageObject>(messages.map((message) => [message.uid, message]));
  const rows: MessageRow[] = [];
  uids.forEach((uid, index) => {
    const message = byUid.get(uid);
    if (message) rows.push(toRow(message, offset + index));
  });
  return rows;
}

export function listMessages(client: ImapFlow, query: ListQuery, kept: KeptLists): Promise<MessageListResponse> {
  return withMailbox(client, query.folder, 'list', async (open) => {
    const sort = query.sort ?? 'arrival';
    const order = query.order ?? 'desc';
    const text = query.q?.trim() ?? '';
    const criteria = { text, unread: query.filter === 'unread', flagged: query.filter === 'flagged' };
    if (sort === 'arrival' && !text && !criteria.unread && !criteria.flagged) return mailboxOrderWindow(client, open, query, order === 'desc');
    const folder = await folderState(client, open.mailbox, open.wasSelected);
    const uids = await orderedUids(client, folder, { sort, order, criteria }, kept);
    const rows = await rowsOf(client, uids.subarray(query.offset, query.offset + query.limit), query.offset);
    return { folder, total: uids.length, offset: query.offset, rows };
  });
}
