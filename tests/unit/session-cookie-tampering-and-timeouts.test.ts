import { describe, expect, it } from 'vitest';
import { seal, unseal, newKey } from '../../server/session/credentials.js';
import { Sessions } from '../../server/session/sessions.js';
import { MemorySessionStore } from '../../server/session/store.js';

function setup(idle = 60, absolute = 600) {
  let clock = 1_000_000;
  const now = () => clock;
  const store = new MemorySessionStore(now);
  const sessions = new Sessions(store, { idleTimeoutSeconds: idle, absoluteTimeoutSeconds: absolute }, now);
  return { store, sessions, advance: (seconds: number) => (clock += seconds * 1000) };
}

describe('sessions', () => {
  it('gives back the password only to the holder of the whole cookie', async () => {
    const { sessions } = setup();
    const { cookieValue } = await sessions.create('alice@example.com', 'correct horse', false);
    const result = await sessions.resolve(cookieValue);
    expect(result.ok && result.session.password).toBe('correct horse');

    const [id, key] = cookieValue.split('.') as [string, string];
    const flipped = key.slice(0, 10) + (key[10] === 'A' ? 'B' : 'A') + key.slice(11);
    expect(await sessions.resolve(`${id}.${flipped}`)).toEqual({ ok: false, code: 'AUTH_REQUIRED' });
    expect(await sessions.resolve(`${id}`)).toEqual({ ok: false, code: 'AUTH_REQUIRED' });
    expect(await sessions.resolve('garbage')).toEqual({ ok: false, code: 'AUTH_REQUIRED' });
    // The real owner's session survives the forgery attempts.
    expect((await sessions.resolve(cookieValue)).ok).toBe(true);
  });

  it('keeps no password or cookie key in the store', async () => {
    const { sessions, store } = setup();
    const { cookieValue } = await sessions.create('alice@example.com', 'Sehr-geheimes-Passwort', true);
    const [id, key] = cookieValue.split('.') as [string, string];
    const keys = await store.keysOfUser('alice@example.com');
    expect(keys).toHaveLength(1);
    const dump = JSON.stringify(await store.get(keys[0]!));
    expect(dump).not.toContain('Sehr-geheimes-Passwort');
    expect(dump).not.toContain(key);
    expect(keys[0]).not.toContain(id);
  });

  it('ends a session after the idle timeout but not while it is used', async () => {
    const { sessions, advance } = setup(60, 600);
    const { cookieValue } = await sessions.create('bob@example.com', 'pw', false);
    advance(50);
    expect((await sessions.resolve(cookieValue)).ok).toBe(true);
    advance(50);
    expect((await sessions.resolve(cookieValue)).ok).toBe(true);
    advance(61);
    expect(await sessions.resolve(cookieValue)).toEqual({ ok: false, code: 'SESSION_EXPIRED' });
  });

  it('ends a session at the absolute timeout even when active', async () => {
    const { sessions, advance } = setup(60, 120);
    const { cookieValue } = await sessions.create('bob@example.com', 'pw', false);
    for (const step of [40, 40, 39]) {
      advance(step);
      expect((await sessions.resolve(cookieValue)).ok).toBe(true);
    }
    advance(1); // 120 s after sign-in, though the last request was a second ago
    expect(await sessions.resolve(cookieValue)).toEqual({ ok: false, code: 'SESSION_EXPIRED' });
  });

  it('binds sealed credentials to their session', () => {
    const key = newKey();
    const sealed = seal('pw', key, 'session-a');
    expect(unseal(sealed, key, 'session-a')).toBe('pw');
    expect(unseal(sealed, key, 'session-b')).toBeNull();
    expect(unseal({ ...sealed, ciphertext: Buffer.from('other').toString('base64') }, key, 'session-a')).toBeNull();
  });
});
