// Setting up mail programs through the real gateway: Thunderbird's autoconfig answers anyone
// (it asks before the account exists) and reflects nothing unchecked; the JSON settings, the
// Apple profile and the /basic page belong to the signed-in mailbox only.
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_API, type MailSetupResponse } from '../../src/shared/api.js';
import { sessionOf, startGateway, withSession, type SignedIn, type TestGateway } from '../support/gateway.js';
import { createUser, mailstack, type TestUser } from '../support/mailstack.js';

const PROVIDER = 'Beispiel & Söhne <Mail> "Premium"';
let gateway: TestGateway;
let user: TestUser;
let signedIn: SignedIn;

beforeAll(async () => {
  gateway = await startGateway({
    PUBLIC_IMAP_HOST: 'imap.example.net',
    PUBLIC_SMTP_HOST: 'smtp.example.net',
    PUBLIC_SMTP_SECURITY: 'starttls',
    MAIL_DOMAIN: 'example.net',
    MAIL_PROVIDER_NAME: PROVIDER,
  });
  user = await createUser('setup');
  signedIn = sessionOf(await gateway.signIn(user));
});
afterAll(() => gateway.close());

function parseXml(body: string): Document {
  const document = new new JSDOM('').window.DOMParser().parseFromString(body, 'application/xml');
  expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
  return document;
}

const get = (url: string, headers: Record<string, string> = {}) => gateway.app.inject({ method: 'GET', url, headers });

describe('Thunderbird autoconfig', () => {
  it.each(['/.well-known/autoconfig/mail/config-v1.1.xml', '/mail/config-v1.1.xml'])('%s answers without a session, as XML that is never sniffed', async (path) => {
    const response = await get(`${path}?emailaddress=${encodeURIComponent(user.address)}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/xml\b/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['set-cookie']).toBeUndefined();
    const document = parseXml(response.body);
    expect(document.querySelector('emailProvider')?.getAttribute('id')).toBe(mailstack().domain);
    expect(document.querySelector('displayName')?.textContent).toBe(PROVIDER);
    expect(document.querySelector('incomingServer > hostname')?.textContent).toBe('imap.example.net');
    expect(document.querySelector('incomingServer > port')?.textContent).toBe('993');
    expect(document.querySelector('incomingServer > socketType')?.textContent).toBe('SSL');
    expect(document.querySelector('outgoingServer > hostname')?.textContent).toBe('smtp.example.net');
    expect(document.querySelector('outgoingServer > port')?.textContent).toBe('587');
    expect(document.querySelector('outgoingServer > socketType')?.textContent).toBe('STARTTLS');
    expect(document.querySelector('outgoingServer > username')?.textContent).toBe('%EMAILADDRESS%');
  });

  it('ignores a malformed or repeated emailaddress and reflects none of it', async () => {
    const hostile = '"><script>alert(1)</script>@evil.example';
    for (const query of [`emailaddress=${encodeURIComponent(hostile)}`, 'emailaddress=a@one.example&emailaddress=b@two.example', `emailaddress=${'a'.repeat(300)}@x.example`]) {
      const response = await get(`/mail/config-v1.1.xml?${query}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toMatch(/script|evil|one\.example|two\.example|x\.example/);
      expect(parseXml(response.body).querySelector('emailProvider')?.getAttribute('id')).toBe('example.net');
    }
  });
});

describe('settings for the signed-in mailbox', () => {
  it('refuses the JSON settings and the Apple profile without a session', async () => {
    for (const url of [SETUP_API.setup, SETUP_API.appleProfile]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error.code).toBe('AUTH_REQUIRED');
    }
  });

  it('gives the SPA the public servers and the mailbox name as user name', async () => {
    const response = await get(SETUP_API.setup, withSession(signedIn, false));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json<MailSetupResponse>()).toEqual({
      providerName: PROVIDER,
      username: user.address,
      address: user.address,
      incoming: { host: 'imap.example.net', port: 993, security: 'tls' },
      outgoing: { host: 'smtp.example.net', port: 587, security: 'starttls' },
    });
  });

  it('downloads an Apple profile for this mailbox, without its password', async () => {
    const response = await get(SETUP_API.appleProfile, withSession(signedIn, false));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-apple-aspen-config\b/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${user.address}.mobileconfig"`);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.body).not.toContain(user.password);
    const document = parseXml(response.body);
    const keys = [...document.querySelectorAll('dict > dict > key, array > dict > key')].map((key) => key.textContent);
    expect(keys).toContain('OutgoingPasswordSameAsIncomingPassword');
    const valueOf = (key: string) => [...document.querySelectorAll('key')].find((k) => k.textContent === key)?.nextElementSibling;
    expect(valueOf('PayloadType')?.textContent).toBe('Configuration');
    expect(valueOf('EmailAddress')?.textContent).toBe(user.address);
    expect(valueOf('IncomingMailServerUsername')?.textContent).toBe(user.address);
    expect(valueOf('IncomingMailServerHostName')?.textContent).toBe('imap.example.net');
    expect(valueOf('OutgoingMailServerPortNumber')?.textContent).toBe('587');
    expect(valueOf('EmailAccountDescription')?.textContent).toBe(PROVIDER);
  });
});

describe('/basic/setup', () => {
  it('sends a visitor without a session to sign in first, and back after', async () => {
    const response = await get('/basic/setup');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/basic/login?next=${encodeURIComponent('/basic/setup')}`);
  });

  it('shows the servers, ports, encryption and user name, links the profile, and runs no script', async () => {
    const response = await get('/basic/setup?lang=en', { cookie: signedIn.cookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("script-src 'none'");
    expect(response.body).not.toMatch(/<script|\son\w+=/i);
    const { document } = new JSDOM(response.body).window;
    const rows = (id: string) => [...document.querySelectorAll(`section[aria-labelledby="${id}"] dl > *`)].map((node) => node.textContent);
    expect(rows('incoming')).toEqual([
      'Server', 'imap.example.net', 'Port', '993', 'Connection security', 'SSL/TLS',
      'User name', user.address, 'Password', 'Your mailbox password (the same as here)', 'Authentication', 'Normal password',
    ]);
    expect(rows('outgoing').slice(0, 8)).toEqual(['Server', 'smtp.example.net', 'Port', '587', 'Connection security', 'STARTTLS', 'User name', user.address]);
    expect(document.querySelector('section[aria-labelledby="outgoing"] .hint')?.textContent).toContain('550 relay not permitted');
    expect(document.querySelector(`a[href="${SETUP_API.appleProfile}"]`)?.textContent).toBe('Download the profile for Apple devices');
    expect([...document.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Thunderbird', 'Outlook', 'Apple Mail (Mac, iPhone, iPad)', 'Android phones']);
    // Reached from the header of every /basic page.
    expect(document.querySelector('header nav a[href="/basic/setup"]')?.textContent).toBe('Set up mail programs');
  });

  it('speaks German', async () => {
    const response = await get('/basic/setup?lang=de', { cookie: signedIn.cookie });
    expect(response.body).toContain('<html lang="de">');
    expect(response.body).toContain('Posteingangsserver (IMAP)');
    expect(response.body).toContain('Verschlüsselung');
    expect(response.body).toContain('550 relay not permitted');
  });
});
