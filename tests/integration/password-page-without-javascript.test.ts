// The stand-alone /password page: plain forms, CSRF tokens, reasons in words, nothing leaked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { canLogIn, createUser, mailstack, type TestUser } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway({ PASSWORD_BACKEND: 'passwd-file', PASSWD_FILE: mailstack().passwdFile });
});
afterAll(() => gateway.close());

async function openForm(lang = 'en') {
  const response = await gateway.app.inject({ method: 'GET', url: `/password?lang=${lang}` });
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  const secret = response.cookies.find((c) => c.name === 'wm_csrf')?.value;
  return { response, token: token!, cookie: `wm_csrf=${secret}` };
}

function post(form: Record<string, string>, cookie?: string, lang = 'en') {
  return gateway.app.inject({
    method: 'POST',
    url: `/password?lang=${lang}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    payload: new URLSearchParams(form).toString(),
  });
}

const fields = (user: TestUser, next: string) => ({ mailbox: user.address, currentPassword: user.password, newPassword: next, confirmPassword: next });

describe('stand-alone password page', () => {
  it('serves a labelled form with a CSRF token and a CSP that forbids every script', async () => {
    const { response, token } = await openForm('de');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("script-src 'none'");
    expect(response.body).toContain('<html lang="de">');
    expect(response.body).toContain('<label for="newPassword">Neues Passwort</label>');
    expect(response.body).not.toMatch(/<script|\son\w+=/i);
    expect(token.length).toBeGreaterThan(20);
  });

  it('changes the password, then redirects so a reload resends nothing', async () => {
    const user = await createUser('page');
    const next = 'Drei Kiefern am Hang';
    const { token, cookie } = await openForm();
    const response = await post({ ...fields(user, next), _csrf: token }, cookie);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/password?done=1');
    expect(await canLogIn({ ...user, password: next })).toBe(true);
    expect(await canLogIn(user)).toBe(false);
    const done = await gateway.app.inject({ method: 'GET', url: '/password?done=1&lang=en' });
    expect(done.body).toContain('Your password has been changed.');
  });

  it('refuses a POST without or with a wrong CSRF token, and changes nothing', async () => {
    const user = await createUser('page');
    const { token, cookie } = await openForm();
    const without = await post(fields(user, 'Drei Kiefern am Hang'), cookie);
    const wrongToken = await post({ ...fields(user, 'Drei Kiefern am Hang'), _csrf: `${token}x` }, cookie);
    const noCookie = await post({ ...fields(user, 'Drei Kiefern am Hang'), _csrf: token });
    const foreign = await gateway.app.inject({
      method: 'POST', url: '/password?lang=en',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: 'https://evil.example' },
      payload: new URLSearchParams({ ...fields(user, 'Drei Kiefern am Hang'), _csrf: token }).toString(),
    });
    for (const response of [without, wrongToken, noCookie, foreign]) {
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('refused for your protection');
    }
    expect(await canLogIn(user)).toBe(true);
  });

  it('says in German why a new password is refused, keeps the mailbox name, never echoes passwords', async () => {
    const user = await createUser('page');
    const { token, cookie } = await openForm('de');
    const response = await post({ mailbox: user.address, currentPassword: user.password, newPassword: 'kurz', confirmPassword: 'kürzer', _csrf: token }, cookie, 'de');
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Die beiden neuen Passwörter stimmen nicht überein.');
    expect(response.body).toContain('Das neue Passwort ist zu kurz: mindestens 15 Zeichen.');
    expect(response.body).toContain(`value="${user.address}"`);
    expect(response.body).not.toContain(user.password);
    expect(response.body).not.toContain('kürzer');
  });

  it('escapes what the user typed', async () => {
    const { token, cookie } = await openForm();
    const response = await post({ mailbox: '"><img src=x onerror=alert(1)>@example.com', currentPassword: 'a', newPassword: 'b', confirmPassword: 'b', _csrf: token }, cookie);
    expect(response.body).not.toContain('<img src=x');
    expect(response.body).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@example.com');
  });

  it('says the current password was wrong and locks the account after repeated failures', async () => {
    const limited = await startGateway({ PASSWORD_BACKEND: 'passwd-file', PASSWD_FILE: mailstack().passwdFile, PASSWORD_LIMIT_PER_ACCOUNT: '2' });
    try {
      const user = await createUser('page');
      const attempt = async () => {
        const form = await limited.app.inject({ method: 'GET', url: '/password?lang=en' });
        const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
        const cookie = `wm_csrf=${form.cookies.find((c) => c.name === 'wm_csrf')!.value}`;
        return limited.app.inject({
          method: 'POST', url: '/password?lang=en',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          payload: new URLSearchParams({ ...fields({ ...user, password: 'wrong one' }, 'Drei Kiefern am Hang'), _csrf: token }).toString(),
        });
      };
      const first = await attempt();
      expect(first.statusCode).toBe(403);
      expect(first.body).toContain('The current password is wrong. Nothing was changed.');
      await attempt();
      const third = await attempt();
      expect(third.statusCode).toBe(429);
      expect(third.body).toMatch(/Too many attempts. Try again in \d+ minutes./);
      expect(await canLogIn(user)).toBe(true);
    } finally {
      await limited.close();
    }
  });
});
