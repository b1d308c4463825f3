// Sign-in sessions: the cookie carries `<id>.<key>`; the store holds the record under
// sha256(id) with the password sealed by `key`. Idle and absolute timeouts end a session.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newKey, seal, unseal } from './credentials.js';
import type { SessionRecord, SessionStore } from './store.js';

export const SESSION_COOKIE = 'wm_session';

export interface SessionTimeouts {
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
}

export interface ActiveSession {
  /** Store key (hash of the id): safe to log and to key IMAP connections by. */
  key: string;
  record: SessionRecord;
  password: string;
}

export type ResolveResult = { ok: true; session: ActiveSession } | { ok: false; code: 'AUTH_REQUIRED' | 'SESSION_EXPIRED' };

const b64url = (bytes: Buffer) => bytes.toString('base64url');

function storeKey(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export function parseCookieValue(value: string | undefined): { id: string; key: Buffer } | null {
  if (!value) return null;
  const match = /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return null;
  return { id: match[1]!, key: Buffer.from(match[2]!, 'base64url') };
}

export function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class Sessions {
  constructor(
    private readonly store: SessionStore,
    private readonly timeouts: SessionTimeouts,
    private readonly now: () => number = Date.now,
    /** Told about every session that ends by timeout, so its IMAP connection and uploads go too. */
    private readonly onExpired: (sessionKey: string) => void = () => undefined,
  ) {}

  private ttlSeconds(record: SessionRecord): number {
    const idleEnd = record.lastSeenAt + this.timeouts.idleTimeoutSeconds * 1000;
    const absoluteEnd = record.createdAt + this.timeouts.absoluteTimeoutSeconds * 1000;
    return Math.max(1, Math.ceil((Math.min(idleEnd, absoluteEnd) - this.now()) / 1000));
  }

  async create(user: string, password: string, keepOnDevice: boolean): Promise<{ cookieValue: string; session: ActiveSession }> {
    const id = b64url(randomBytes(24));
    const key = newKey();
    const sessionKey = storeKey(id);
    const now = this.now();
    const record: SessionRecord = {
      user,
      createdAt: now,
      lastSeenAt: now,
      csrfToken: b64url(randomBytes(24)),
      keepOnDevice,
      credentials: seal(password, key, sessionKey),
    };
    await this.store.set(sessionKey, record, this.ttlSeconds(record));
    return { cookieValue: `${id}.${b64url(key)}`, session: { key: sessionKey, record, password } };
  }

  /** Looks the cookie up, enforces both timeouts, and on success counts this as activity. */
  async resolve(cookieValue: string | undefined): Promise<ResolveResult> {
    const parsed = parseCookieValue(cookieValue);
    if (!parsed) return { ok: false, code: 'AUTH_REQUIRED' };
    const sessionKey = storeKey(parsed.id);
    const record = await this.store.get(sessionKey);
    if (!record) return { ok: false, code: 'SESSION_EXPIRED' };
    const now = this.now();
    const idleOver = now - record.lastSeenAt >= this.timeouts.idleTimeoutSeconds * 1000;
    const absoluteOver = now - record.createdAt >= this.timeouts.absoluteTimeoutSeconds * 1000;
    if (idleOver || absoluteOver) {
      await this.store.delete(sessionKey);
      this.onExpired(sessionKey);
      return { ok: false, code: 'SESSION_EXPIRED' };
    }
    const password = unseal(record.credentials, parsed.key, sessionKey);
    // A cookie whose key half was altered: refuse, but leave the real owner's session alone.
    if (password === null) return { ok: false, code: 'AUTH_REQUIRED' };
    const touched = { ...record, lastSeenAt: now };
    await this.store.set(sessionKey, touched, this.ttlSeconds(touched));
    return { ok: true, session: { key: sessionKey, record: touched, password } };
  }

  async destroy(sessionKey: string): Promise<void> {
    await this.store.delete(sessionKey);
  }

  /** After a password change: the session behind this cookie goes on with the new password. */
  async replacePassword(cookieValue: string | undefined, newPassword: string): Promise<void> {
    const parsed = parseCookieValue(cookieValue);
    if (!parsed) return;
    const sessionKey = storeKey(parsed.id);
    const record = await this.store.get(sessionKey);
    if (!record) return;
    const updated = { ...record, credentials: seal(newPassword, parsed.key, sessionKey) };
    await this.store.set(sessionKey, updated, this.ttlSeconds(updated));
  }

  /** Ends every session of a user but one; returns the keys ended (to close their IMAP). */
  async endSessionsOf(user: string, exceptKey?: string): Promise<string[]> {
    const keys = (await this.store.keysOfUser(user)).filter((key) => key !== exceptKey);
    await Promise.all(keys.map((key) => this.store.delete(key)));
    return keys;
  }
}
