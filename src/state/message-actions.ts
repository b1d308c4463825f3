// Flag, move and delete, optimistic: the list changes at once and goes back, with a message in
// words, when the server refuses. Messages that vanished meanwhile are reported, not hidden.
import { createSignal } from 'solid-js';
import { api, ApiError } from '../api/client.js';
import type { FlagName } from '../shared/api.js';
import { enqueue, pending, replay, type ReplayReport } from '../sync/outbox.js';
import type { MessageList } from './message-list.js';
import { session } from './session.js';
import { notSignedIn } from './message-list.js';

export interface ActionNotice {
  kind: 'error' | 'info';
  error?: ApiError;
  missing?: number;
  /** Changes kept for later because the gateway could not be reached. */
  queued?: boolean;
  /** A replay after reconnecting, and what came of it. */
  replayed?: ReplayReport;
}

const [notice, setNotice] = createSignal<ActionNotice | null>(null);
export { notice, setNotice };

function fail(error: unknown): void {
  if (notSignedIn(error)) return;
  setNotice({ kind: 'error', error: error instanceof ApiError ? error : new ApiError('INTERNAL', 0) });
}

function currentUser(): string {
  const state = session();
  return state.status === 'signed-in' ? state.info.user : '';
}

const offline = (error: unknown) => error instanceof ApiError && error.code === 'NETWORK';

/** Offline: the change stays as shown and waits in the outbox; the user is told. */
async function keepForLater(action: Parameters<typeof enqueue>[1]): Promise<boolean> {
  try {
    await enqueue(currentUser(), action);
    setNotice({ kind: 'info', queued: true });
    return true;
  } catch {
    return false;
  }
}

/** After reconnecting: replay what waited, in order, and say what became of it. */
export async function replayOutbox(): Promise<ReplayReport | null> {
  const user = currentUser();
  if (!user || (await pending(user).catch(() => 0)) === 0) return null;
  const report = await replay(user, api);
  if (!report.stillOffline) setNotice({ kind: report.refused > 0 || report.missing > 0 ? 'error' : 'info', replayed: report, error: report.firstError });
  return report;
}

export async function setFlag(list: MessageList, folder: string, uids: number[], flag: FlagName, value: boolean, onDone?: () => void): Promise<void> {
  if (uids.length === 0) return;
  const before = new Map(uids.map((uid) => [uid, list.rowByUid(uid)?.flags[flag]]));
  list.patchFlags(uids, flag, value);
  try {
    const result = await api.setFlags({ folder, uids, ...(value ? { add: [flag] } : { remove: [flag] }) });
    if (result.missing.length > 0) setNotice({ kind: 'info', missing: result.missing.length });
    onDone?.();
  } catch (error) {
    if (offline(error) && (await keepForLater({ kind: 'flags', request: { folder, uids, ...(value ? { add: [flag] } : { remove: [flag] }) } }))) return;
    for (const [uid, previous] of before) if (previous !== undefined) list.patchFlags([uid], flag, previous);
    fail(error);
  }
}

/** Moves (target: path or role) or deletes; the rows leave the list when the server agrees. */
export async function removeMessages(list: MessageList, folder: string, uids: number[], action: { move: string } | 'delete', onDone?: () => void): Promise<boolean> {
  if (uids.length === 0) return false;
  list.markLeaving(uids, true);
  try {
    const result = action === 'delete' ? await api.delete({ folder, uids }) : await api.move({ folder, uids, target: action.move });
    if (result.missing.length > 0) setNotice({ kind: 'info', missing: result.missing.length });
    onDone?.();
    return true;
  } catch (error) {
    const queued = action === 'delete' ? { kind: 'delete' as const, request: { folder, uids } } : { kind: 'move' as const, request: { folder, uids, target: action.move } };
    // Offline: the rows stay marked as leaving until the replay has moved them for real.
    if (offline(error) && (await keepForLater(queued))) return false;
    list.markLeaving(uids, false);
    fail(error);
    return false;
  }
}
