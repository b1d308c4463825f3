// Where the cache keeps what it has seen: IndexedDB per mailbox, or memory (tests, and browsers
// whose IndexedDB is unavailable, e.g. some private modes). CachedApi only talks to this.
import type { Folder } from '../shared/api.js';
import { openCache, type CacheDatabase, type CachedSource, type CachedWindow } from './db.js';

let lastAccess = 0;
/** Strictly increasing access times: two reads in one millisecond must still be ordered for LRU. */
export function accessTime(): number {
  lastAccess = Math.max(Date.now(), lastAccess + 1);
  return lastAccess;
}

export interface MailStorage {
  getFolders(): Promise<Folder[] | undefined>;
  putFolders(folders: Folder[]): Promise<void>;
  getWindow(key: string): Promise<CachedWindow | undefined>;
  putWindow(window: CachedWindow): Promise<void>;
  getSource(key: string): Promise<CachedSource | undefined>;
  putSource(source: CachedSource): Promise<void>;
  /** Drops the least recently read sources until they fit the budget. */
  evictSources(budgetBytes: number): Promise<void>;
  /** Everything cached of one folder (its UIDVALIDITY changed). */
  dropFolder(folder: string): Promise<void>;
}

export class IdbStorage implements MailStorage {
  constructor(private readonly db: () => Promise<CacheDatabase>) {}

  static forUser(user: string): IdbStorage {
    return new IdbStorage(() => openCache(user));
  }

  async getFolders() {
    return (await (await this.db()).get('folders', 'tree'))?.folders;
  }

  async putFolders(folders: Folder[]) {
    await (await this.db()).put('folders', { key: 'tree', folders, savedAt: Date.now() });
  }

  async getWindow(key: string) {
    return (await this.db()).get('windows', key);
  }

  async putWindow(window: CachedWindow) {
    await (await this.db()).put('windows', window);
  }

  async getSource(key: string) {
    const db = await this.db();
    const source = await db.get('sources', key);
    if (source) await db.put('sources', { ...source, lastAccess: accessTime() });
    return source;
  }

  async putSource(source: CachedSource) {
    await (await this.db()).put('sources', source);
  }

  async evictSources(budgetBytes: number) {
    const db = await this.db();
    let total = 0;
    const newestFirst: { key: string; size: number }[] = [];
    let cursor = await db.transaction('sources').store.index('lastAccess').openCursor(null, 'prev');
    while (cursor) {
      total += cursor.value.size;
      newestFirst.push({ key: cursor.value.key, size: cursor.value.size });
      cursor = await cursor.continue();
    }
    while (total > budgetBytes && newestFirst.length > 0) {
      const oldest = newestFirst.pop()!;
      await db.delete('sources', oldest.key);
      total -= oldest.size;
    }
  }

  async dropFolder(folder: string) {
    const tx = (await this.db()).transaction(['windows', 'sources'], 'readwrite');
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

export class MemoryStorage implements MailStorage {
  private folders: Folder[] | undefined;
  private readonly windows = new Map<string, CachedWindow>();
  private readonly sources = new Map<string, CachedSource>();

  async getFolders() {
    return this.folders;
  }

  async putFolders(folders: Folder[]) {
    this.folders = folders;
  }

  async getWindow(key: string) {
    return this.windows.get(key);
  }

  async putWindow(window: CachedWindow) {
    this.windows.set(window.key, window);
  }

  async getSource(key: string) {
    const source = this.sources.get(key);
    if (source) source.lastAccess = accessTime();
    return source;
  }

  async putSource(source: CachedSource) {
    this.sources.set(source.key, source);
  }

  async evictSources(budgetBytes: number) {
    const oldestFirst = [...this.sources.values()].sort((a, b) => a.lastAccess - b.lastAccess);
    let total = oldestFirst.reduce((sum, s) => sum + s.size, 0);
    for (const source of oldestFirst) {
      if (total <= budgetBytes) break;
      this.sources.delete(source.key);
      total -= source.size;
    }
  }

  async dropFolder(folder: string) {
    for (const [key, window] of this.windows) if (window.folder === folder) this.windows.delete(key);
    for (const [key, source] of this.sources) if (source.folder === folder) this.sources.delete(key);
  }
}
