// Push of new mail (issue 7). While a tab is open, the gateway keeps IMAP IDLE (RFC 2177) on
// INBOX for that session and turns what Dovecot reports (EXISTS, VANISHED/EXPUNGE, FETCH FLAGS)
// into MailboxEvents for the session's Server-Sent Event streams. IDLE occupies its connection,
// so it gets one of its own — never the request connection, which must stay free — and all of a
// session's streams (tabs) share it: at most two IMAP connections per session.
import type { ImapFlow, StatusObject } from 'imapflow';
import type { MailboxEvent } from '../../src/shared/api.js';
import type { Config } from '../config.js';
import { connectImap, type ImapCredentials } from '../imap/connect.js';
import { imapFailure } from '../imap/errors.js';

export const PUSH_FOLDER = 'INBOX';
/** A delivery arrives as EXISTS plus FETCH lines: one STATUS after the burst, not one per line. */
const REFRESH_DELAY_MS = 100;
/** After the server dropped the IDLE connection (restart, kick), wait this long, then re-open. */
const REOPEN_DELAY_MS = 5_000;
const LOGOUT_WAIT_MS = 2_000;

export interface PushListener {
  mailbox(event: MailboxEvent): void;
  /** The watch ended: sign-out, session end, gateway shutdown, or the server refused us. */
  end(): void;
}

export interface PushSubscription {
  /** INBOX as the IDLE connection saw it last. */
  current(): MailboxEvent;
  unsubscribe(): Promise<void>;
}

/** The Last-Event-ID of a state: equal ids mean the client has seen exactly this state. */
export function mailboxEventId(event: MailboxEvent): string {
  return [event.uidValidity, event.uidNext, event.highestModseq, event.exists, event.unread].join('.');
}

/** One session's IDLE connection on INBOX and the streams listening to it. */
class InboxWatch {
  readonly listeners = new Set<PushListener>();
  state: MailboxEvent | null = null;
  private client: ImapFlow | null = null;
  private refreshTimer: NodeJS.Timeout | undefined;
  private reopenTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly imap: Config['imap'],
    private readonly credentials: ImapCredentials,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  async open(): Promise<void> {
    // autoIdleDelay 0: this connection has nothing else to do, so IDLE starts after every command.
    const client = await connectImap(this.imap, this.credentials, { autoIdleDelay: 0 });
    if (this.closed) return client.close();
    this.client = client;
    const changed = () => this.scheduleRefresh();
    client.on('exists', changed);
    client.on('expunge', changed);
    client.on('flags', changed);
    client.on('close', () => this.lost(client));
    try {
      // EXAMINE, not SELECT: watching must not take \Recent from the user's own session.
      await client.mailboxOpen(PUSH_FOLDER, { readOnly: true });
      await this.refresh();
    } catch (error) {
      client.close();
      throw imapFailure(error, 'push: examine INBOX');
    }
  }

  private scheduleRefresh(): void {
    if (this.closed || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      // A failure here means the connection went away; its 'close' handler re-opens it.
      this.refresh().catch(() => undefined);
    }, REFRESH_DELAY_MS);
  }

  /** STATUS (RFC 3501 §6.3.10) gives UIDNEXT, HIGHESTMODSEQ and the unread count IDLE does not. */
  private async refresh(): Promise<void> {
    const client = this.client;
    if (!client?.usable || !client.mailbox) return;
    const status: Partial<StatusObject> = (await client.status(PUSH_FOLDER, { messages: true, uidNext: true, uidValidity: true, highestModseq: true, unseen: true })) || {};
    const mailbox = client.mailbox;
    const next: MailboxEvent = {
      folder: PUSH_FOLDER,
      uidValidity: String(status.uidValidity ?? (mailbox ? mailbox.uidValidity : 0)),
      exists: status.messages ?? (mailbox ? mailbox.exists : 0),
      uidNext: status.uidNext ?? (mailbox ? mailbox.uidNext : 0),
      highestModseq: String(status.highestModseq ?? (mailbox && mailbox.highestModseq) ?? 0),
      unread: status.unseen ?? 0,
    };
    if (this.state && mailboxEventId(this.state) === mailboxEventId(next)) return;
    this.state = next;
    if (!this.closed) for (const listener of this.listeners) listener.mailbox(next);
  }

  private lost(client: ImapFlow): void {
    if (this.client !== client) return;
    this.client = null;
    this.scheduleReopen();
  }

  private scheduleReopen(): void {
    if (this.closed) return;
    this.reopenTimer = setTimeout(() => {
      this.open().catch((error) => {
        // A refused login (password changed elsewhere) will not get better by retrying.
        if (imapFailure(error, 'push: re-open').code === 'AUTH_FAILED') void this.close();
        else this.scheduleReopen();
      });
    }, REOPEN_DELAY_MS);
    this.reopenTimer.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.refreshTimer);
    clearTimeout(this.reopenTimer);
    for (const listener of this.listeners) listener.end();
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    if (!client) return;
    try {
      if (client.usable) await Promise.race([client.logout(), new Promise((resolve) => setTimeout(resolve, LOGOUT_WAIT_MS).unref())]);
    } catch {
      // Gone already: closing the socket is all that is left.
    } finally {
      client.close();
    }
  }
}

/** The sessions' INBOX watches, reference-counted by open streams. */
export class PushHub {
  private readonly watches = new Map<string, { watch: InboxWatch; ready: Promise<void> }>();

  constructor(private readonly imap: Config['imap']) {}

  /** Joins the session's watch, opening its IDLE connection for the first stream. */
  async subscribe(sessionKey: string, credentials: ImapCredentials, listener: PushListener): Promise<PushSubscription> {
    let entry = this.watches.get(sessionKey);
    if (!entry) {
      const watch = new InboxWatch(this.imap, credentials);
      const created = { watch, ready: watch.open() };
      created.ready.catch(() => {
        if (this.watches.get(sessionKey) === created) this.watches.delete(sessionKey);
      });
      this.watches.set(sessionKey, created);
      entry = created;
    }
    const { watch } = entry;
    watch.listeners.add(listener);
    try {
      await entry.ready;
    } catch (error) {
      watch.listeners.delete(listener);
      throw error;
    }
    // Signed out (or shut down) while the connection was opening.
    if (watch.isClosed || !watch.state) throw imapFailure(new Error('connection not available'), 'push: subscribe');
    return {
      current: () => watch.state!,
      unsubscribe: async () => {
        if (!watch.listeners.delete(listener) || watch.listeners.size > 0) return;
        if (this.watches.get(sessionKey) === entry) this.watches.delete(sessionKey);
        await watch.close();
      },
    };
  }

  /** Sign-out, session timeout, password change: the streams end and IDLE closes. */
  async endSession(sessionKey: string): Promise<void> {
    const entry = this.watches.get(sessionKey);
    if (!entry) return;
    this.watches.delete(sessionKey);
    await entry.watch.close();
  }

  get openCount(): number {
    return this.watches.size;
  }

  async close(): Promise<void> {
    const entries = [...this.watches.values()];
    this.watches.clear();
    await Promise.all(entries.map((entry) => entry.watch.close()));
  }
}
