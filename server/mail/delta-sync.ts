// What changed in one folder since the client's last sync (issue 7). With CONDSTORE and QRESYNC
// one FETCH names every changed and every expunged message (RFC 7162); without them the gateway
// compares the UIDs the client holds with the server's and sends current flags to compare.
import type { ImapFlow } from 'imapflow';
import type { FolderState, MessageRow, SyncQuery, SyncResponse } from '../../src/shared/api.js';
import { Failure } from '../failure.js';
import { withMailbox } from '../imap/mailbox.js';
import { parseUidSet, uidSet } from '../imap/uid-set.js';
import { folderState } from './message-list.js';
import { flagsOf, ROW_QUERY, toRow } from './message-rows.js';

/** Full rows per answer: a page of the list is 50, so 500 covers every ordinary gap. */
export const CHANGED_ROWS_LIMIT = 500;
/** Without CONDSTORE: at most this many known messages get their flags sent (the newest). */
export const COMPARE_FLAGS_LIMIT = 5_000;
/** Without CONDSTORE: the most UIDs a client's `knownUids` may name. */
export const KNOWN_UIDS_LIMIT = 100_000;

interface Change {
  uid: number;
  modseq: bigint;
}

const empty = (folder: FolderState): SyncResponse => ({ folder, reset: false, changed: [], vanished: [], more: false });

/** Rows for the UIDs, newest last; a message expunged meanwhile is left out (next sync names it). */
async function rowsOf(client: ImapFlow, uids: number[]): Promise<MessageRow[]> {
  if (uids.length === 0) return [];
  const messages = await client.fetchAll(uidSet(uids), ROW_QUERY, { uid: true });
  // Positions belong to a sorted, filtered list; a delta belongs to none of them.
  return messages.map((message) => toRow(message, -1)).sort((a, b) => a.uid - b.uid);
}

/**
 * RFC 7162 §3.1.4.1: `UID FETCH 1:* (FLAGS) (CHANGEDSINCE m)` names every message whose modseq
 * is above m — new messages too, since an appended message gets a modseq above the mailbox's
 * HIGHESTMODSEQ (§3.1.3) — and §3.2.6: the VANISHED modifier adds `VANISHED (EARLIER)` with the
 * UIDs expunged since m (imapflow reports those as 'expunge' events). Only FLAGS are fetched for
 * all changes; full rows only for the page sent, so "mark all as read" on 100,000 messages costs
 * a FLAGS scan (FACTS: ~2 s at 100k in imapflow), not 100,000 envelopes.
 *
 * The page is the first CHANGED_ROWS_LIMIT changes in (modseq, uid) order; `next` is the last one
 * sent, so a change made between pages gets a higher modseq and still comes, and one STORE that
 * gave thousands of messages the same modseq is paged by UID within it.
 */
async function sinceModseq(client: ImapFlow, folder: FolderState, query: SyncQuery): Promise<SyncResponse> {
  const base = BigInt(query.highestModseq);
  const resumeUid = query.resumeUid;
  if (resumeUid === undefined && base >= BigInt(folder.highestModseq)) return empty(folder);
  // With resumeUid, messages of modseq `base` above that UID are still owed: ask from base-1.
  const since = resumeUid === undefined ? base : base - 1n;
  const vanished = new Set<number>();
  const onExpunge = (event: { uid?: number; vanished?: boolean }) => {
    if (event.vanished && event.uid) vanished.add(event.uid);
  };
  const changes: Change[] = [];
  client.on('expunge', onExpunge);
  try {
    for await (const message of client.fetch('1:*', { uid: true, flags: true }, { uid: true, changedSince: since })) {
      const modseq = BigInt(message.modseq ?? 0);
      if (resumeUid !== undefined && modseq === base && message.uid <= resumeUid) continue;
      changes.push({ uid: message.uid, modseq });
    }
  } finally {
    client.off('expunge', onExpunge);
  }
  changes.sort((a, b) => (a.modseq === b.modseq ? a.uid - b.uid : a.modseq < b.modseq ? -1 : 1));
  const page = changes.slice(0, CHANGED_ROWS_LIMIT);
  const last = page.at(-1);
  const more = changes.length > CHANGED_ROWS_LIMIT && last !== undefined;
  return {
    folder,
    reset: false,
    changed: await rowsOf(client, page.map((change) => change.uid)),
    vanished: [...vanished].sort((a, b) => a - b),
    more,
    ...(more ? { next: { highestModseq: String(last.modseq), resumeUid: last.uid, uidNext: query.uidNext } } : {}),
  };
}

/**
 * Without CONDSTORE the server cannot say what changed, so: UID SEARCH (RFC 3501 §6.4.4) over the
 * client's known UIDs tells which still exist (the rest vanished); UIDs from the client's
 * UIDNEXT on are new (UIDs only grow, RFC 3501 §2.3.1.1) and come as rows, oldest first so
 * `next.uidNext` can page; the flags of the known messages come for the client to compare. The
 * cost stays bounded by what the client holds, not by the folder: a client keeps windows of a
 * large folder, and flags go for at most the newest COMPARE_FLAGS_LIMIT of them.
 */
export async function byComparing(client: ImapFlow, folder: FolderState, query: SyncQuery): Promise<SyncResponse> {
  const known = parseUidSet(query.knownUids ?? '', KNOWN_UIDS_LIMIT);
  if (!known) throw new Failure('BAD_REQUEST', { reason: 'knownUids is not a bounded UID set' });
  const search = async (uids: string) => (await client.search({ uid: uids }, { uid: true })) || [];
  const stillThere = known.length > 0 ? new Set(await search(uidSet(known))) : new Set<number>();
  // "n:*" always matches the highest UID (RFC 3501 §6.4.8), even when it is below n.
  const fresh = folder.uidNext > query.uidNext ? (await search(`${query.uidNext}:*`)).filter((uid) => uid >= query.uidNext) : [];
  fresh.sort((a, b) => a - b);
  const page = fresh.slice(0, CHANGED_ROWS_LIMIT);
  const more = fresh.length > CHANGED_ROWS_LIMIT;
  const flagUids = known.filter((uid) => stillThere.has(uid)).slice(-COMPARE_FLAGS_LIMIT);
  const flagged = flagUids.length > 0 ? await client.fetchAll(uidSet(flagUids), { uid: true, flags: true }, { uid: true }) : [];
  return {
    folder,
    reset: false,
    changed: await rowsOf(client, page),
    vanished: known.filter((uid) => !stillThere.has(uid)),
    knownFlags: flagged.map((message) => ({ uid: message.uid, flags: flagsOf(message.flags) })).sort((a, b) => a.uid - b.uid),
    more,
    ...(more ? { next: { highestModseq: query.highestModseq, uidNext: page.at(-1)! + 1 } } : {}),
  };
}

/**
 * The delta for one folder. A different UIDVALIDITY means the client's UIDs name other messages
 * or none (RFC 3501 §2.3.1.1, RFC 7162 §3.2.5.2): the answer is only `reset`. `compare` forces
 * the fallback (tests use it against a server that has CONDSTORE).
 */
export function deltaSync(client: ImapFlow, query: SyncQuery, options: { compare?: boolean } = {}): Promise<SyncResponse> {
  return withMailbox(client, query.folder, 'sync', async ({ mailbox, wasSelected }) => {
    const folder = await folderState(client, mailbox, wasSelected);
    if (folder.uidValidity !== query.uidValidity) return { ...empty(folder), reset: true };
    // CHANGEDSINCE alone gives no expunged UIDs: VANISHED needs QRESYNC enabled (RFC 7162 §3.2.3).
    const modseqs = client.enabled.has('CONDSTORE') && client.enabled.has('QRESYNC') && !mailbox.noModseq;
    return modseqs && !options.compare ? sinceModseq(client, folder, query) : byComparing(client, folder, query);
  });
}
