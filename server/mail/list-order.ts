// The order of a sorted, searched or filtered message list, as the folder's UIDs in list order.
// The server sorts (UID SORT, RFC 5256) or searches; the answer is kept for the session, so
// paging deeper into the same list asks nothing but the rows.
import type { ImapFlow } from 'imapflow';
import type { FolderState, SortKey, SortOrder } from '../../src/shared/api.js';
import { type MessageCriteria, type SortCriterion, uidSearch, uidSort } from '../imap/sort-search.js';
import { sortWithoutServer } from './sort-fallback.js';

export interface ListOrder {
  sort: SortKey;
  order: SortOrder;
  criteria: MessageCriteria;
}

/** The session's kept lists (server/mail/uid-list-cache.ts, bound to one session). */
export interface KeptLists {
  get(listKey: string, stamp: string): Uint32Array | undefined;
  set(listKey: string, stamp: string, uids: Uint32Array): void;
}

/**
 * When a kept list is still right. Sort keys, addresses, subjects and bodies never change for a
 * message, so such a list holds until messages come or go (UIDNEXT, EXISTS); flags do change,
 * so a list filtered by flags also holds only while HIGHESTMODSEQ stays (RFC 7162 §3.1.2).
 */
function stampOf(state: FolderState, list: ListOrder): string {
  const dependsOnFlags = list.criteria.unread || list.criteria.flagged;
  return [state.uidValidity, state.uidNext, state.total, dependsOnFlags ? state.highestModseq : ''].join(':');
}

function sortCriterion(client: ImapFlow, sort: Exclude<SortKey, 'arrival'>): SortCriterion {
  // RFC 5957 DISPLAYFROM sorts by the name the list shows, FROM by the address's local part.
  if (sort === 'from') return client.capabilities.has('SORT=DISPLAY') ? 'DISPLAYFROM' : 'FROM';
  return ({ date: 'DATE', subject: 'SUBJECT', size: 'SIZE' } as const)[sort];
}

async function askServer(client: ImapFlow, list: ListOrder): Promise<number[]> {
  const descending = list.order === 'desc';
  if (list.sort === 'arrival') {
    // Arrival order is mailbox order (UIDs ascend with arrival), as in the unsorted list.
    const uids = await uidSearch(client, list.criteria);
    return descending ? uids.reverse() : uids;
  }
  if (client.capabilities.has('SORT')) return uidSort(client, sortCriterion(client, list.sort), descending, list.criteria);
  return sortWithoutServer(client, await uidSearch(client, list.criteria), list.sort, descending);
}

/** The selected folder's matching UIDs in list order; the folder must be locked by the caller. */
export async function orderedUids(client: ImapFlow, state: FolderState, list: ListOrder, kept: KeptLists): Promise<Uint32Array> {
  const listKey = JSON.stringify([state.path, list.sort, list.order, list.criteria.text ?? '', !!list.criteria.unread, !!list.criteria.flagged]);
  const stamp = stampOf(state, list);
  const cached = kept.get(listKey, stamp);
  if (cached) return cached;
  const uids = Uint32Array.from(await askServer(client, list));
  kept.set(listKey, stamp, uids);
  return uids;
}
