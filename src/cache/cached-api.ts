// The cache in front of the API client (CONVENTIONS: Tutanota's decorator): the same calls,
// answered from IndexedDB at once when the data was seen before, then from the gateway, whose
// answer replaces what was cached. Message sources never change for a UID within its
// UIDVALIDITY, so a cached one needs no revalidation; they are evicted least recently used
// first once the cache passes its size budget.
import type { ApiClient } from '../api/client.js';
import type { Folder, ListQuery, MessageListResponse } from '../shared/api.js';
import { openCache, type CacheDatabase } from './db.js';

export const DEFAULT_CACHE_BUDGET_BYTES = 200 * 1024 * 1024;

export function windowKey(query: ListQuery): string {
  return [query.folder, query.sort ?? 'arrival', query.order ?? 'desc', query.q ?? '', query.filter ?? 'all', query.offset].join('|');
}

export function sourceKey(folder: string, uidValidity: string, uid: number): string {
  return `${folder}|${uidValidity}|${uid}`;
}

export class CachedApi {
  constructor(
    private readonly user: string,
    private readonly api: ApiClient,
    private readonly budgetBytes = DEFAULT_CACHE_BUDGET_BYTES,
    private readonly db: () => Promise<CacheDatabase> = () => openCache(user),
  ) {}

  /** Storage faults (private mode, quota) must never break reading mail: the cache just misses. */
  private async quietly<T>(work: (db: CacheDatabase) => Promise<T>): Promise<T | undefined> {
    try {
      return await work(await this.db());
    } catch {
      return undefined;
    }
  }

  async folders(onCached?: (folders: Folder[]) => void): Promise<Folder[]> {
    const cached = await this.quietly((db) => db.get('folders', 'tree'));
    if (cached) onCached?.(cached.folders);
    const { folders } = await this.api.folders();
    await this.quietly((db) => db.put('folders', { key: 'tree', folders, savedAt: Date.now() }));
    return folders;
  }

  async messages(query: ListQuery, onCached?: (response: MessageListResponse) => void): Promise<MessageListResponse> {
    const key = windowKey(query);
    const cached = await this.quietly((db) => db.get('windows', key));
    if (cached) onCached?.(cached.response);
    const response = await this.api.messages(query);
    await this.quietly(async (db) => {
      // A new UIDVALIDITY (RFC 3501 §2.3.1.1) makes every cached UID of the folder meaningless.
      if (cached && cached.response.folder.uidValidity !== response.folder.uidValidity) await this.dropFolder(db, query.folder);
      await db.put('windows', { key, folder: query.folder, response, savedAt: Date.now() });
    });
    return response;
  }

  async messageSource(folder: string, uidValidity: string | null, uid: number): Promise<ArrayBuffer> {
    const key = uidValidity ? sourceKey(folder, uidValidity, uid) : null;
    if (key) {
      const cached = await this.quietly((db) => db.get('sources', key));
      if (cached) {
        void this.quietly((db) => db.put('sources', { ...cached, lastAccess: Date.now() }));
        return cached.raw.slice(0);
      }
    }
    const raw = await this.api.messageSource(folder, uid);
    if (key) {
      const copy = raw.slice(0);
      await this.quietly(async (db) => {
        await db.put('sources', { key, folder, raw: copy, size: copy.byteLength, lastAccess: Date.now() });
        await this.evict(db);
      });
    }
    return raw;
  }

  /** Least recently used sources go first until the cache fits its budget again. */
  private async evict(db: CacheDatabase): Promise<void> {
    let total = 0;
    const entries: { key: string; size: number }[] = [];
    let cursor = await db.transaction('sources').store.index('lastAccess').openCursor(null, 'prev');
    while (cursor) {
      total += cursor.value.size;
      entries.push({ key: cursor.value.key, size: cursor.value.size });
      cursor = await cursor.continue();
    }
    while (total > this.budgetBytes && entries.length > 0) {
      const oldest = entries.pop()!;
      await db.delete('sources', oldest.key);
      total -= oldest.size;
    }
  }

  private async dropFolder(db: CacheDatabase, folder: string): Promise<void> {
    const tx = db.transaction(['windows', 'sources'], 'readwrite');
    for (const store of ['windows', 'sources'] as const) {
      let cursor = await tx.objectStore(store).index('folder').openCursor(IDBKeyRange.only(folder));
      while (cursor) {
        await cursor.delete();
        cursor = await cursor.continue();
      }
    }
    await tx.done;
  }
}
