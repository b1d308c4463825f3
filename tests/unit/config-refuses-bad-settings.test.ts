import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('settings validation', () => {
  it('starts with defaults that need TLS to the mail servers', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.imap).toMatchObject({ port: 993, security: 'tls', tlsVerify: true });
    expect(config.smtp).toMatchObject({ port: 587, security: 'starttls' });
    expect(config.maxAttachmentBytes).toBe(8 * 1024 * 1024);
    expect(config.trustedProxies).toEqual([]);
  });

  it.each([
    ['WEBMAIL_PORT', 'eighty'],
    ['WEBMAIL_PORT', '70000'],
    ['IMAP_SECURITY', 'ssl'],
    ['IMAP_TLS_VERIFY', 'maybe'],
    ['SESSION_IDLE_TIMEOUT', '-5'],
    ['TRUSTED_PROXIES', '10.0.0.0/33'],
    ['TRUSTED_PROXIES', 'proxy.example.com'],
    ['WEBMAIL_LOG_LEVEL', 'loud'],
    ['COOKIE_SECURE', 'sometimes'],
    ['SIEVE_BACKEND', 'procmail'],
    ['SIEVE_SPAM_HEADER', 'X-Spam-Flag YES'],
    ['SIEVE_VIRUS_HEADER', 'X-Virus: "bad"'],
    ['VACATION_DAYS', '0'],
  ])('names %s when its value %j is bad', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
    }
  });

  it('refuses clear-text IMAP or SMTP to anything but loopback', () => {
    expect(() => loadConfig({ IMAP_HOST: 'imap.example.com', IMAP_SECURITY: 'none' })).toThrow(/IMAP_SECURITY/);
    expect(() => loadConfig({ SMTP_HOST: '192.0.2.1', SMTP_SECURITY: 'none' })).toThrow(/SMTP_SECURITY/);
    expect(loadConfig({ IMAP_HOST: '127.0.0.1', IMAP_SECURITY: 'none' }).imap.security).toBe('none');
  });

  it('reaches ManageSieve on the IMAP host unless told otherwise, and never in clear text elsewhere', () => {
    expect(loadConfig({ IMAP_HOST: 'imap.example.com' }).sieve).toMatchObject({ backend: 'none', host: 'imap.example.com', port: 4190, security: 'starttls' });
    expect(loadConfig({ SIEVE_SPAM_HEADER: 'X-Spam-Status: Yes*' }).sieve.spamHeader).toEqual({ name: 'X-Spam-Status', value: 'Yes*' });
    expect(() => loadConfig({ MANAGESIEVE_HOST: 'sieve.example.com', MANAGESIEVE_SECURITY: 'none' })).toThrow(/MANAGESIEVE_SECURITY/);
    expect(loadConfig({ MANAGESIEVE_HOST: '127.0.0.1', MANAGESIEVE_SECURITY: 'none' }).sieve.security).toBe('none');
  });

  it('refuses an absolute timeout shorter than the idle timeout', () => {
    expect(() => loadConfig({ SESSION_IDLE_TIMEOUT: '600', SESSION_ABSOLUTE_TIMEOUT: '300' })).toThrow(/SESSION_ABSOLUTE_TIMEOUT/);
  });

  it('accepts proxies as addresses and CIDR ranges', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16,::1' }).trustedProxies).toEqual(['10.0.0.1', '192.168.0.0/16', '::1']);
  });
});
