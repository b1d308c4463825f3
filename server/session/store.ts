// Where session records live. Memory by default; a Redis store can implement the same
// interface when several gateways run (ARCHITECTURE: Scale-out). Records hold no plaintext
// password and no cookie value: they are keyed by a hash of the session id.
import type { SealedSecret } from './credentials.js';

export interface SessionRecord {
  user: string;
  createdAt: number;
  lastSeenAt: number;
  csrfToken: string;
  keepOnDevice: boolean;
  credentials: SealedSecret;
}

export interface SessionStore {
  get(key: string): Promise<SessionRecord | undefined>;
  set(key: string, record: SessionRecord, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Keys of every session of one user (to end the others after a password change). */
  keysOfUser(user: string): Promise<string[]>;
}

export class MemorySessionStore implements SessionStore {
  private readonly records = new Map<string, { record: SessionRecord; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<SessionRecord | undefined> {
    const entry = this.records.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.records.delete(key);
      return undefined;
    }
    return entry.record;
  }

  async set(key: string, record: SessionRecord, ttlSeconds: number): Promise<void> {
    this.records.set(key, { record, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }

  async keysOfUser(user: string): Promise<string[]> {
    // Dovecot folds names to lower case (auth_username_format %Lu): Alice@ and alice@ are one user.
    const wanted = user.toLowerCase();
    return [...this.records.entries()].filter(([, entry]) => entry.record.user.toLowerCase() === wanted).map(([key]) => key);
  }

  /** Drops expired records; the app calls it on a timer so abandoned sessions do not pile up. */
  sweep(): string[] {
    const now = this.now();
    const gone: string[] = [];
    for (const [key, entry] of this.records) {
      if (entry.expiresAt <= now) {
        this.records.delete(key);
        gone.push(key);
      }
    }
    return gone;
  }

  get size(): number {
    return this.records.size;
  }
}
