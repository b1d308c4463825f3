// The ordered UID lists of sorted or filtered message lists, so paging deeper into a list does
// not sort or search the folder again (a body search costs seconds on a large folder, FACTS).
// An entry is valid only for the folder state it was made in (its `stamp`). Bounded twice: a
// session keeps its last few lists, and all sessions together keep a fixed number of UIDs.

interface Entry {
  sessionKey: string;
  stamp: string;
  uids: Uint32Array;
}

export class UidListCache {
  /** Insertion order is use order: a hit moves the entry to the end. */
  private readonly entries = new Map<string, Entry>();
  private storedUids = 0;

  constructor(
    private readonly perSession = 4,
    private readonly maxUids = 4_000_000,
  ) {}

  get(sessionKey: string, listKey: string, stamp: string): Uint32Array | undefined {
    const key = `${sessionKey}\u0000${listKey}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.stamp !== stamp) {
      this.storedUids -= entry.uids.length;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.uids;
  }

  set(sessionKey: string, listKey: string, stamp: string, uids: Uint32Array): void {
    const key = `${sessionKey}\u0000${listKey}`;
    this.remove(key);
    if (uids.length > this.maxUids) return;
    this.entries.set(key, { sessionKey, stamp, uids });
    this.storedUids += uids.length;
    const ofSession = [...this.entries].filter(([, entry]) => entry.sessionKey === sessionKey);
    for (const [oldKey] of ofSession.slice(0, Math.max(0, ofSession.length - this.perSession))) this.remove(oldKey);
    for (const [oldKey] of this.entries) {
      if (this.storedUids <= this.maxUids) break;
      this.remove(oldKey);
    }
  }

  dropSession(sessionKey: string): void {
    for (const [key, entry] of this.entries) if (entry.sessionKey === sessionKey) this.remove(key);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.storedUids -= entry.uids.length;
    this.entries.delete(key);
  }
}
