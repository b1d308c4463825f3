// The folder tree of the signed-in mailbox: from the cache at once, then from the gateway.
import { createSignal } from 'solid-js';
import { ApiError } from '../api/client.js';
import type { Folder } from '../shared/api.js';
import { cachedApi } from './cache.js';
import { noteReachability } from './online.js';
import { sessionLost } from './session.js';

export function createFolders() {
  const [folders, setFolders] = createSignal<Folder[] | undefined>();
  const [error, setError] = createSignal<ApiError | null>(null);

  async function refetch(): Promise<void> {
    try {
      setFolders(await cachedApi().folders((cached) => folders() === undefined && setFolders(cached)));
      setError(null);
      noteReachability();
    } catch (failure) {
      noteReachability(failure);
      if (failure instanceof ApiError && (failure.code === 'AUTH_REQUIRED' || failure.code === 'SESSION_EXPIRED')) return sessionLost(failure);
      // Offline with a cached tree: keep showing it; the offline bar says why nothing is new.
      if (failure instanceof ApiError && failure.code === 'NETWORK' && folders() !== undefined) return;
      setError(failure instanceof ApiError ? failure : new ApiError('INTERNAL', 0));
    }
  }
  void refetch();
  return { folders, error, refetch };
}

export { findFolder } from '../shared/folders.js';
