// The XML the gateway hands to mail programs: Thunderbird's autoconfig and Apple's profile.
// Each must parse as XML, carry the ports and encryption the settings say, and escape whatever
// a setting or an asked-about address contains.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { appleProfileFileName, appleProfileXml } from '../../server/setup/apple-profile.js';
import { autoconfigXml } from '../../server/setup/autoconfig.js';
import { mailSetupFor } from '../../server/setup/mail-setup.js';
import { escapeXml } from '../../server/setup/xml.js';

const { DOMParser } = new JSDOM('').window;

function parseXml(text: string): Document {
  const document = new DOMParser().parseFromString(text, 'application/xml');
  const error = document.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed: ${error.textContent}`);
  return document;
}

const text = (document: Document | Element, selector: string) => document.querySelector(selector)?.textContent ?? null;

type Plist = string | number | boolean | Plist[] | { [key: string]: Plist };

/** A plist element as the value it stands for, so a test reads keys instead of sibling order. */
function plistValue(element: Element): Plist {
  switch (element.localName) {
    case 'string': return element.textContent ?? '';
    case 'integer': return Number(element.textContent);
    case 'true': return true;
    case 'false': return false;
    case 'array': return [...element.children].map(plistValue);
    case 'dict': {
      const entries: Record<string, Plist> = {};
      const children = [...element.children];
      for (let i = 0; i < children.length; i += 2) {
        expect(children[i]!.localName).toBe('key');
        entries[children[i]!.textContent!] = plistValue(children[i + 1]!);
      }
      return entries;
    }
    default: throw new Error(`unexpected plist element ${element.localName}`);
  }
}

const HOSTS = { PUBLIC_IMAP_HOST: 'imap.example.net', PUBLIC_SMTP_HOST: 'smtp.example.net', MAIL_DOMAIN: 'example.net' };

describe('the XML checker itself', () => {
  it('rejects a document that is not well-formed', () => {
    expect(() => parseXml('<clientConfig><a></clientConfig>')).toThrow(/not well-formed/);
    expect(() => parseXml('<a>1 & 2</a>')).toThrow(/not well-formed/);
  });
});

describe('Thunderbird autoconfig', () => {
  it.each([
    ['tls', 'tls', '993', 'SSL', '465', 'SSL'],
    ['starttls', 'starttls', '143', 'STARTTLS', '587', 'STARTTLS'],
    ['tls', 'starttls', '993', 'SSL', '587', 'STARTTLS'],
  ])('IMAP %s and SMTP %s: ports and socketType match', (imapSecurity, smtpSecurity, imapPort, imapSocket, smtpPort, smtpSocket) => {
    const config = loadConfig({ ...HOSTS, PUBLIC_IMAP_SECURITY: imapSecurity, PUBLIC_SMTP_SECURITY: smtpSecurity });
    const document = parseXml(autoconfigXml(config.mailPrograms, 'anna@kunde.example'));
    expect(document.documentElement.localName).toBe('clientConfig');
    expect(document.documentElement.getAttribute('version')).toBe('1.1');
    expect(document.querySelector('emailProvider')?.getAttribute('id')).toBe('kunde.example');
    expect([...document.querySelectorAll('emailProvider > domain')].map((d) => d.textContent)).toEqual(['kunde.example', 'example.net']);
    const incoming = document.querySelector('incomingServer')!;
    const outgoing = document.querySelector('outgoingServer')!;
    expect(incoming.getAttribute('type')).toBe('imap');
    expect(outgoing.getAttribute('type')).toBe('smtp');
    expect([text(incoming, 'hostname'), text(incoming, 'port'), text(incoming, 'socketType')]).toEqual(['imap.example.net', imapPort, imapSocket]);
    expect([text(outgoing, 'hostname'), text(outgoing, 'port'), text(outgoing, 'socketType')]).toEqual(['smtp.example.net', smtpPort, smtpSocket]);
    for (const server of [incoming, outgoing]) {
      expect(text(server, 'username')).toBe('%EMAILADDRESS%');
      expect(text(server, 'authentication')).toBe('password-cleartext');
    }
  });

  it('takes a port the host set over the standard one', () => {
    const config = loadConfig({ ...HOSTS, PUBLIC_IMAP_PORT: '10993', PUBLIC_SMTP_SECURITY: 'starttls', PUBLIC_SMTP_PORT: '2525' });
    const document = parseXml(autoconfigXml(config.mailPrograms));
    expect(text(document, 'incomingServer > port')).toBe('10993');
    expect(text(document, 'outgoingServer > port')).toBe('2525');
    expect(text(document, 'outgoingServer > socketType')).toBe('STARTTLS');
  });

  it('escapes <, & and " in the provider name', () => {
    const name = 'Müller & Söhne <Mail> "Premium" \'24';
    const config = loadConfig({ ...HOSTS, MAIL_PROVIDER_NAME: name });
    const xml = autoconfigXml(config.mailPrograms, 'anna@kunde.example');
    expect(xml).toContain('<displayName>Müller &amp; Söhne &lt;Mail&gt; &quot;Premium&quot; &apos;24</displayName>');
    const document = parseXml(xml);
    expect(text(document, 'displayName')).toBe(name);
    expect(text(document, 'displayShortName')).toBe(name);
  });

  it.each([
    ['markup', '"><incomingServer type="pop3">@evil.example'],
    ['a closing tag', 'anna@kunde.example</domain><x>'],
    ['no address at all', 'kunde.example'],
    ['a line break', 'anna@kunde.example\r\n<x>'],
  ])('ignores an emailaddress with %s and names the mail domain', (_what, asked) => {
    const config = loadConfig(HOSTS);
    const xml = autoconfigXml(config.mailPrograms, asked);
    const document = parseXml(xml);
    expect(document.querySelector('emailProvider')?.getAttribute('id')).toBe('example.net');
    expect(document.querySelectorAll('incomingServer')).toHaveLength(1);
    expect(xml).not.toContain('evil');
    expect(xml).not.toContain('<x>');
  });

  it('falls back to the IMAP server name when neither an address nor a mail domain is known', () => {
    const config = loadConfig({ IMAP_HOST: 'mail.example.org' });
    const document = parseXml(autoconfigXml(config.mailPrograms));
    expect(document.querySelector('emailProvider')?.getAttribute('id')).toBe('mail.example.org');
    expect(text(document, 'incomingServer > hostname')).toBe('mail.example.org');
  });

  it('drops characters XML cannot hold at all, even escaped', () => {
    expect(escapeXml('a\u0000b\u0007c\u001fd\ud800e\tf')).toBe('abcde\tf');
    expect(() => parseXml(`<a>${escapeXml('x\u0001<y>&\ufffe')}</a>`)).not.toThrow();
  });
});

describe('Apple configuration profile', () => {
  const profileOf = (xml: string) => {
    const document = parseXml(xml);
    expect(document.documentElement.localName).toBe('plist');
    return plistValue(document.documentElement.firstElementChild!) as Record<string, Plist>;
  };

  it.each([
    ['tls', 993, 465],
    ['starttls', 143, 587],
  ])('%s: one Mail payload with the servers, the user name for both, and no password', (security, imapPort, smtpPort) => {
    const config = loadConfig({ ...HOSTS, PUBLIC_IMAP_SECURITY: security, PUBLIC_SMTP_SECURITY: security });
    const setup = mailSetupFor(config, 'anna@kunde.example');
    const profile = profileOf(appleProfileXml(setup));
    expect(profile.PayloadType).toBe('Configuration');
    expect(profile.PayloadVersion).toBe(1);
    const payloads = profile.PayloadContent as Record<string, Plist>[];
    expect(payloads).toHaveLength(1);
    const mail = payloads[0]!;
    expect(mail).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      EmailAccountType: 'EmailTypeIMAP',
      EmailAddress: 'anna@kunde.example',
      IncomingMailServerHostName: 'imap.example.net',
      IncomingMailServerPortNumber: imapPort,
      IncomingMailServerUseSSL: true,
      IncomingMailServerUsername: 'anna@kunde.example',
      IncomingMailServerAuthentication: 'EmailAuthPassword',
      OutgoingMailServerHostName: 'smtp.example.net',
      OutgoingMailServerPortNumber: smtpPort,
      OutgoingMailServerUseSSL: true,
      OutgoingMailServerUsername: 'anna@kunde.example',
      OutgoingMailServerAuthentication: 'EmailAuthPassword',
      OutgoingPasswordSameAsIncomingPassword: true,
    });
    expect(Object.keys(mail).filter((key) => /Password$/.test(key) && key !== 'OutgoingPasswordSameAsIncomingPassword')).toEqual([]);
  });

  it('gives new UUIDs on every download but the same identifiers for the same mailbox', () => {
    const config = loadConfig(HOSTS);
    const first = profileOf(appleProfileXml(mailSetupFor(config, 'anna@kunde.example')));
    const second = profileOf(appleProfileXml(mailSetupFor(config, 'Anna@kunde.example')));
    const other = profileOf(appleProfileXml(mailSetupFor(config, 'bob@kunde.example')));
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
    const mailOf = (profile: Record<string, Plist>) => (profile.PayloadContent as Record<string, Plist>[])[0]!;
    for (const value of [first.PayloadUUID, mailOf(first).PayloadUUID, second.PayloadUUID]) expect(value).toMatch(uuid);
    expect(new Set([first.PayloadUUID, mailOf(first).PayloadUUID, second.PayloadUUID, mailOf(second).PayloadUUID]).size).toBe(4);
    expect(second.PayloadIdentifier).toBe(first.PayloadIdentifier);
    expect(mailOf(second).PayloadIdentifier).toBe(mailOf(first).PayloadIdentifier);
    expect(other.PayloadIdentifier).not.toBe(first.PayloadIdentifier);
    expect(mailOf(first).PayloadIdentifier).toMatch(new RegExp(`^${String(first.PayloadIdentifier).replace(/\./g, '\\.')}\\.`));
  });

  it('escapes the provider name and leaves the address out for a short account name', () => {
    const name = 'A & B <Mail> "x"';
    const config = loadConfig({ PUBLIC_IMAP_HOST: 'imap.example.net', MAIL_PROVIDER_NAME: name });
    const setup = mailSetupFor(config, 'anna');
    const xml = appleProfileXml(setup);
    expect(xml).not.toContain(name);
    const profile = profileOf(xml);
    expect(profile.PayloadDisplayName).toBe(`${name}: anna`);
    const mail = (profile.PayloadContent as Record<string, Plist>[])[0]!;
    expect(mail.EmailAccountDescription).toBe(name);
    expect(mail.IncomingMailServerUsername).toBe('anna');
    expect('EmailAddress' in mail).toBe(false);
    expect(appleProfileFileName(setup)).toBe('anna.mobileconfig');
  });

  it('forms the address of a short account name from the mail domain', () => {
    const setup = mailSetupFor(loadConfig(HOSTS), 'anna');
    expect(setup.address).toBe('anna@example.net');
    expect(setup.username).toBe('anna');
    expect(appleProfileFileName(mailSetupFor(loadConfig(HOSTS), 'anna o"neil@example.net'))).toBe('anna_o_neil@example.net.mobileconfig');
  });
});
