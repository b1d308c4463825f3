// Changes made while offline (flag, move, delete) wait in IndexedDB and are replayed in the
// order they were made once the gateway answers again. A change whose messages are gone is
// reported, never dropped silently; one the server refuses for another reason is reported too.
import type { ApiClient } from '../api/client.js';
import { ApiError } from '../api/client.js';
import { openCache, type QueuedAction } from '../cache/db.js';

export interface ReplayReport {
  applied: number;
  /** Messages that no longer existed when their change was replayed. */
  missing: number;
  /** Changes the server refused (with the first refusal's code). */
  refused: number;
  firstError?: ApiError;
  /** True when the connection failed again: the rest waits for the next try. */
  stillOffline: boolean;
}

export async function enqueue(user: string, action: QueuedAction['action']): Promise<void> {
  await (await openCache(user)).add('outbox', { createdAt: Date.now(), action });
}

export async function pending(user: string): Promise<number> {
  return (await openCache(user)).count('outbox');
}

let replaying: Promise<ReplayReport> | null = null;

export function replay(user: string, api: Pick<ApiClient, 'setFlags' | 'move' | 'delete'>): Promise<ReplayReport> {
  replaying ??= run(user, api).finally(() => (replaying = null));
  return replaying;
}

async function run(user: string, api: Pick<ApiClient, 'setFlags' | 'move' | 'delete'>): Promise<ReplayReport> {
  const db = await openCache(user);
  const report: ReplayReport = { applied: 0, missing: 0, refused: 0, stillOffline: false };
  const queued = await db.getAll('outbox');
  for (const entry of queued) {
    try {
      const { action } = entry;
      const result =
        action.kind === 'flags' ? await api.setFlags(action.request)
        : action.kind === 'move' ? await api.move(action.request)
        : await api.delete(action.request);
      report.applied += 1;
      report.missing += result.missing.length;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NETWORK') {
        report.stillOffline = true;
        return report;
      }
      report.refused += 1;
      report.firstError ??= error instanceof ApiError ? error : new ApiError('INTERNAL', 0);
    }
    await db.delete('outbox', entry.id!);
  }
  return report;
}
