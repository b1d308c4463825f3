// A client's UID set (delta sync's knownUids) is read back without letting a few bytes such as
// "1:4294967295" expand into billions of numbers, and round-trips with the writer.
import { describe, expect, it } from 'vitest';
import { parseUidSet, uidSet } from '../../server/imap/uid-set.js';

describe('parseUidSet', () => {
  it('reads runs and single UIDs, in either direction, sorted and without repeats', () => {
    expect(parseUidSet('1:3,7,5:4,2', 100)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(parseUidSet('', 100)).toEqual([]);
  });

  it('round-trips what uidSet writes', () => {
    const uids = [1, 2, 3, 9, 10, 42, 4294967295];
    expect(parseUidSet(uidSet(uids), 100)).toEqual(uids);
  });

  it('refuses malformed sets, zero, "*" and sets larger than the bound', () => {
    for (const bad of ['0', '1:*', '1,,2', 'a', '1:2:3', ' 1', '4294967296']) expect(parseUidSet(bad, 100), bad).toBeNull();
    expect(parseUidSet('1:4294967295', 100_000)).toBeNull();
    expect(parseUidSet('1:50,60:110', 100)).toBeNull();
    expect(parseUidSet('1:50,60:109', 100)).toHaveLength(100);
  });
});
