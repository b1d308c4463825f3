// One folder's message list as the view sees it: the total length of the (sorted, filtered,
// searched) list and the rows loaded so far, by position. Rows arrive in windows of PAGE_SIZE
// as the virtualized list scrolls; changes are optimistic and roll back when the server refuses.
import { batch, createSignal } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import { api, ApiError } from '../api/client.js';
import { pullDelta, type FolderDelta } from '../sync/delta.js';
import type { FlagName, FolderState, ListQuery, MessageListResponse, MessageRow } from '../shared/api.js';
import { cachedApi } from './cache.js';
import { noteReachability } from './online.js';
import { PAGE_SIZE } from '../shared/limits.js';
import { sessionLost } from './session.js';

export type ListParams = Omit<ListQuery, 'offset' | 'limit'>;

export function notSignedIn(error: unknown): boolean {
  if (error instanceof ApiError && (error.code === 'AUTH_REQUIRED' || error.code === 'SESSION_EXPIRED')) {
    sessionLost(error);
    return true;
  }
  return false;
}

export function createMessageList() {
  const [params, setParams] = createSignal<ListParams | null>(null);
  const [total, setTotal] = createSignal<number | null>(null);
  const [folderState, setFolderState] = createSignal<FolderState | null>(null);
  const [rows, setRows] = createStore<Record<number, MessageRow>>({});
  const [error, setError] = createSignal<ApiError | null>(null);
  const inFlight = new Map<number, Promise<void>>();
  let generation = 0;

  async function loadWindow(start: number): Promise<void> {
    const current = params();
    if (!current) return;
    const mine = generation;
    let fromCache = false;
    const apply = (response: MessageListResponse) =>
      batch(() => {
        setTotal(response.total);
        setFolderState(response.folder);
        setRows(produce((all) => {
          for (const row of response.rows) all[row.position] = row;
        }));
      });
    try {
      const response = await cachedApi().messages({ ...current, offset: start, limit: PAGE_SIZE }, (cached) => {
        if (mine !== generation) return;
        fromCache = true;
        apply(cached);
      });
      if (mine !== generation) return;
      noteReachability();
      batch(() => {
        // The gateway's answer replaces the cached window (rows may have moved or changed).
        if (fromCache) for (let p = start; p < start + PAGE_SIZE; p++) setRows(p, undefined!);
        apply(response);
        setError(null);
      });
    } catch (failure) {
      noteReachability(failure);
      if (mine !== generation || notSignedIn(failure)) return;
      // Offline with the window cached: what is shown stays; the offline bar explains.
      if (fromCache && failure instanceof ApiError && failure.code === 'NETWORK') return;
      setError(failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0));
    }
  }

  let lastRange: [number, number] = [0, PAGE_SIZE];

  /** Makes sure the rows in [from, to) are loaded or loading. */
  function ensure(from: number, to: number): void {
    lastRange = [from, to];
    const first = Math.max(0, Math.floor(from / PAGE_SIZE) * PAGE_SIZE);
    const limit = total() ?? PAGE_SIZE;
    for (let start = first; start < Math.min(to, Math.max(limit, PAGE_SIZE)); start += PAGE_SIZE) {
      if (inFlight.has(start) || rows[start] !== undefined) continue;
      const loading = loadWindow(start).finally(() => inFlight.delete(start));
      inFlight.set(start, loading);
    }
  }

  function open(next: ListParams): void {
    const same = JSON.stringify(next) === JSON.stringify(params());
    if (same) return;
    generation += 1;
    inFlight.clear();
    batch(() => {
      setParams(next);
      setTotal(null);
      setFolderState(null);
      setRows(reconcile({}));
      setError(null);
    });
    ensure(0, PAGE_SIZE);
  }

  /**
   * Reloads the rows in view from the gateway without blanking them first; rows outside the
   * view are dropped, since new or vanished messages shift every position after them.
   */
  async function revalidate(): Promise<void> {
    generation += 1;
    inFlight.clear();
    const [from, to] = lastRange;
    const first = Math.max(0, Math.floor(from / PAGE_SIZE) * PAGE_SIZE);
    const starts: number[] = [];
    for (let start = first; start < Math.max(to, first + 1); start += PAGE_SIZE) starts.push(start);
    await Promise.all(starts.map((start) => loadWindow(start)));
    const end = starts[starts.length - 1]! + PAGE_SIZE;
    setRows(produce((all) => {
      for (const key of Object.keys(all)) {
        const position = Number(key);
        if (position < first || position >= end) delete all[position];
      }
    }));
  }

  let syncing = false;
  /** Asks the gateway what changed since the folder state we hold, and shows it. */
  async function syncNow(): Promise<FolderDelta | null> {
    const known = folderState();
    if (!known || !params() || syncing) return null;
    syncing = true;
    try {
      const delta = await pullDelta(api, known);
      noteReachability();
      if (delta.reset || delta.added.length > 0 || delta.vanished.length > 0) {
        await revalidate();
      } else if (delta.flagged.length > 0) {
        const byUid = new Map(delta.flagged.map((f) => [f.uid, f.flags]));
        setRows(produce((all) => {
          for (const row of Object.values(all)) {
            const flags = byUid.get(row.uid);
            if (flags) row.flags = { ...flags };
          }
        }));
        setFolderState(delta.folder);
      } else {
        setFolderState(delta.folder);
      }
      return delta;
    } catch (failure) {
      noteReachability(failure);
      notSignedIn(failure);
      return null;
    } finally {
      syncing = false;
    }
  }

  function rowByUid(uid: number): MessageRow | undefined {
    return Object.values(rows).find((row) => row.uid === uid);
  }

  function patchFlags(uids: number[], flag: FlagName, value: boolean): void {
    const wanted = new Set(uids);
    setRows(produce((all) => {
      for (const row of Object.values(all)) if (wanted.has(row.uid)) row.flags[flag] = value;
    }));
  }

  // Rows on their way out (moved, deleted): shown as leaving until the server agrees.
  const [leaving, setLeaving] = createStore<Record<number, boolean>>({});
  function markLeaving(uids: number[], value: boolean): void {
    setLeaving(produce((all) => {
      for (const uid of uids) {
        if (value) all[uid] = true;
        else delete all[uid];
      }
    }));
  }

  return { params, open, ensure, revalidate, syncNow, rows, total, folderState, error, rowByUid, patchFlags, leaving, markLeaving };
}

export type MessageList = ReturnType<typeof createMessageList>;
