// Every setting of the gateway, read from environment variables and validated at start.
// A bad value stops start-up with a message that names the variable. The same table feeds the
// README's configuration table (a unit test checks they agree).
import { isIP } from 'node:net';
import { DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_MESSAGE_BYTES } from '../src/shared/limits.js';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../src/shared/password-policy.js';
import type { ConnectionSecurity, MailServerSettings } from '../src/shared/api.js';

export type TlsMode = 'tls' | 'starttls' | 'none';

export interface Config {
  host: string;
  port: number;
  staticDir: string;
  logLevel: string;
  imap: { host: string; port: number; security: TlsMode; tlsVerify: boolean };
  smtp: { host: string; port: number; security: TlsMode; tlsVerify: boolean };
  /** What mail programs are told (set-up pages, autoconfig, Apple profile): may differ from what the gateway uses. */
  mailPrograms: { providerName: string; domain: string; imap: MailServerSettings; smtp: MailServerSettings };
  session: { idleTimeoutSeconds: number; absoluteTimeoutSeconds: number; cookieSecure: 'auto' | boolean };
  trustedProxies: string[];
  loginLimits: { perClient: number; perAccount: number; windowSeconds: number };
  maxAttachmentBytes: number;
  maxMessageBytes: number;
  clientCacheBytes: number;
  sieve: {
    backend: 'none' | 'managesieve';
    host: string;
    port: number;
    security: TlsMode;
    tlsVerify: boolean;
    spamHeader: { name: string; value: string };
    virusHeader: { name: string; value: string };
    vacationDays: number;
  };
  password: {
    backend: 'none' | 'passwd-file';
    passwdFile: string;
    lockFile: string;
    scheme: 'SHA512-CRYPT' | 'ARGON2ID' | 'BLF-CRYPT';
    doveadm: string;
    policy: PasswordPolicy;
    limits: { perClient: number; perAccount: number; windowSeconds: number };
  };
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Setting ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

interface Setting {
  env: string;
  default: string;
  description: string;
}

/** The documented settings, in README order. */
export const SETTINGS: Setting[] = [
  { env: 'WEBMAIL_HOST', default: '127.0.0.1', description: 'Address the gateway listens on.' },
  { env: 'WEBMAIL_PORT', default: '8080', description: 'Port the gateway listens on.' },
  { env: 'WEBMAIL_STATIC_DIR', default: 'dist', description: 'Built SPA (output of `vite build`) that the gateway serves.' },
  { env: 'WEBMAIL_LOG_LEVEL', default: 'info', description: 'fatal, error, warn, info, debug, trace or silent.' },
  { env: 'IMAP_HOST', default: '127.0.0.1', description: 'IMAP server of the mail host.' },
  { env: 'IMAP_PORT', default: '993', description: 'IMAP port.' },
  { env: 'IMAP_SECURITY', default: 'tls', description: '`tls` (implicit TLS), `starttls`, or `none` (only allowed for a loopback IMAP_HOST).' },
  { env: 'IMAP_TLS_VERIFY', default: 'true', description: 'Verify the IMAP server certificate. Set `false` only for a self-signed test server.' },
  { env: 'SMTP_HOST', default: '127.0.0.1', description: 'SMTP submission server.' },
  { env: 'SMTP_PORT', default: '587', description: 'Submission port.' },
  { env: 'SMTP_SECURITY', default: 'starttls', description: '`tls`, `starttls`, or `none` (only allowed for a loopback SMTP_HOST).' },
  { env: 'SMTP_TLS_VERIFY', default: 'true', description: 'Verify the SMTP server certificate.' },
  { env: 'MAIL_PROVIDER_NAME', default: 'Webmail', description: 'Name of the mail service that mail programs show (Thunderbird autoconfig, Apple profile).' },
  { env: 'MAIL_DOMAIN', default: '', description: 'Domain of the mailboxes, e.g. `example.net`: autoconfig names it when no address is asked about, and a short account name gets it to form the email address.' },
  { env: 'PUBLIC_IMAP_HOST', default: '', description: 'IMAP server name that mail programs should use (the name in its certificate). Empty: IMAP_HOST.' },
  { env: 'PUBLIC_IMAP_SECURITY', default: 'tls', description: 'What mail programs are told for IMAP: `tls` (SSL/TLS) or `starttls`.' },
  { env: 'PUBLIC_IMAP_PORT', default: '', description: 'IMAP port that mail programs are told. Empty: 993 for `tls`, 143 for `starttls`.' },
  { env: 'PUBLIC_SMTP_HOST', default: '', description: 'SMTP submission server name that mail programs should use. Empty: SMTP_HOST.' },
  { env: 'PUBLIC_SMTP_SECURITY', default: 'tls', description: 'What mail programs are told for SMTP: `tls` (SSL/TLS) or `starttls`.' },
  { env: 'PUBLIC_SMTP_PORT', default: '', description: 'SMTP submission port that mail programs are told. Empty: 465 for `tls`, 587 for `starttls`.' },
  { env: 'SESSION_IDLE_TIMEOUT', default: '1800', description: 'Seconds without a request after which a session ends.' },
  { env: 'SESSION_ABSOLUTE_TIMEOUT', default: '43200', description: 'Seconds after sign-in after which a session ends regardless of activity.' },
  { env: 'COOKIE_SECURE', default: 'auto', description: '`auto` sets the Secure flag when the request came over HTTPS; `true` or `false` force it.' },
  { env: 'TRUSTED_PROXIES', default: '', description: 'Comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed. Empty: none.' },
  { env: 'LOGIN_LIMIT_PER_CLIENT', default: '20', description: 'Failed sign-ins allowed per client address within the window.' },
  { env: 'LOGIN_LIMIT_PER_ACCOUNT', default: '10', description: 'Failed sign-ins allowed per account within the window.' },
  { env: 'LOGIN_LIMIT_WINDOW', default: '900', description: 'Window of the sign-in limits, in seconds.' },
  { env: 'MAX_ATTACHMENT_BYTES', default: String(DEFAULT_MAX_ATTACHMENT_BYTES), description: 'All attachments of one message together, in bytes.' },
  { env: 'MAX_MESSAGE_BYTES', default: String(DEFAULT_MAX_MESSAGE_BYTES), description: 'Largest whole message the gateway submits, in bytes (match the SMTP server).' },
  { env: 'CLIENT_CACHE_BYTES', default: String(200 * 1024 * 1024), description: 'Size budget of the mail each browser keeps in IndexedDB; message bodies beyond it are evicted, least recently read first.' },
  { env: 'SIEVE_BACKEND', default: 'none', description: '`managesieve` lets users set autoresponder, forwarding and spam handling, kept in a Sieve script on the ManageSieve server (RFC 5804); `none` turns those settings off.' },
  { env: 'MANAGESIEVE_HOST', default: '', description: 'ManageSieve server; empty means IMAP_HOST.' },
  { env: 'MANAGESIEVE_PORT', default: '4190', description: 'ManageSieve port.' },
  { env: 'MANAGESIEVE_SECURITY', default: 'starttls', description: '`starttls`, `tls`, or `none` (only allowed for a loopback MANAGESIEVE_HOST).' },
  { env: 'MANAGESIEVE_TLS_VERIFY', default: 'true', description: 'Verify the ManageSieve server certificate.' },
  { env: 'SIEVE_SPAM_HEADER', default: 'X-Spam-Flag: YES', description: 'Header (name: value) by which the spam filter marks spam; `*` in the value is a wildcard.' },
  { env: 'SIEVE_VIRUS_HEADER', default: 'X-Virus-Status: Infected*', description: 'Header (name: value) by which the virus scanner marks infected mail; `*` is a wildcard.' },
  { env: 'VACATION_DAYS', default: '7', description: 'Days before the autoresponder answers the same sender again.' },
  { env: 'PASSWORD_BACKEND', default: 'none', description: '`passwd-file` lets users change their mailbox password in a Dovecot passwd-file; `none` turns password change off.' },
  { env: 'PASSWD_FILE', default: '', description: 'Path of the Dovecot passwd-file (needed for `passwd-file`). The gateway must be able to write it and its directory.' },
  { env: 'PASSWD_FILE_LOCK', default: '', description: 'Lock file taken with flock(1) around every change; empty means PASSWD_FILE + `.lock`. Give your provisioning scripts the same lock.' },
  { env: 'PASSWORD_SCHEME', default: 'SHA512-CRYPT', description: 'Hash scheme for new passwords: `SHA512-CRYPT`, `BLF-CRYPT` or `ARGON2ID` (made by `doveadm pw`).' },
  { env: 'DOVEADM_PATH', default: 'doveadm', description: 'The doveadm program that hashes passwords.' },
  { env: 'PASSWORD_MIN_LENGTH', default: String(DEFAULT_PASSWORD_POLICY.minLength), description: 'Fewest characters (Unicode code points) of a new password. NIST SP 800-63B-4 asks for 15 where the password is the only factor; a host may set less (at least 4).' },
  { env: 'PASSWORD_MAX_LENGTH', default: String(DEFAULT_PASSWORD_POLICY.maxLength), description: 'Most characters of a new password; at least 64.' },
  { env: 'PASSWORD_LIMIT_PER_CLIENT', default: '10', description: 'Failed password changes (wrong current password) allowed per client address within LOGIN_LIMIT_WINDOW.' },
  { env: 'PASSWORD_LIMIT_PER_ACCOUNT', default: '5', description: 'Failed password changes allowed per mailbox within LOGIN_LIMIT_WINDOW.' },
];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function read(env: Env, name: string): string {
  const setting = SETTINGS.find((s) => s.env === name);
  if (!setting) throw new Error(`unknown setting ${name}`);
  const value = env[name];
  return value === undefined || value.trim() === '' ? setting.default : value.trim();
}

function integer(env: Env, name: string, min: number, max: number): number {
  const raw = read(env, name);
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `"${raw}" is not a whole number`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `${value} is outside ${min}..${max}`);
  return value;
}

function boolean(env: Env, name: string): boolean {
  const raw = read(env, name).toLowerCase();
  if (raw === 'true' || raw === '1' || raw === 'yes') return true;
  if (raw === 'false' || raw === '0' || raw === 'no') return false;
  throw new ConfigError(name, `"${raw}" is not true or false`);
}

function oneOf<T extends string>(env: Env, name: string, choices: readonly T[]): T {
  const raw = read(env, name).toLowerCase();
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `"${raw}" is not one of ${choices.join(', ')}`);
  }
  return raw as T;
}

function hostName(env: Env, name: string): string {
  const raw = read(env, name);
  if (!/^[A-Za-z0-9.\-:[\]]+$/.test(raw)) throw new ConfigError(name, `"${raw}" is not a host name or address`);
  return raw;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function server(env: Env, prefix: 'IMAP' | 'SMTP') {
  const host = hostName(env, `${prefix}_HOST`);
  const security = oneOf(env, `${prefix}_SECURITY`, ['tls', 'starttls', 'none'] as const);
  // A password in clear text may only cross the loopback interface.
  if (security === 'none' && !isLoopback(host)) {
    throw new ConfigError(`${prefix}_SECURITY`, `"none" would send passwords unencrypted to ${host}; it is only allowed for a loopback ${prefix}_HOST`);
  }
  return { host, port: integer(env, `${prefix}_PORT`, 1, 65535), security, tlsVerify: boolean(env, `${prefix}_TLS_VERIFY`) };
}

// The ports RFC 8314 §7.3 (implicit TLS) and RFC 3501/6409 (STARTTLS) assign, so a host that
// only picks the security needs no port setting.
const STANDARD_PORTS: Record<'IMAP' | 'SMTP', Record<ConnectionSecurity, number>> = {
  IMAP: { tls: 993, starttls: 143 },
  SMTP: { tls: 465, starttls: 587 },
};

function publicServer(env: Env, prefix: 'IMAP' | 'SMTP', internalHost: string): MailServerSettings {
  const host = read(env, `PUBLIC_${prefix}_HOST`) === '' ? internalHost : hostName(env, `PUBLIC_${prefix}_HOST`);
  // Mail programs are never told to send passwords in clear text, so `none` is no choice here.
  const security = oneOf(env, `PUBLIC_${prefix}_SECURITY`, ['tls', 'starttls'] as const);
  const port = read(env, `PUBLIC_${prefix}_PORT`) === '' ? STANDARD_PORTS[prefix][security] : integer(env, `PUBLIC_${prefix}_PORT`, 1, 65535);
  return { host, port, security };
}

function mailPrograms(env: Env, imapHost: string, smtpHost: string): Config['mailPrograms'] {
  const providerName = read(env, 'MAIL_PROVIDER_NAME');
  if (providerName.length > 100 || /[\u0000-\u001f\u007f]/.test(providerName)) {
    throw new ConfigError('MAIL_PROVIDER_NAME', 'must be at most 100 characters without control characters');
  }
  const domain = read(env, 'MAIL_DOMAIN').toLowerCase();
  if (domain !== '' && !/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domain)) {
    throw new ConfigError('MAIL_DOMAIN', `"${domain}" is not a domain name (write an international one in its xn-- form)`);
  }
  return { providerName, domain, imap: publicServer(env, 'IMAP', imapHost), smtp: publicServer(env, 'SMTP', smtpHost) };
}

function proxies(env: Env): string[] {
  const raw = read(env, 'TRUSTED_PROXIES');
  if (raw === '') return [];
  return raw.split(',').map((entry) => {
    const item = entry.trim();
    const [address, bits, extra] = item.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !validBits || extra !== undefined) {
      throw new ConfigError('TRUSTED_PROXIES', `"${item}" is not an IP address or CIDR range`);
    }
    return item;
  });
}

export function loadConfig(env: Env = process.env): Config {
  const cookieRaw = read(env, 'COOKIE_SECURE').toLowerCase();
  const cookieSecure = cookieRaw === 'auto' ? 'auto' : boolean(env, 'COOKIE_SECURE');
  const logLevel = oneOf(env, 'WEBMAIL_LOG_LEVEL', LOG_LEVELS);
  const idle = integer(env, 'SESSION_IDLE_TIMEOUT', 1, 7 * 24 * 3600);
  const absolute = integer(env, 'SESSION_ABSOLUTE_TIMEOUT', 1, 30 * 24 * 3600);
  if (absolute < idle) throw new ConfigError('SESSION_ABSOLUTE_TIMEOUT', `must not be shorter than SESSION_IDLE_TIMEOUT (${idle})`);
  const maxAttachmentBytes = integer(env, 'MAX_ATTACHMENT_BYTES', 1, 2 ** 31);
  const maxMessageBytes = integer(env, 'MAX_MESSAGE_BYTES', 1024, 2 ** 31);
  if (maxMessageBytes <= maxAttachmentBytes) {
    throw new ConfigError('MAX_MESSAGE_BYTES', `must be larger than MAX_ATTACHMENT_BYTES (${maxAttachmentBytes}), since attachments grow by a third in base64`);
  }
  const windowSeconds = integer(env, 'LOGIN_LIMIT_WINDOW', 1, 7 * 24 * 3600);
  const imap = server(env, 'IMAP');
  const smtp = server(env, 'SMTP');
  return {
    host: hostName(env, 'WEBMAIL_HOST'),
    port: integer(env, 'WEBMAIL_PORT', 0, 65535),
    staticDir: read(env, 'WEBMAIL_STATIC_DIR'),
    logLevel,
    imap,
    smtp,
    mailPrograms: mailPrograms(env, imap.host, smtp.host),
    session: { idleTimeoutSeconds: idle, absoluteTimeoutSeconds: absolute, cookieSecure },
    trustedProxies: proxies(env),
    loginLimits: {
      perClient: integer(env, 'LOGIN_LIMIT_PER_CLIENT', 1, 100_000),
      perAccount: integer(env, 'LOGIN_LIMIT_PER_ACCOUNT', 1, 100_000),
      windowSeconds,
    },
    maxAttachmentBytes,
    maxMessageBytes,
    clientCacheBytes: integer(env, 'CLIENT_CACHE_BYTES', 1024 * 1024, 2 ** 40),
    sieve: sieveSettings(env),
    password: passwordSettings(env, windowSeconds),
  };
}

function markerHeader(env: Env, name: string): { name: string; value: string } {
  const raw = read(env, name);
  const match = /^([!-9;-~]+):\s*([^\r\n"\\]+)$/.exec(raw);
  if (!match) throw new ConfigError(name, `"${raw}" is not "Header-Name: value"`);
  return { name: match[1]!, value: match[2]!.trim() };
}

function sieveSettings(env: Env): Config['sieve'] {
  const backend = oneOf(env, 'SIEVE_BACKEND', ['none', 'managesieve'] as const);
  const host = read(env, 'MANAGESIEVE_HOST') === '' ? hostName(env, 'IMAP_HOST') : hostName(env, 'MANAGESIEVE_HOST');
  const security = oneOf(env, 'MANAGESIEVE_SECURITY', ['tls', 'starttls', 'none'] as const);
  if (security === 'none' && !isLoopback(host)) {
    throw new ConfigError('MANAGESIEVE_SECURITY', `"none" would send passwords unencrypted to ${host}; it is only allowed for a loopback ManageSieve host`);
  }
  return {
    backend,
    host,
    port: integer(env, 'MANAGESIEVE_PORT', 1, 65535),
    security,
    tlsVerify: boolean(env, 'MANAGESIEVE_TLS_VERIFY'),
    spamHeader: markerHeader(env, 'SIEVE_SPAM_HEADER'),
    virusHeader: markerHeader(env, 'SIEVE_VIRUS_HEADER'),
    vacationDays: integer(env, 'VACATION_DAYS', 1, 365),
  };
}

function passwordSettings(env: Env, windowSeconds: number): Config['password'] {
  const backend = oneOf(env, 'PASSWORD_BACKEND', ['none', 'passwd-file'] as const);
  const passwdFile = read(env, 'PASSWD_FILE');
  if (backend === 'passwd-file' && !passwdFile.startsWith('/')) {
    throw new ConfigError('PASSWD_FILE', 'must be an absolute path when PASSWORD_BACKEND is passwd-file');
  }
  const minLength = integer(env, 'PASSWORD_MIN_LENGTH', 4, 1024);
  const maxLength = integer(env, 'PASSWORD_MAX_LENGTH', 64, 1024);
  if (maxLength < minLength) throw new ConfigError('PASSWORD_MAX_LENGTH', `must not be below PASSWORD_MIN_LENGTH (${minLength})`);
  const scheme = read(env, 'PASSWORD_SCHEME').toUpperCase();
  if (scheme !== 'SHA512-CRYPT' && scheme !== 'ARGON2ID' && scheme !== 'BLF-CRYPT') {
    throw new ConfigError('PASSWORD_SCHEME', `"${scheme}" is not SHA512-CRYPT, BLF-CRYPT or ARGON2ID`);
  }
  return {
    backend,
    passwdFile,
    lockFile: read(env, 'PASSWD_FILE_LOCK') || `${passwdFile}.lock`,
    scheme,
    doveadm: read(env, 'DOVEADM_PATH'),
    policy: { minLength, maxLength },
    limits: {
      perClient: integer(env, 'PASSWORD_LIMIT_PER_CLIENT', 1, 100_000),
      perAccount: integer(env, 'PASSWORD_LIMIT_PER_ACCOUNT', 1, 100_000),
      windowSeconds,
    },
  };
}
