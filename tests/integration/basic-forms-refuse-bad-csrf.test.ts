// The /basic forms without JavaScript: a POST without the form token, with a wrong one, or from
// another site is refused with a redirect that says so, and changes nothing — no flag set, no
// sign-in, no sign-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInBasic } from '../support/basic-form.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { appendAll, folderTruth } from '../support/messages.js';
import { createUser, rawMessage, type TestUser } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function signedIn(user: TestUser) {
  return signInBasic(gateway, user);
}

function post(url: string, cookie: string, form: [string, string][], headers: Record<string, string> = {}) {
  return gateway.app.inject({ method: 'POST', url, headers: { ...FORM, cookie, ...headers }, payload: new URLSearchParams(form).toString() });
}

describe('/basic forms refuse a bad CSRF token', () => {
  it('marks nothing read without, with a wrong or with a foreign-site token, and does with the right one', async () => {
    const user = await createUser('basic-csrf');
    const uids = await appendAll(user, 'INBOX', [{ raw: rawMessage(user.address, user.address, 'eins') }, { raw: rawMessage(user.address, user.address, 'zwei') }]);
    const { cookie, token } = await signedIn(user);
    const form = (csrf?: string): [string, string][] => [
      ...(csrf === undefined ? [] : [['_csrf', csrf] as [string, string]]),
      ['folder', 'INBOX'], ['back', '/basic/mail?folder=INBOX'], ['action', 'read'], ...uids.map((uid): [string, string] => ['uid', String(uid)]),
    ];
    for (const response of [
      await post('/basic/mail/action', cookie, form()),
      await post('/basic/mail/action', cookie, form(`${token}x`)),
      await post('/basic/mail/action', cookie.replace(/wm_csrf=[^;]+/, 'wm_csrf=someoneelsessecret1234'), form(token)),
      await post('/basic/mail/action', cookie, form(token), { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }),
    ]) {
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/basic/mail?folder=INBOX&error=CSRF_REJECTED');
    }
    expect((await folderTruth(user, 'INBOX')).unseen).toEqual(uids);

    const page = await gateway.app.inject({ method: 'GET', url: '/basic/mail?folder=INBOX&error=CSRF_REJECTED&lang=en', headers: { cookie } });
    expect(page.body).toContain('role="alert"');

    const accepted = await post('/basic/mail/action', cookie, form(token));
    expect(accepted.headers.location).toBe('/basic/mail?folder=INBOX&done=read&count=2&missing=0');
    expect((await folderTruth(user, 'INBOX')).unseen).toEqual([]);
  });

  it('keeps the user signed in when sign-out comes without or with a wrong token', async () => {
    const user = await createUser('basic-csrf');
    const { cookie, token } = await signedIn(user);
    for (const csrf of [undefined, `${token}x`]) {
      const response = await post('/basic/logout', cookie, csrf === undefined ? [] : [['_csrf', csrf]]);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/basic/login?error=CSRF_REJECTED');
      expect(response.cookies.find((c) => c.name === 'wm_session')).toBeUndefined();
      const list = await gateway.app.inject({ method: 'GET', url: '/basic/mail', headers: { cookie } });
      expect(list.statusCode).toBe(200);
    }
    const out = await post('/basic/logout', cookie, [['_csrf', token]]);
    expect(out.headers.location).toBe('/basic/login');
    expect((await gateway.app.inject({ method: 'GET', url: '/basic/mail', headers: { cookie } })).statusCode).toBe(303);
  });

  it('signs nobody in without or with a wrong token', async () => {
    const user = await createUser('basic-csrf');
    const login = await gateway.app.inject({ method: 'GET', url: '/basic/login' });
    const secret = login.cookies.find((c) => c.name === 'wm_csrf')!.value;
    const token = /name="_csrf" value="([^"]+)"/.exec(login.body)![1]!;
    for (const csrf of [undefined, `${token}x`]) {
      const fields: [string, string][] = [['username', user.address], ['password', user.password], ...(csrf === undefined ? [] : [['_csrf', csrf] as [string, string]])];
      const response = await post('/basic/login', `wm_csrf=${secret}`, fields);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toMatch(/^\/basic\/login\?error=CSRF_REJECTED&/);
      expect(response.cookies.find((c) => c.name === 'wm_session')).toBeUndefined();
    }
  });
});
