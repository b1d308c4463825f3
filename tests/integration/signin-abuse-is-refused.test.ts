// Brute force, spoofed client addresses, cross-site requests, a mail server that is gone.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../server/app.js';
import { API } from '../../src/shared/api.js';
import { freshClientAddress, sessionOf, startGateway, type TestGateway } from '../support/gateway.js';
import { createUser, doveadm, mailstack } from '../support/mailstack.js';

const open: TestGateway[] = [];
async function gatewayWith(settings: Record<string, string>) {
  const gateway = await startGateway(settings);
  open.push(gateway);
  return gateway;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

describe('sign-in rate limits', () => {
  it('locks an account after its failures, even for the right password, and says for how long', async () => {
    const gateway = await gatewayWith({ LOGIN_LIMIT_PER_ACCOUNT: '3', LOGIN_LIMIT_WINDOW: '600' });
    const user = await createUser();
    // From three clients: the account limit does not care where the guesses come from.
    for (let i = 0; i < 3; i++) expect((await gateway.signIn({ ...user, password: 'wrong' }, { from: freshClientAddress() })).statusCode).toBe(401);
    const locked = await gateway.signIn(user, { from: freshClientAddress() });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(locked.json().error.retryAfterSeconds).toBeGreaterThan(500);
    expect(Number(locked.headers['retry-after'])).toBe(locked.json().error.retryAfterSeconds);
    // Another account from the same client is not locked by this one.
    expect((await gateway.signIn(await createUser(), { from: freshClientAddress() })).statusCode).toBe(200);
  });

  it('locks a client that tries many accounts', async () => {
    const gateway = await gatewayWith({ LOGIN_LIMIT_PER_CLIENT: '2' });
    const client = freshClientAddress();
    for (let i = 0; i < 2; i++) await gateway.signIn({ address: `guess${i}@example.com`, password: 'x' }, { from: client });
    const user = await createUser();
    expect((await gateway.signIn(user, { from: client })).statusCode).toBe(429);
    expect((await gateway.signIn(user, { from: freshClientAddress() })).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from an untrusted peer, so spoofing does not escape the limit', async () => {
    const gateway = await gatewayWith({ LOGIN_LIMIT_PER_CLIENT: '2' });
    const peer = freshClientAddress();
    for (const ip of ['203.0.113.1', '203.0.113.2']) {
      await gateway.signIn({ address: `guess-${ip}@example.com`, password: 'x' }, { from: peer, headers: { 'x-forwarded-for': ip } });
    }
    const user = await createUser();
    expect((await gateway.signIn(user, { from: peer, headers: { 'x-forwarded-for': '203.0.113.3' } })).statusCode).toBe(429);
  });

  it('limits per real client behind a trusted proxy and tells Dovecot who the client is', async () => {
    const gateway = await gatewayWith({ LOGIN_LIMIT_PER_CLIENT: '2', TRUSTED_PROXIES: '127.0.0.1' });
    const client = freshClientAddress();
    for (let i = 0; i < 2; i++) await gateway.signIn({ address: `guess${i}@example.com`, password: 'x' }, { headers: { 'x-forwarded-for': client } });
    const user = await createUser();
    expect((await gateway.signIn(user, { headers: { 'x-forwarded-for': client } })).statusCode).toBe(429);
    expect((await gateway.signIn(user, { headers: { 'x-forwarded-for': '203.0.113.45' } })).statusCode).toBe(200);
    // IMAP ID x-originating-ip, believed by Dovecot from login_trusted_networks.
    await expect.poll(() => readFileSync(mailstack().dovecotLog, 'utf8').split('\n')
      .some((line) => line.includes(`user=<${user.address}>`) && line.includes('rip=203.0.113.45')), { timeout: 5000 }).toBe(true);
  });
});

describe('cross-site requests', () => {
  it('refuses a sign-in posted from another site', async () => {
    const gateway = await gatewayWith({});
    const user = await createUser();
    const fromOrigin = await gateway.signIn(user, { headers: { origin: 'https://evil.example' } });
    expect(fromOrigin.statusCode).toBe(403);
    expect(fromOrigin.json().error.code).toBe('CSRF_REJECTED');
    const fromFetchSite = await gateway.signIn(user, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(fromFetchSite.statusCode).toBe(403);
    expect(fromFetchSite.cookies).toHaveLength(0);
  });

  it('refuses a sign-in sent as a plain form (no JSON), which a foreign page could post', async () => {
    const gateway = await gatewayWith({});
    const user = await createUser();
    const response = await gateway.app.inject({
      method: 'POST', url: API.session,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ username: user.address, password: user.password }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.cookies).toHaveLength(0);
    // A urlencoded form from a page that hides its origin (Origin: null) is refused as well.
    const form = await gateway.app.inject({
      method: 'POST', url: API.session,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' },
      payload: new URLSearchParams({ username: user.address, password: user.password }).toString(),
    });
    expect(form.statusCode).toBe(403);
    expect(form.cookies).toHaveLength(0);
  });

  it('sends the security headers and CSP of the design', async () => {
    const gateway = await gatewayWith({});
    const response = await gateway.app.inject({ method: 'GET', url: API.health });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toBe("default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob: https: http:;object-src 'none';base-uri 'none';frame-ancestors 'none';form-action 'self'");
    expect(CONTENT_SECURITY_POLICY.scriptSrc).toEqual(["'self'"]);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('a mail server that went away', () => {
  it('says the mail server is unreachable, in a code, with no details', async () => {
    const gateway = await gatewayWith({ IMAP_PORT: '1' });
    const user = await createUser();
    const response = await gateway.signIn(user);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: { code: 'MAIL_SERVER_UNAVAILABLE', message: expect.any(String) } });
    expect(response.body).not.toMatch(/ECONNREFUSED|at \w+ \(/);
    const health = await gateway.app.inject({ method: 'GET', url: API.health });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: 'degraded', imap: 'down' });
  });

  it('reports health up against the real Dovecot', async () => {
    const gateway = await gatewayWith({});
    const health = await gateway.app.inject({ method: 'GET', url: API.health });
    expect(health.json()).toEqual({ status: 'ok', imap: 'up' });
  });

  it('re-opens the session\'s IMAP connection after the server dropped it', async () => {
    const gateway = await gatewayWith({});
    const user = await createUser();
    const signedIn = sessionOf(await gateway.signIn(user));
    await doveadm('kick', user.address);
    const response = await gateway.app.inject({ method: 'GET', url: API.folders, headers: { cookie: signedIn.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json().folders[0].path).toBe('INBOX');
  });
});
