// The cache in front of the API client (CONVENTIONS: Tutanota's decorator): the same calls,
// answered from IndexedDB at once when the data was seen before, then from the gateway, whose
// answer replaces what was cached. Message sources never change for a UID within its
// UIDVALIDITY, so a cached one needs no revalidation; they are evicted least recently used
// first once the cache passes its size budget. It sits over a MailStorage (storage.ts).
import type { ApiClient } from '../api/client.js';
import type { Folder, ListQuery, MessageListResponse } from '../shared/api.js';
import { accessTime, type MailStorage } from './storage.js';

export const DEFAULT_CACHE_BUDGET_BYTES = 200 * 1024 * 1024;

export function windowKey(query: ListQuery): string {
  return [query.folder, query.sort ?? 'arrival', query.order ?? 'desc', query.q ?? '', query.filter ?? 'all', query.offset].join('|');
}

export function sourceKey(folder: string, uidValidity: string, uid: number): string {
  return `${folder}|${uidValidity}|${uid}`;
}

export class CachedApi {
  constructor(
    private readonly storage: MailStorage,
    private readonly api: ApiClient,
    private readonly budgetBytes = DEFAULT_CACHE_BUDGET_BYTES,
  ) {}

  /** Storage faults (private mode, quota) must never break reading mail: the cache just misses. */
  private async quietly<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch {
      return undefined;
    }
  }

  /**
   * Asks the gateway before reading the cache, not after: the request is on its way while the
   * cached copy is read and shown. The `catch` only keeps an early failure from being reported as
   * unhandled while the cache is read; the answer is awaited (and its failure thrown) below.
   */
  private ask<T>(request: () => Promise<T>): Promise<T> {
    const answer = request();
    answer.catch(() => undefined);
    return answer;
  }

  async folders(onCached?: (folders: Folder[]) => void): Promise<Folder[]> {
    const fresh = this.ask(() => this.api.folders());
    const cached = await this.quietly(() => this.storage.getFolders());
    if (cached) onCached?.(cached);
    const { folders } = await fresh;
    await this.quietly(() => this.storage.putFolders(folders));
    return folders;
  }

  async messages(query: ListQuery, onCached?: (response: MessageListResponse) => void): Promise<MessageListResponse> {
    const key = windowKey(query);
    const fresh = this.ask(() => this.api.messages(query));
    const cached = await this.quietly(() => this.storage.getWindow(key));
    if (cached) onCached?.(cached.response);
    const response = await fresh;
    await this.quietly(async () => {
      // A new UIDVALIDITY (RFC 3501 §2.3.1.1) makes every cached UID of the folder meaningless.
      if (cached && cached.response.folder.uidValidity !== response.folder.uidValidity) await this.storage.dropFolder(query.folder);
      await this.storage.putWindow({ key, folder: query.folder, response, savedAt: Date.now() });
    });
    return response;
  }

  async messageSource(folder: string, uidValidity: string | null, uid: number): Promise<ArrayBuffer> {
    const key = uidValidity ? sourceKey(folder, uidValidity, uid) : null;
    if (key) {
      const cached = await this.quietly(() => this.storage.getSource(key));
      if (cached) return cached.raw.slice(0);
    }
    const raw = await this.api.messageSource(folder, uid);
    if (key) {
      const copy = raw.slice(0);
      await this.quietly(async () => {
        await this.storage.putSource({ key, folder, raw: copy, size: copy.byteLength, lastAccess: accessTime() });
        await this.storage.evictSources(this.budgetBytes);
      });
    }
    return raw;
  }
}
