// A window of a folder's message list: rows at positions offset … offset+limit-1 of the sorted,
// filtered list, with the folder's state so the SPA can tell what changed (RFC 7162).
import type { FetchMessageObject, ImapFlow, MailboxObject } from 'imapflow';
import type { FolderState, ListQuery, MessageListResponse, MessageRow } from '../../src/shared/api.js';
import { withMailbox } from '../imap/mailbox.js';
import { uidSet } from '../imap/uid-set.js';
import { type KeptLists, orderedUids } from './list-order.js';
import { ROW_QUERY, toRow } from './message-rows.js';

/**
 * The folder as the session sees it now. A folder that was selected already may have changed
 * elsewhere since: NOOP lets the server report new and expunged messages first (RFC 3501
 * §6.1.2). STATUS then gives what SELECT gave only once (UIDNEXT, HIGHESTMODSEQ) and the unread
 * count SELECT never gives; Dovecot answers it for the selected folder from the session's view.
 */
export async function folderState(client: ImapFlow, mailbox: MailboxObject, wasSelected: boolean): Promise<FolderState> {
  if (wasSelected) await client.noop();
  const status = await client.status(mailbox.path, { uidNext: true, highestModseq: true, unseen: true });
  return {
    path: mailbox.path,
    uidValidity: String(mailbox.uidValidity),
    uidNext: (status && status.uidNext) || mailbox.uidNext,
    highestModseq: String((status && status.highestModseq) || mailbox.highestModseq || 0),
    total: mailbox.exists,
    unread: (status && status.unseen) || 0,
  };
}

/**
 * The unsorted, unfiltered list in arrival order needs no SORT or SEARCH: position p is message
 * number exists-p (newest first) or p+1, and FETCH by message number is cheap (FACTS). Message
 * numbers cannot shift under this FETCH: no EXPUNGE may arrive during it (RFC 3501 §7.4.1).
 */
async function mailboxOrderWindow(client: ImapFlow, exists: number, query: ListQuery, descending: boolean): Promise<MessageRow[]> {
  const first = query.offset;
  const last = Math.min(query.offset + query.limit, exists) - 1;
  if (first > last) return [];
  const positionOf = (seq: number) => (descending ? exists - seq : seq - 1);
  const [low, high] = descending ? [exists - last, exists - first] : [first + 1, last + 1];
  const messages = await client.fetchAll(`${low}:${high}`, ROW_QUERY);
  return messages.map((message) => toRow(message, positionOf(message.seq))).sort((a, b) => a.position - b.position);
}

async function rowsOf(client: ImapFlow, uids: Uint32Array, offset: number): Promise<MessageRow[]> {
  if (uids.length === 0) return [];
  const byUid = new Map<number, FetchMessageObject>();
  for (const message of await client.fetchAll(uidSet(uids), ROW_QUERY, { uid: true })) byUid.set(message.uid, message);
  const rows: MessageRow[] = [];
  uids.forEach((uid, index) => {
    const message = byUid.get(uid);
    if (message) rows.push(toRow(message, offset + index));
  });
  return rows;
}

export function listMessages(client: ImapFlow, query: ListQuery, kept: KeptLists): Promise<MessageListResponse> {
  return withMailbox(client, query.folder, 'list', async ({ mailbox, wasSelected }) => {
    const folder = await folderState(client, mailbox, wasSelected);
    const sort = query.sort ?? 'arrival';
    const order = query.order ?? 'desc';
    const text = query.q?.trim() ?? '';
    const criteria = { text, unread: query.filter === 'unread', flagged: query.filter === 'flagged' };
    if (sort === 'arrival' && !text && !criteria.unread && !criteria.flagged) {
      const rows = await mailboxOrderWindow(client, folder.total, query, order === 'desc');
      return { folder, total: folder.total, offset: query.offset, rows };
    }
    const uids = await orderedUids(client, folder, { sort, order, criteria }, kept);
    const rows = await rowsOf(client, uids.subarray(query.offset, query.offset + query.limit), query.offset);
    return { folder, total: uids.length, offset: query.offset, rows };
  });
}
