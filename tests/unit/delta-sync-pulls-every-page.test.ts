import { describe, expect, it } from 'vitest';
import type { FolderState, MessageRow, SyncQuery, SyncResponse } from '../../src/shared/api.js';
import { pullDelta } from '../../src/sync/delta.js';

const known: FolderState = { path: 'INBOX', uidValidity: '7', uidNext: 11, highestModseq: '100', total: 10, unread: 2 };
const row = (uid: number, seen = false): MessageRow => ({
  uid, position: -1, subject: `M${uid}`, from: null, to: [], date: '2026-11-27T10:00:00Z', size: 1, hasAttachment: false, messageId: null,
  flags: { seen, flagged: false, answered: false, forwarded: false, draft: false },
});

function gateway(answers: SyncResponse[]) {
  const asked: SyncQuery[] = [];
  return { asked, api: { sync: async (query: SyncQuery) => { asked.push(query); return answers.shift()!; } } };
}

describe('delta sync', () => {
  it('tells new messages from flag changes by the UIDNEXT it held, and follows every page', async () => {
    const after: FolderState = { ...known, uidNext: 13, highestModseq: '140', total: 11 };
    const { api, asked } = gateway([
      { folder: after, reset: false, changed: [row(3, true), row(11)], vanished: [5], more: true, next: { highestModseq: '120', resumeUid: 11, uidNext: 13 } },
      { folder: after, reset: false, changed: [row(12)], vanished: [], more: false },
    ]);
    const delta = await pullDelta(api, known);
    expect(delta.added.map((r) => r.uid)).toEqual([11, 12]);
    expect(delta.flagged).toEqual([{ uid: 3, flags: row(3, true).flags }]);
    expect(delta.vanished).toEqual([5]);
    expect(delta.folder).toEqual(after);
    expect(asked[1]).toMatchObject({ highestModseq: '120', resumeUid: 11, uidNext: 13, uidValidity: '7' });
  });

  it('reports a reset when UIDVALIDITY changed, and keeps nothing of the old state', async () => {
    const fresh: FolderState = { ...known, uidValidity: '8' };
    const { api } = gateway([{ folder: fresh, reset: true, changed: [], vanished: [], more: false }]);
    expect(await pullDelta(api, known)).toMatchObject({ reset: true, folder: fresh, added: [], vanished: [] });
  });

  it('takes the compared flags of a server without CONDSTORE as flag changes', async () => {
    const { api } = gateway([{ folder: known, reset: false, changed: [], vanished: [9], knownFlags: [{ uid: 4, flags: row(4, true).flags }], more: false }]);
    const delta = await pullDelta(api, known);
    expect(delta.flagged.map((f) => f.uid)).toEqual([4]);
    expect(delta.vanished).toEqual([9]);
  });
});
