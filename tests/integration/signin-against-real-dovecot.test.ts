// Sign-in, folders and sign-out through the real gateway against the real Dovecot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type Folder, type FoldersResponse } from '../../src/shared/api.js';
import { freshClientAddress, sessionOf, startGateway, withSession, type TestGateway } from '../support/gateway.js';
import { createUser, doveadm, imapAs, rawMessage, type TestUser } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

async function imapSessionsOf(user: TestUser): Promise<number> {
  const out = await doveadm('who', '-1', user.address).catch(() => '');
  return out.split('\n').filter((line) => line.includes(user.address) && line.includes('imap')).length;
}

describe('sign-in', () => {
  it('opens a session with an HttpOnly, SameSite=Lax cookie for the right password', async () => {
    const user = await createUser();
    const response = await gateway.signIn(user);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'wm_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.value).not.toContain(user.password);
    const body = response.json();
    expect(body).toMatchObject({ user: user.address, keepOnDevice: false, limits: { maxAttachmentBytes: 8 * 1024 * 1024 } });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('refuses a wrong password and an unknown mailbox alike, without a cookie', async () => {
    const user = await createUser();
    const wrong = await gateway.signIn({ ...user, password: `${user.password}x` }, { from: freshClientAddress() });
    const unknown = await gateway.signIn({ address: `nobody-${Date.now()}@example.com`, password: user.password }, { from: freshClientAddress() });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: { code: 'AUTH_FAILED', message: expect.any(String) } });
      expect(response.cookies).toHaveLength(0);
    }
  });

  it('refuses malformed input with BAD_REQUEST before talking to IMAP', async () => {
    for (const payload of [{ username: 'a@example.com' }, { username: 'a\r\nb@example.com', password: 'x' }, { username: '', password: 'x' }]) {
      const response = await gateway.app.inject({ method: 'POST', url: API.session, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('BAD_REQUEST');
    }
  });
});

describe('folders', () => {
  it('lists the special folders first with roles and real counts', async () => {
    const user = await createUser();
    const imap = await imapAs(user);
    for (const subject of ['Eins', 'Zwei', 'Drei']) {
      await imap.append('INBOX', rawMessage('carol@example.com', user.address, subject), subject === 'Eins' ? ['\\Seen'] : []);
    }
    await imap.mailboxCreate('Projekte');
    const child = await imap.mailboxCreate(['Projekte', 'Umzug']);
    await imap.append(child.path, rawMessage('dave@example.com', user.address, 'Kisten'));
    await imap.logout();

    const signedIn = sessionOf(await gateway.signIn(user));
    const response = await gateway.app.inject({ method: 'GET', url: API.folders, headers: withSession(signedIn, false) });
    expect(response.statusCode).toBe(200);
    const { folders } = response.json() as FoldersResponse;
    expect(folders.map((f) => [f.path, f.specialUse])).toEqual([
      ['INBOX', 'inbox'], ['Drafts', 'drafts'], ['Sent', 'sent'], ['Junk', 'junk'], ['Trash', 'trash'], ['Projekte', null],
    ]);
    expect(folders[0]).toMatchObject({ total: 3, unread: 2 });
    const [umzug] = folders.find((f) => f.path === 'Projekte')!.children as [Folder];
    expect(umzug).toMatchObject({ path: child.path, name: 'Umzug', total: 1, unread: 1 });
  });

  it('needs a session', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: API.folders });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_REQUIRED');
  });
});

describe('sign-out', () => {
  it('ends the session and closes its IMAP connection', async () => {
    const user = await createUser();
    const signedIn = sessionOf(await gateway.signIn(user));
    expect(await imapSessionsOf(user)).toBe(1);

    const out = await gateway.app.inject({ method: 'DELETE', url: API.session, headers: withSession(signedIn) });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'wm_session')?.value).toBe('');

    const after = await gateway.app.inject({ method: 'GET', url: API.folders, headers: withSession(signedIn, false) });
    expect(after.statusCode).toBe(401);
    await expect.poll(() => imapSessionsOf(user), { timeout: 5000 }).toBe(0);
  });

  it('ends the session a browser had when it signs in again, with its IMAP connection', async () => {
    const user = await createUser();
    const first = sessionOf(await gateway.signIn(user));
    const again = await gateway.signIn(user, { headers: { cookie: first.cookie } });
    const second = sessionOf(again);
    expect(second.cookie).not.toBe(first.cookie);
    const old = await gateway.app.inject({ method: 'GET', url: API.session, headers: { cookie: first.cookie } });
    expect(old.statusCode).toBe(401);
    const current = await gateway.app.inject({ method: 'GET', url: API.session, headers: { cookie: second.cookie } });
    expect(current.statusCode).toBe(200);
    await expect.poll(() => imapSessionsOf(user), { timeout: 5000 }).toBe(1);
  });

  it('answers SESSION_CHANGED, not the mail, to a tab that shows another mailbox than the cookie names', async () => {
    const user = await createUser();
    const signedIn = sessionOf(await gateway.signIn(user));
    const as = (claimed?: string) => gateway.app.inject({
      method: 'GET', url: API.folders, headers: { cookie: signedIn.cookie, ...(claimed === undefined ? {} : { 'x-webmail-user': claimed }) },
    });
    const other = await as(encodeURIComponent('jemand-anderes@example.com'));
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('SESSION_CHANGED');
    expect(other.body).not.toContain('INBOX');
    expect((await as(encodeURIComponent(user.address.toUpperCase()))).statusCode).toBe(200);
    expect((await as()).statusCode).toBe(200);
    expect((await as('%E0%A4%A')).statusCode).toBe(409);
  });

  it('is refused without the CSRF token, and the session lives on', async () => {
    const user = await createUser();
    const signedIn = sessionOf(await gateway.signIn(user));
    const forged = await gateway.app.inject({ method: 'DELETE', url: API.session, headers: withSession(signedIn, false) });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_REJECTED');
    const wrong = await gateway.app.inject({ method: 'DELETE', url: API.session, headers: { ...withSession(signedIn), 'x-csrf-token': 'A'.repeat(32) } });
    expect(wrong.statusCode).toBe(403);
    const still = await gateway.app.inject({ method: 'GET', url: API.folders, headers: withSession(signedIn, false) });
    expect(still.statusCode).toBe(200);
  });
});

describe('session cookie and timeouts', () => {
  it('refuses a cookie whose key half was altered, and one for another session', async () => {
    const user = await createUser();
    const signedIn = sessionOf(await gateway.signIn(user));
    const value = signedIn.cookie.slice('wm_session='.length);
    const [id, key] = value.split('.') as [string, string];
    const alteredKey = `${id}.${key.startsWith('A') ? 'B' : 'A'}${key.slice(1)}`;
    const alteredId = `${id.startsWith('A') ? 'B' : 'A'}${id.slice(1)}.${key}`;
    for (const cookie of [alteredKey, alteredId, 'not-a-session']) {
      const response = await gateway.app.inject({ method: 'GET', url: API.folders, headers: { cookie: `wm_session=${cookie}` } });
      expect(response.statusCode).toBe(401);
      expect(JSON.stringify(response.json())).not.toContain('stack');
    }
  });

  it('cannot be used after its idle timeout', async () => {
    const idleGateway = await startGateway({ SESSION_IDLE_TIMEOUT: '300' });
    try {
      const user = await createUser();
      const signedIn = sessionOf(await idleGateway.signIn(user));
      idleGateway.advanceClock(240);
      expect((await idleGateway.app.inject({ method: 'GET', url: API.folders, headers: withSession(signedIn, false) })).statusCode).toBe(200);
      idleGateway.advanceClock(301);
      const late = await idleGateway.app.inject({ method: 'GET', url: API.folders, headers: withSession(signedIn, false) });
      expect(late.statusCode).toBe(401);
      expect(late.json().error.code).toBe('SESSION_EXPIRED');
    } finally {
      await idleGateway.close();
    }
  });
});
