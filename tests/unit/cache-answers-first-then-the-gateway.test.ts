import 'fake-indexeddb/auto';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/api/client.js';
import { CachedApi } from '../../src/cache/cached-api.js';
import { openCache, wipeCache } from '../../src/cache/db.js';
import { IdbStorage, MemoryStorage } from '../../src/cache/storage.js';
import { MESSAGE_API, type MessageListResponse } from '../../src/shared/api.js';

const base = 'http://gateway.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function listResponse(uidValidity: string, subjects: string[]): MessageListResponse {
  return {
    folder: { path: 'INBOX', uidValidity, uidNext: subjects.length + 1, highestModseq: '1', total: subjects.length, unread: 0 },
    total: subjects.length,
    offset: 0,
    rows: subjects.map((subject, i) => ({
      uid: subjects.length - i, position: i, subject, from: null, to: [], date: '2026-11-27T10:00:00Z', size: 10,
      hasAttachment: false, messageId: null, flags: { seen: true, flagged: false, answered: false, forwarded: false, draft: false },
    })),
  };
}

const api = () => new ApiClient({ baseUrl: base });
const query = { folder: 'INBOX', offset: 0, limit: 50 };

describe('the cache in front of the API', () => {
  it('answers a seen window at once from IndexedDB, then with the gateway\'s answer', async () => {
    const user = `a-${Math.random()}@example.com`;
    server.use(http.get(`${base}${MESSAGE_API.list}`, () => HttpResponse.json(listResponse('7', ['Erste']))));
    await new CachedApi(IdbStorage.forUser(user), api()).messages(query);

    server.use(http.get(`${base}${MESSAGE_API.list}`, async () => {
      await delay(50);
      return HttpResponse.json(listResponse('7', ['Neue', 'Erste']));
    }));
    const seen: string[][] = [];
    const fresh = await new CachedApi(IdbStorage.forUser(user), api()).messages(query, (cached) => seen.push(cached.rows.map((r) => r.subject)));
    expect(seen).toEqual([['Erste']]);
    expect(fresh.rows.map((r) => r.subject)).toEqual(['Neue', 'Erste']);
  });

  it('asks the gateway before it has read the cache, so the two overlap', async () => {
    const user = `e-${Math.random()}@example.com`;
    const events: string[] = [];
    server.use(http.get(`${base}${MESSAGE_API.list}`, () => {
      events.push('gateway asked');
      return HttpResponse.json(listResponse('7', ['Erste']));
    }));
    const storage = new MemoryStorage();
    const reading = storage.getWindow.bind(storage);
    storage.getWindow = async (key) => {
      // The cache answers only once the gateway has been asked.
      await expect.poll(() => events).toContain('gateway asked');
      events.push('cache read');
      return reading(key);
    };
    await new CachedApi(storage, api()).messages(query);
    expect(events).toEqual(['gateway asked', 'cache read']);
  });

  it('keeps message sources within the budget, dropping the least recently read first', async () => {
    const user = `b-${Math.random()}@example.com`;
    server.use(http.get(`${base}${MESSAGE_API.source}`, ({ request }) => {
      const uid = new URL(request.url).searchParams.get('uid');
      return new HttpResponse(new Uint8Array(400).fill(Number(uid)), { headers: { 'content-type': 'message/rfc822' } });
    }));
    const cache = new CachedApi(IdbStorage.forUser(user), api(), 1000);
    await cache.messageSource('INBOX', '7', 1);
    await cache.messageSource('INBOX', '7', 2);
    await cache.messageSource('INBOX', '7', 1); // read again: now the most recent
    await cache.messageSource('INBOX', '7', 3); // 1,200 bytes > budget: uid 2 must go
    const keys = (await (await openCache(user)).getAllKeys('sources')).sort();
    expect(keys).toEqual(['INBOX|7|1', 'INBOX|7|3']);
  });

  it('serves a cached source without asking the gateway (readable offline)', async () => {
    const user = `c-${Math.random()}@example.com`;
    server.use(http.get(`${base}${MESSAGE_API.source}`, () => new HttpResponse('Subject: Hallo\r\n\r\nText', { headers: { 'content-type': 'message/rfc822' } })));
    await new CachedApi(IdbStorage.forUser(user), api()).messageSource('INBOX', '7', 5);
    server.use(http.get(`${base}${MESSAGE_API.source}`, () => HttpResponse.error()));
    const raw = await new CachedApi(IdbStorage.forUser(user), api()).messageSource('INBOX', '7', 5);
    expect(new TextDecoder().decode(raw)).toContain('Subject: Hallo');
  });

  it('drops a folder\'s cached windows and sources when its UIDVALIDITY changes', async () => {
    const user = `d-${Math.random()}@example.com`;
    server.use(
      http.get(`${base}${MESSAGE_API.list}`, () => HttpResponse.json(listResponse('7', ['Alt']))),
      http.get(`${base}${MESSAGE_API.source}`, () => new HttpResponse('x', { headers: { 'content-type': 'message/rfc822' } })),
    );
    const cache = new CachedApi(IdbStorage.forUser(user), api());
    await cache.messages(query);
    await cache.messages({ ...query, offset: 50 });
    await cache.messageSource('INBOX', '7', 1);
    server.use(http.get(`${base}${MESSAGE_API.list}`, () => HttpResponse.json(listResponse('8', ['Neu']))));
    await cache.messages(query);
    const db = await openCache(user);
    expect(await db.getAllKeys('sources')).toEqual([]);
    expect(await db.getAllKeys('windows')).toEqual(['INBOX|arrival|desc||all|0']);
  });

  it('never shows one mailbox\'s cache to another, and forgets everything on wipe', async () => {
    const alice = `alice-${Math.random()}@example.com`;
    const bob = `bob-${Math.random()}@example.com`;
    server.use(http.get(`${base}${MESSAGE_API.list}`, () => HttpResponse.json(listResponse('7', ['Privat für Alice']))));
    await new CachedApi(IdbStorage.forUser(alice), api()).messages(query);
    server.use(http.get(`${base}${MESSAGE_API.list}`, () => HttpResponse.json(listResponse('7', ['Bobs Post']))));
    const seenByBob: string[] = [];
    await new CachedApi(IdbStorage.forUser(bob), api()).messages(query, (cached) => seenByBob.push(...cached.rows.map((r) => r.subject)));
    expect(seenByBob).toEqual([]);
    await wipeCache(alice);
    expect(await (await openCache(alice)).getAllKeys('windows')).toEqual([]);
  });

  it('works the same over the memory storage (no IndexedDB), evicting by the same rule', async () => {
    server.use(http.get(`${base}${MESSAGE_API.source}`, ({ request }) => {
      const uid = new URL(request.url).searchParams.get('uid');
      return new HttpResponse(new Uint8Array(400).fill(Number(uid)), { headers: { 'content-type': 'message/rfc822' } });
    }));
    const storage = new MemoryStorage();
    const cache = new CachedApi(storage, api(), 1000);
    await cache.messageSource('INBOX', '7', 1);
    await cache.messageSource('INBOX', '7', 2);
    await cache.messageSource('INBOX', '7', 1);
    await cache.messageSource('INBOX', '7', 3);
    expect(await storage.getSource('INBOX|7|2')).toBeUndefined();
    expect(await storage.getSource('INBOX|7|1')).toBeDefined();
  });
});
