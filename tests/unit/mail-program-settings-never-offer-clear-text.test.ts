// The settings mail programs are told: they fall back to the gateway's own server names, pick
// the standard port for the chosen encryption, and never tell anyone to connect without TLS.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('settings for mail programs', () => {
  it('defaults to the gateway’s servers with implicit TLS on 993 and 465', () => {
    const config = loadConfig({ IMAP_HOST: 'imap.intern.example', SMTP_HOST: 'smtp.intern.example', SMTP_PORT: '587', SMTP_SECURITY: 'starttls' });
    expect(config.mailPrograms).toEqual({
      providerName: 'Webmail',
      domain: '',
      imap: { host: 'imap.intern.example', port: 993, security: 'tls' },
      smtp: { host: 'smtp.intern.example', port: 465, security: 'tls' },
    });
  });

  it('takes public names, STARTTLS with its standard ports, and a lower-cased mail domain', () => {
    const config = loadConfig({
      PUBLIC_IMAP_HOST: 'imap.example.net', PUBLIC_IMAP_SECURITY: 'STARTTLS',
      PUBLIC_SMTP_HOST: 'smtp.example.net', PUBLIC_SMTP_SECURITY: 'starttls',
      MAIL_DOMAIN: 'Example.NET', MAIL_PROVIDER_NAME: '  Beispiel Mail  ',
    });
    expect(config.mailPrograms).toEqual({
      providerName: 'Beispiel Mail',
      domain: 'example.net',
      imap: { host: 'imap.example.net', port: 143, security: 'starttls' },
      smtp: { host: 'smtp.example.net', port: 587, security: 'starttls' },
    });
  });

  it.each([
    ['PUBLIC_IMAP_SECURITY', 'none'],
    ['PUBLIC_SMTP_SECURITY', 'none'],
    ['PUBLIC_SMTP_SECURITY', 'ssl'],
    ['PUBLIC_IMAP_PORT', '99999'],
    ['PUBLIC_SMTP_PORT', 'submission'],
    ['PUBLIC_IMAP_HOST', 'imap.example.net/evil'],
    ['PUBLIC_SMTP_HOST', 'smtp example net'],
    ['MAIL_DOMAIN', 'localhost'],
    ['MAIL_DOMAIN', 'exa_mple.net'],
    ['MAIL_PROVIDER_NAME', 'Mail\u0000Name'],
    ['MAIL_PROVIDER_NAME', 'x'.repeat(101)],
  ])('names %s when its value %j is bad', (variable, value) => {
    let thrown: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as Error).message).toContain(variable);
  });
});
