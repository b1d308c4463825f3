// The signed-in mailbox's cache, in front of the API client.
import { api } from '../api/client.js';
import { CachedApi } from '../cache/cached-api.js';
import { IdbStorage } from '../cache/storage.js';
import { session } from './session.js';

let current: { user: string; cache: CachedApi } | null = null;

export function cachedApi(): CachedApi {
  const state = session();
  const user = state.status === 'signed-in' ? state.info.user : '';
  const budget = state.status === 'signed-in' ? state.info.limits.cacheBytes : undefined;
  if (!current || current.user !== user) current = { user, cache: new CachedApi(IdbStorage.forUser(user), api, budget) };
  return current.cache;
}
