// /basic sign-in and sign-out with plain forms, and the remembered choice between the versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../src/shared/api.js';
import { safeNext } from '../../server/basic/login.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { createUser } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

async function loginForm() {
  const page = await gateway.app.inject({ method: 'GET', url: '/basic/login?lang=en' });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  return { page, token, csrfCookie: `wm_csrf=${page.cookies.find((c) => c.name === 'wm_csrf')!.value}` };
}

function post(url: string, cookie: string, form: Record<string, string>) {
  return gateway.app.inject({
    method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, payload: new URLSearchParams(form).toString(),
  });
}

describe('/basic sign-in', () => {
  it('signs in with a form, remembers the basic version, and redirects into the mailbox', async () => {
    const user = await createUser('basic');
    const { page, token, csrfCookie } = await loginForm();
    expect(page.body).toContain('<label for="password">Password</label>');
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
    const response = await post('/basic/login', csrfCookie, { _csrf: token, username: user.address, password: user.password, next: '/basic/mail?folder=Sent' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/basic/mail?folder=Sent');
    const session = response.cookies.find((c) => c.name === 'wm_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(response.cookies.find((c) => c.name === 'wm_ui')?.value).toBe('basic');
    const folders = await gateway.app.inject({ method: 'GET', url: API.folders, headers: { cookie: `wm_session=${session.value}` } });
    expect(folders.statusCode).toBe(200);
  });

  it('sends a wrong password back to the form with the reason and the address kept', async () => {
    const user = await createUser('basic');
    const { token, csrfCookie } = await loginForm();
    const response = await post('/basic/login', csrfCookie, { _csrf: token, username: user.address, password: 'falsch' });
    expect(response.statusCode).toBe(303);
    const location = response.headers.location as string;
    expect(location).toContain('error=AUTH_FAILED');
    const again = await gateway.app.inject({ method: 'GET', url: `${location}&lang=de`, headers: { cookie: csrfCookie } });
    expect(again.body).toContain('E-Mail-Adresse oder Passwort ist falsch.');
    expect(again.body).toContain(`value="${user.address}"`);
    expect(again.body).not.toContain('falsch"');
  });

  it('refuses a sign-in without the form token', async () => {
    const user = await createUser('basic');
    const { csrfCookie } = await loginForm();
    const response = await post('/basic/login', csrfCookie, { username: user.address, password: user.password });
    expect(response.headers.location).toContain('error=CSRF_REJECTED');
    expect(response.cookies.find((c) => c.name === 'wm_session')).toBeUndefined();
  });

  it('never redirects to another site after sign-in', () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/basic//evil.example', '/\\evil.example', '/mail/INBOX', 'javascript:alert(1)']) {
      expect(safeNext(next)).toBe('/basic/mail');
    }
    expect(safeNext('/basic/message?folder=INBOX&uid=3')).toBe('/basic/message?folder=INBOX&uid=3');
  });

  it('signs out only with the form token', async () => {
    const user = await createUser('basic');
    const { token, csrfCookie } = await loginForm();
    const login = await post('/basic/login', csrfCookie, { _csrf: token, username: user.address, password: user.password });
    const cookie = `${csrfCookie}; wm_session=${login.cookies.find((c) => c.name === 'wm_session')!.value}`;
    const forged = await post('/basic/logout', cookie, { _csrf: 'forged' });
    expect(forged.headers.location).toContain('error=CSRF_REJECTED');
    expect((await gateway.app.inject({ method: 'GET', url: API.folders, headers: { cookie } })).statusCode).toBe(200);
    const out = await post('/basic/logout', cookie, { _csrf: token });
    expect(out.headers.location).toBe('/basic/login');
    expect((await gateway.app.inject({ method: 'GET', url: API.folders, headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('choosing the version', () => {
  it('switches both ways and remembers the choice', async () => {
    const toBasic = await gateway.app.inject({ method: 'GET', url: '/basic/switch?to=basic' });
    expect(toBasic.headers.location).toBe('/basic/login');
    expect(toBasic.cookies.find((c) => c.name === 'wm_ui')?.value).toBe('basic');
    const toRich = await gateway.app.inject({ method: 'GET', url: '/basic/switch?to=rich' });
    expect(toRich.headers.location).toBe('/login');
    expect(toRich.cookies.find((c) => c.name === 'wm_ui')?.value).toBe('rich');
    const remembered = await gateway.app.inject({ method: 'GET', url: '/login', headers: { cookie: 'wm_ui=basic' } });
    expect(remembered.statusCode).toBe(303);
    expect(remembered.headers.location).toBe('/basic/login');
  });
});
