// /basic/settings without JavaScript: the settings as the server holds them, a save through the
// form (CSRF token needed) that real mail then follows, and a refused form that keeps the text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectManageSieve } from '../../server/sieve/managesieve.js';
import { signInBasic } from '../support/basic-form.js';
import { folderSubjects } from '../support/messages.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { createUsers, imapAs, mailstack, sendViaPostfix, type TestUser } from '../support/mailstack.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function signedIn(user: TestUser) {
  return signInBasic(gateway, user);
}

function post(cookie: string, form: Record<string, string>, lang = 'en') {
  return gateway.app.inject({ method: 'POST', url: `/basic/settings?lang=${lang}`, headers: { ...FORM, cookie }, payload: new URLSearchParams(form).toString() });
}

describe('/basic/settings', () => {
  it('saves forwarding through the form, redirects, shows what the server holds, and mail follows it', async () => {
    const [alice, bob, carol] = await createUsers(3, 'basic-sieve');
    const { cookie, token } = await signedIn(alice!);
    const page = await gateway.app.inject({ method: 'GET', url: '/basic/settings?lang=de', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
    expect(page.body).toContain('Abwesenheitsnotiz');
    expect(page.body).not.toMatch(/<script|\son\w+=/i);

    const saved = await post(cookie, { _csrf: token, targets: `${carol!.address}\n`, keepCopy: 'on', spam: 'junk', virus: 'discard', afterEnd: 'deactivate' });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe('/basic/settings?done=saved');
    const after = await gateway.app.inject({ method: 'GET', url: '/basic/settings?done=saved&lang=en', headers: { cookie } });
    expect(after.body).toContain('Saved. The mail server now has these settings.');
    expect(after.body).toContain(`>${carol!.address}</textarea>`);
    expect(after.body).toMatch(/name="spam" value="junk" checked/);
    expect(after.body).toMatch(/name="virus" value="discard" checked/);

    await sendViaPostfix(bob!, alice!.address, 'Per Formular weitergeleitet');
    await expect.poll(() => folderSubjects(carol!), { timeout: 20_000, interval: 200 }).toContain('Per Formular weitergeleitet');
  });

  it('refuses a form without the token and changes nothing', async () => {
    const [alice] = await createUsers(1, 'basic-sieve');
    const { cookie, token } = await signedIn(alice!);
    for (const response of [
      await post(cookie, { spam: 'discard' }),
      await post(cookie, { _csrf: `${token}x`, spam: 'discard' }),
      await gateway.app.inject({ method: 'POST', url: '/basic/settings', headers: { ...FORM, cookie, origin: 'https://evil.example' }, payload: `_csrf=${token}&spam=discard` }),
    ]) {
      expect(response.statusCode).toBe(403);
    }
    const direct = await connectManageSieve({ host: '127.0.0.1', port: mailstack().managesievePort, security: 'none', tlsVerify: false, user: alice!.address, password: alice!.password });
    expect(await direct.listScripts()).toEqual([]);
    await direct.logout();
  });

  it('shows a refused form again in German with what was typed and the reasons', async () => {
    const [alice] = await createUsers(1, 'basic-sieve');
    const { cookie, token } = await signedIn(alice!);
    const response = await post(cookie, {
      _csrf: token, autoreplyActive: 'on', subjectPrefix: 'Abwesend:', message: 'Bin <b>weg</b> & zurück am 2.', startDate: '2026-12-10', endDate: '2026-12-01',
      targets: `kaputt\n${alice!.address}`, spam: 'deliver', virus: 'deliver', afterEnd: 'delete',
    }, 'de');
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Das Enddatum liegt vor dem Startdatum.');
    expect(response.body).toContain('Eine Weiterleitungsadresse ist keine gültige E-Mail-Adresse.');
    expect(response.body).toContain('Eine Weiterleitung an dieses Postfach selbst');
    // What was typed stays, escaped.
    expect(response.body).toContain('Bin &lt;b&gt;weg&lt;/b&gt; &amp; zurück am 2.</textarea>');
    expect(response.body).toContain(`kaputt\n${alice!.address}</textarea>`);
    expect(response.body).toMatch(/name="afterEnd" value="delete" checked/);
  });
});
