// One IMAP connection per session, reused across requests (FACTS: Dovecot's first body read in
// a session is slow and a selected folder is cheap to re-read), re-opened after a fault, closed
// on sign-out and after a while unused. The number of connections per session stays at one.
import type { ImapFlow } from 'imapflow';
import type { Config } from '../config.js';
import { connectImap, type ImapCredentials } from './connect.js';

const LOGOUT_WAIT_MS = 2000;

interface Entry {
  client: Promise<ImapFlow>;
  lastUsedAt: number;
}

export class ImapConnections {
  private readonly entries = new Map<string, Entry>();
  private readonly reaper: NodeJS.Timeout;

  constructor(
    private readonly imap: Config['imap'],
    private readonly unusedTimeoutMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.reaper = setInterval(() => this.closeUnused(), Math.min(60_000, unusedTimeoutMs));
    this.reaper.unref();
  }

  /** Keeps the connection that proved the password at sign-in, so the first request is fast. */
  adopt(sessionKey: string, client: ImapFlow): void {
    this.entries.set(sessionKey, { client: Promise.resolve(client), lastUsedAt: this.now() });
  }

  async acquire(sessionKey: string, credentials: ImapCredentials): Promise<ImapFlow> {
    const existing = this.entries.get(sessionKey);
    if (existing) {
      existing.lastUsedAt = this.now();
      const client = await existing.client.catch(() => null);
      if (client?.usable) return client;
      if (this.entries.get(sessionKey) === existing) this.entries.delete(sessionKey);
      client?.close();
    }
    const opening = connectImap(this.imap, credentials);
    const entry: Entry = { client: opening, lastUsedAt: this.now() };
    this.entries.set(sessionKey, entry);
    try {
      return await opening;
    } catch (error) {
      if (this.entries.get(sessionKey) === entry) this.entries.delete(sessionKey);
      throw error;
    }
  }

  /** Ends the session's connection politely (LOGOUT), but never waits long for a dead peer. */
  async release(sessionKey: string): Promise<void> {
    const entry = this.entries.get(sessionKey);
    if (!entry) return;
    this.entries.delete(sessionKey);
    const client = await entry.client.catch(() => null);
    if (!client) return;
    try {
      if (client.usable) {
        await Promise.race([client.logout(), new Promise((resolve) => setTimeout(resolve, LOGOUT_WAIT_MS).unref())]);
      }
    } catch {
      // The server went away first; closing the socket below is all that is left to do.
    } finally {
      client.close();
    }
  }

  /** Drops a connection that failed: no LOGOUT, the socket is closed at once. */
  async discard(sessionKey: string): Promise<void> {
    const entry = this.entries.get(sessionKey);
    if (!entry) return;
    this.entries.delete(sessionKey);
    (await entry.client.catch(() => null))?.close();
  }

  private closeUnused(): void {
    const cutoff = this.now() - this.unusedTimeoutMs;
    for (const [key, entry] of this.entries) {
      if (entry.lastUsedAt < cutoff) void this.release(key);
    }
  }

  get openCount(): number {
    return this.entries.size;
  }

  async closeAll(): Promise<void> {
    clearInterval(this.reaper);
    await Promise.all([...this.entries.keys()].map((key) => this.release(key)));
  }
}
