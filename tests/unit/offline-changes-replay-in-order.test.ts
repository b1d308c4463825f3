import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/client.js';
import type { ActionResponse } from '../../src/shared/api.js';
import { enqueue, pending, replay } from '../../src/sync/outbox.js';

function fakeGateway(outcomes: (ActionResponse | ApiError)[]) {
  const calls: string[] = [];
  const answer = async (label: string): Promise<ActionResponse> => {
    calls.push(label);
    const next = outcomes.shift()!;
    if (next instanceof ApiError) throw next;
    return next;
  };
  return {
    calls,
    api: {
      setFlags: (r: { uids: number[] }) => answer(`flags ${r.uids.join(',')}`),
      move: (r: { uids: number[]; target: string }) => answer(`move ${r.uids.join(',')} ${r.target}`),
      delete: (r: { uids: number[] }) => answer(`delete ${r.uids.join(',')}`),
    },
  };
}

describe('offline outbox', () => {
  it('replays in order, reports vanished messages, and stops where the connection fails again', async () => {
    const user = `o-${Math.random()}@example.com`;
    await enqueue(user, { kind: 'flags', request: { folder: 'INBOX', uids: [1], add: ['flagged'] } });
    await enqueue(user, { kind: 'move', request: { folder: 'INBOX', uids: [5], target: 'junk' } });
    await enqueue(user, { kind: 'delete', request: { folder: 'INBOX', uids: [7] } });

    const first = fakeGateway([{ done: [1], missing: [] }, { done: [], missing: [5] }, new ApiError('NETWORK', 0)]);
    const report = await replay(user, first.api as never);
    expect(first.calls).toEqual(['flags 1', 'move 5 junk', 'delete 7']);
    expect(report).toMatchObject({ applied: 2, missing: 1, refused: 0, stillOffline: true });
    expect(await pending(user)).toBe(1);

    const second = fakeGateway([{ done: [7], missing: [] }]);
    expect(await replay(user, second.api as never)).toMatchObject({ applied: 1, stillOffline: false });
    expect(second.calls).toEqual(['delete 7']);
    expect(await pending(user)).toBe(0);
  });

  it('reports a change the server refuses instead of dropping it silently', async () => {
    const user = `r-${Math.random()}@example.com`;
    await enqueue(user, { kind: 'move', request: { folder: 'INBOX', uids: [2], target: 'Gelöscht' } });
    const gateway = fakeGateway([new ApiError('FOLDER_NOT_FOUND', 404)]);
    const report = await replay(user, gateway.api as never);
    expect(report).toMatchObject({ applied: 0, refused: 1, firstError: { code: 'FOLDER_NOT_FOUND' }, stillOffline: false });
    expect(await pending(user)).toBe(0);
  });
});
