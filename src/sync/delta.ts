// Pulls what changed in a folder since the state the client holds (RFC 7162 CONDSTORE/QRESYNC
// on the gateway): new messages, flag changes, vanished UIDs, or a reset when UIDVALIDITY
// changed. Follows the gateway's paging until it says there is no more. No UI in here: the
// caller applies the result to its list and cache.
import type { ApiClient } from '../api/client.js';
import type { FolderState, MessageFlags, MessageRow, SyncQuery } from '../shared/api.js';

export interface FolderDelta {
  /** The folder as the server sees it after the sync: the state to keep for the next one. */
  folder: FolderState;
  reset: boolean;
  /** Messages the client did not know (UID ≥ its uidNext). */
  added: MessageRow[];
  /** Known messages with their new flags. */
  flagged: { uid: number; flags: MessageFlags }[];
  vanished: number[];
}

const MAX_PAGES = 50;

export async function pullDelta(api: Pick<ApiClient, 'sync'>, known: FolderState): Promise<FolderDelta> {
  const delta: FolderDelta = { folder: known, reset: false, added: [], flagged: [], vanished: [] };
  let query: SyncQuery = { folder: known.path, uidValidity: known.uidValidity, highestModseq: known.highestModseq, uidNext: known.uidNext };
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.sync(query);
    if (answer.reset) return { ...delta, folder: answer.folder, reset: true };
    for (const row of answer.changed) {
      if (row.uid >= known.uidNext) delta.added.push(row);
      else delta.flagged.push({ uid: row.uid, flags: row.flags });
    }
    delta.flagged.push(...(answer.knownFlags ?? []));
    delta.vanished.push(...answer.vanished);
    if (!answer.more || !answer.next) return { ...delta, folder: answer.folder };
    query = { ...query, highestModseq: answer.next.highestModseq, uidNext: answer.next.uidNext, resumeUid: answer.next.resumeUid };
  }
  // A folder changing faster than we can follow: treat as a reset, the list reloads.
  return { ...delta, reset: true };
}
