// The arrival-order windows a session's connection answered last, with the folder state they were
// answered with, so asking for one of them again costs one UID FETCH instead of NOOP + STATUS +
// FETCH (the list's first window is asked for on every folder open, reload and revalidation).
// Kept per connection, so a re-opened connection starts empty; valid only while the connection
// has heard of no change to its selected folder (server/imap/view-changes.ts).
import type { FetchMessageObject, ImapFlow, MailboxObject } from 'imapflow';
import type { FolderState } from '../../src/shared/api.js';
import { syncsAfterUidCommands, viewChanges } from '../imap/view-changes.js';
import { uidSet } from '../imap/uid-set.js';
import { collapseAnswers, ROW_QUERY } from './message-rows.js';

/** A session pages through a few windows at a time; the list route's windows are at most 200. */
const MAX_WINDOWS = 8;

interface Kept {
  mailbox: MailboxObject;
  generation: number;
  folder: FolderState;
  /** Window key → the UIDs at its positions, in position order. */
  windows: Map<string, Uint32Array>;
}

const keptByClient = new WeakMap<ImapFlow, Kept>();

export function windowKey(offset: number, limit: number, descending: boolean): string {
  return `${descending ? 'desc' : 'asc'}:${offset}:${limit}`;
}

/**
 * Remembers a window answered with `folder`, which was read when the connection's change count was
 * `generation`. Nothing is kept when a change came meanwhile: the answer may mix two states.
 */
export function keepWindow(client: ImapFlow, mailbox: MailboxObject, generation: number, folder: FolderState, key: string, uids: Uint32Array): void {
  if (viewChanges(client).generation !== generation || uids.length === 0) return;
  let kept = keptByClient.get(client);
  if (!kept || kept.mailbox !== mailbox || kept.generation !== generation) {
    kept = { mailbox, generation, folder, windows: new Map() };
    keptByClient.set(client, kept);
  }
  kept.windows.delete(key);
  kept.windows.set(key, uids);
  for (const oldest of kept.windows.keys()) {
    if (kept.windows.size <= MAX_WINDOWS) break;
    kept.windows.delete(oldest);
  }
}

/**
 * The kept window, read again: `UID FETCH` of its UIDs. The server's sync at the end of that UID
 * command reports whatever changed since the window was kept (view-changes.ts
 * syncsAfterUidCommands), as events or as extra FETCH answers; when none came, the folder is as it
 * was, so the kept state and these answers are current and no NOOP or STATUS is needed. Any sign
 * of a change returns null, and the caller takes the long way (its NOOP finds the view synced).
 */
export async function rereadKeptWindow(
  client: ImapFlow,
  mailbox: MailboxObject,
  key: string,
): Promise<{ folder: FolderState; uids: Uint32Array; messages: FetchMessageObject[] } | null> {
  const changes = viewChanges(client);
  const kept = keptByClient.get(client);
  const uids = kept?.windows.get(key);
  if (!kept || !uids || kept.mailbox !== mailbox || kept.generation !== changes.generation || !syncsAfterUidCommands(client)) return null;
  const before = { generation: changes.generation, exists: mailbox.exists, highestModseq: mailbox.highestModseq };
  const { messages, unsolicited } = collapseAnswers(await client.fetchAll(uidSet(uids), ROW_QUERY, { uid: true }), 'uid');
  const asked = new Set(uids);
  const unchanged =
    !unsolicited &&
    changes.generation === before.generation &&
    mailbox.exists === before.exists &&
    mailbox.highestModseq === before.highestModseq &&
    messages.length === asked.size &&
    messages.every((message) => asked.has(message.uid));
  if (!unchanged) {
    // An extra FETCH answer is a report no event counted: whatever was kept is stale now.
    changes.unknown();
    return null;
  }
  return { folder: kept.folder, uids, messages };
}
