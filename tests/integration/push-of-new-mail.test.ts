// Push of new mail over a real socket: a message delivered into INBOX by another IMAP client
// reaches an open event stream as a `mailbox` event without polling; all of a session's streams
// share one IDLE connection (request connection + 1, never more); sign-out and shutdown end the
// streams instead of leaving them (and Dovecot connections) hanging.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxEventId } from '../../server/mail/push.js';
import { API, type MailboxEvent, SYNC_API } from '../../src/shared/api.js';
import { sessionOf, startGateway, withSession, type SignedIn, type TestGateway } from '../support/gateway.js';
import { createUsers, doveadm, rawMessage, sendViaPostfix, type TestUser } from '../support/mailstack.js';
import { appendAll, SpareUsers } from '../support/messages.js';

const EVENT_TIMEOUT_MS = 15_000;

let gateway: TestGateway;
let base: string;
let spare: SpareUsers;

beforeAll(async () => {
  gateway = await startGateway();
  await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(gateway.app.server.address() as AddressInfo).port}`;
  spare = new SpareUsers(gateway, await createUsers(5, 'push'));
}, 120_000);
afterAll(() => gateway.close());

interface ServerSentEvent {
  id?: string;
  event?: string;
  data: string;
}

/** An open /api/events stream, read as the browser's EventSource would parse it. */
class EventStream {
  private buffer = '';
  private readonly queue: ServerSentEvent[] = [];
  private waiter: (() => void) | null = null;
  ended = false;
  retry: number | null = null;

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    void this.pump();
  }

  static async open(signedIn: SignedIn, lastEventId?: string): Promise<EventStream> {
    const controller = new AbortController();
    const headers: Record<string, string> = { cookie: signedIn.cookie, accept: 'text/event-stream' };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const response = await fetch(`${base}${SYNC_API.events}`, { headers, signal: controller.signal });
    return new EventStream(response, controller);
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    const reader = this.response.body!.getReader();
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        this.buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const event: ServerSentEvent = { data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'retry') this.retry = Number(value);
            else if (field === 'id' || field === 'event') (event[field] = value), (isEvent = true);
            else if (field === 'data') (event.data += value), (isEvent = true);
          }
          if (isEvent) this.queue.push(event);
        }
        this.waiter?.();
      }
    } catch {
      // Aborted by the test.
    }
    this.ended = true;
    this.waiter?.();
  }

  /** The next event, or null when the stream ended first. */
  async next(timeoutMs = EVENT_TIMEOUT_MS): Promise<ServerSentEvent | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0 && !this.ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no event in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => (clearTimeout(timer), resolve());
      });
      this.waiter = null;
    }
    return this.queue.shift() ?? null;
  }

  async nextMailbox(timeoutMs?: number): Promise<MailboxEvent> {
    const event = await this.next(timeoutMs);
    if (!event) throw new Error('stream ended');
    expect(event.event).toBe('mailbox');
    const mailbox = JSON.parse(event.data) as MailboxEvent;
    expect(event.id).toBe(mailboxEventId(mailbox));
    return mailbox;
  }

  close(): void {
    this.controller.abort();
  }
}

async function imapConnectionsOf(user: TestUser): Promise<number> {
  const out = await doveadm('who', '-1', user.address).catch(() => '');
  return out.split('\n').filter((line) => line.includes(user.address) && line.includes('imap')).length;
}

/** Dovecot notices a closed connection a moment later: ask until it agrees or time runs out. */
async function expectConnections(user: TestUser, count: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  let seen = await imapConnectionsOf(user);
  while (seen !== count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await imapConnectionsOf(user);
  }
  expect(seen).toBe(count);
}

describe('push of new mail', () => {
  it('streams the INBOX state at once, then a delivery as it happens', async () => {
    const { user, signedIn } = await spare.next();
    await appendAll(user, 'INBOX', [{ raw: rawMessage('a@example.com', user.address, 'Alt') }]);
    const stream = await EventStream.open(signedIn);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.response.headers.get('cache-control')).toBe('no-store');
      const first = await stream.nextMailbox();
      expect(stream.retry).toBeGreaterThan(0);
      expect(first).toMatchObject({ folder: 'INBOX', exists: 1, unread: 1 });

      const [uid] = await appendAll(user, 'INBOX', [{ raw: rawMessage('b@example.com', user.address, 'Neu') }]);
      const pushed = await stream.nextMailbox();
      expect(pushed).toMatchObject({ folder: 'INBOX', exists: 2, unread: 2, uidNext: uid! + 1, uidValidity: first.uidValidity });
      expect(BigInt(pushed.highestModseq)).toBeGreaterThan(BigInt(first.highestModseq));
    } finally {
      stream.close();
    }
  });

  it('pushes a message that Postfix delivered', async () => {
    const { user, signedIn } = await spare.next();
    const [sender] = await createUsers(1, 'push-sender');
    const stream = await EventStream.open(signedIn);
    try {
      const first = await stream.nextMailbox();
      await sendViaPostfix(sender!, user.address, 'Über Postfix');
      let pushed = await stream.nextMailbox();
      // Delivery may show up as more than one event (EXISTS, then flags); wait for the new one.
      while (pushed.exists === first.exists) pushed = await stream.nextMailbox();
      expect(pushed).toMatchObject({ folder: 'INBOX', exists: first.exists + 1, unread: first.unread + 1 });
    } finally {
      stream.close();
    }
  });

  it('resends the state on reconnect only when it moved on since the last event id', async () => {
    const { user, signedIn } = await spare.next();
    const stream = await EventStream.open(signedIn);
    const seen = await stream.nextMailbox();
    stream.close();
    const lastId = mailboxEventId(seen);

    const unchanged = await EventStream.open(signedIn, lastId);
    await expect(unchanged.next(1_500)).rejects.toThrow('no event in time');
    unchanged.close();

    await appendAll(user, 'INBOX', [{ raw: rawMessage('c@example.com', user.address, 'Während der Pause') }]);
    const resumed = await EventStream.open(signedIn, lastId);
    try {
      expect(await resumed.nextMailbox()).toMatchObject({ exists: seen.exists + 1 });
    } finally {
      resumed.close();
    }
  });

  it('shares one IDLE connection between the session’s streams and closes it with the last', async () => {
    const { user, signedIn } = await spare.next();
    await gateway.app.inject({ method: 'GET', url: API.folders, headers: withSession(signedIn, false) });
    await expectConnections(user, 1);
    const first = await EventStream.open(signedIn);
    const second = await EventStream.open(signedIn);
    await first.nextMailbox();
    await second.nextMailbox();
    await expectConnections(user, 2);

    const [uid] = await appendAll(user, 'INBOX', [{ raw: rawMessage('d@example.com', user.address, 'An beide') }]);
    expect((await first.nextMailbox()).uidNext).toBe(uid! + 1);
    expect((await second.nextMailbox()).uidNext).toBe(uid! + 1);

    first.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectConnections(user, 2);
    second.close();
    await expectConnections(user, 1);
  });

  it('ends the streams on sign-out, and their IDLE connection with them', async () => {
    const { user, signedIn } = await spare.next();
    const stream = await EventStream.open(signedIn);
    await stream.nextMailbox();
    const signOut = await gateway.app.inject({ method: 'DELETE', url: API.session, headers: withSession(signedIn) });
    expect(signOut.statusCode).toBe(204);
    expect(await stream.next()).toBeNull();
    await expectConnections(user, 0);
    const again = await fetch(`${base}${SYNC_API.events}`, { headers: { cookie: signedIn.cookie } });
    expect(again.status).toBe(401);
  });

  it('refuses a stream without a session', async () => {
    const response = await fetch(`${base}${SYNC_API.events}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/json/);
  });

  it('lets the gateway shut down while a stream is open', async () => {
    const own = await startGateway();
    await own.app.listen({ host: '127.0.0.1', port: 0 });
    const [user] = await createUsers(1, 'push-close');
    const signedIn = sessionOf(await own.signIn(user!));
    const response = await fetch(`http://127.0.0.1:${(own.app.server.address() as AddressInfo).port}${SYNC_API.events}`, {
      headers: { cookie: signedIn.cookie },
    });
    const reader = response.body!.getReader();
    await reader.read();
    const closed = own.close().then(() => 'closed');
    const timeout = new Promise((resolve) => setTimeout(() => resolve('hung'), 10_000).unref());
    expect(await Promise.race([closed, timeout])).toBe('closed');
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
    await expectConnections(user!, 0);
  });
});
