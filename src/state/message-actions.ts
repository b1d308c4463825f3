// Flag, move and delete, optimistic: the list changes at once and goes back, with a message in
// words, when the server refuses. Messages that vanished meanwhile are reported, not hidden.
import { createSignal } from 'solid-js';
import { api, ApiError } from '../api/client.js';
import type { FlagName } from '../shared/api.js';
import type { MessageList } from './message-list.js';
import { notSignedIn } from './message-list.js';

export interface ActionNotice {
  kind: 'error' | 'info';
  error?: ApiError;
  missing?: number;
}

const [notice, setNotice] = createSignal<ActionNotice | null>(null);
export { notice, setNotice };

function fail(error: unknown): void {
  if (notSignedIn(error)) return;
  setNotice({ kind: 'error', error: error instanceof ApiError ? error : new ApiError('INTERNAL', 0) });
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
    list.markLeaving(uids, false);
    fail(error);
    return false;
  }
}
