// The real mail system for integration and e2e tests. scripts/test.mjs starts one stack per run
// (its own state dir and free ports) and passes MAILSTACK_DIR; each test creates its own users,
// so tests never share a mailbox and need no clean-up (CONVENTIONS: imapflow's tests).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { loadConfig, type Config } from '../../server/config.js';

const run = promisify(execFile);
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Mailstack {
  dir: string;
  domain: string;
  imapPort: number;
  imapsPort: number;
  submissionPort: number;
  managesievePort: number;
  dovecotConf: string;
  dovecotLog: string;
  passwdFile: string;
  env: Record<string, string>;
}

let cached: Mailstack | undefined;

export function mailstack(): Mailstack {
  if (cached) return cached;
  const dir = process.env.MAILSTACK_DIR;
  if (!dir) throw new Error('MAILSTACK_DIR is not set: run these tests through `npm test`, which starts the mail system');
  const env: Record<string, string> = {};
  for (const line of readFileSync(resolve(dir, 'env'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]!] = match[2]!.replace(/^['"]|['"]$/g, '');
  }
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${dir}/env lacks ${name}`);
    return value;
  };
  cached = {
    dir,
    domain: need('MAILSTACK_DOMAIN'),
    imapPort: Number(need('MAILSTACK_IMAP_PORT')),
    imapsPort: Number(need('MAILSTACK_IMAPS_PORT')),
    submissionPort: Number(need('MAILSTACK_SUBMISSION_PORT')),
    managesievePort: Number(need('MAILSTACK_MANAGESIEVE_PORT')),
    dovecotConf: need('DOVECOT_CONF'),
    dovecotLog: env.MAILSTACK_DOVECOT_LOG ?? resolve(dir, 'dovecot/dovecot.log'),
    passwdFile: need('PASSWD_FILE'),
    env,
  };
  return cached;
}

export interface TestUser {
  address: string;
  password: string;
}

/**
 * A fresh mailbox with a random password (spaces and umlauts included, as users type them).
 * `quota`: a Dovecot storage size like 1M (default: the stack's 1G).
 */
export async function createUser(prefix = 'user', quota?: string): Promise<TestUser> {
  const stack = mailstack();
  const address = `${prefix}-${randomBytes(5).toString('hex')}@${stack.domain}`;
  const password = `Pässwort ${randomBytes(9).toString('base64url')}`;
  await run('bash', [resolve(repoRoot, 'scripts/mailstack/adduser.sh'), address, password, ...(quota ? [quota] : [])], {
    env: { ...process.env, MAILSTACK_DIR: stack.dir },
  });
  return { address, password };
}

/** Many fresh mailboxes with one wait for Dovecot to re-read the passwd-file. */
export async function createUsers(count: number, prefix = 'user'): Promise<TestUser[]> {
  const stack = mailstack();
  const users = Array.from({ length: count }, () => ({
    address: `${prefix}-${randomBytes(5).toString('hex')}@${stack.domain}`,
    password: `Pässwort ${randomBytes(9).toString('base64url')}`,
  }));
  await new Promise<void>((resolvePromise, reject) => {
    const child = execFile('bash', [resolve(repoRoot, 'scripts/mailstack/adduser.sh'), '-'], { env: { ...process.env, MAILSTACK_DIR: stack.dir } }, (error) =>
      error ? reject(error) : resolvePromise(),
    );
    child.stdin!.end(users.map((u) => `${u.address}\t${u.password}\n`).join(''));
  });
  return users;
}

export async function doveadm(...args: string[]): Promise<string> {
  const { stdout } = await run('doveadm', ['-c', mailstack().dovecotConf, ...args]);
  return stdout;
}

/** Gateway settings pointing at the test stack; tests override what they exercise. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const stack = mailstack();
  return loadConfig({
    WEBMAIL_HOST: '127.0.0.1',
    WEBMAIL_PORT: '0',
    WEBMAIL_LOG_LEVEL: 'silent',
    WEBMAIL_STATIC_DIR: resolve(repoRoot, 'dist'),
    IMAP_HOST: '127.0.0.1',
    IMAP_PORT: String(stack.imapPort),
    IMAP_SECURITY: 'none',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(stack.submissionPort),
    SMTP_SECURITY: 'none',
    // ManageSieve with STARTTLS against the stack's self-signed certificate.
    SIEVE_BACKEND: 'managesieve',
    MANAGESIEVE_PORT: String(stack.managesievePort),
    MANAGESIEVE_SECURITY: 'starttls',
    MANAGESIEVE_TLS_VERIFY: 'false',
    ...overrides,
  });
}

/** Whether IMAP LOGIN with these credentials succeeds right now. */
export async function canLogIn(user: TestUser): Promise<boolean> {
  try {
    const client = await imapAs(user);
    await client.logout();
    return true;
  } catch (error) {
    if ((error as { authenticationFailed?: boolean }).authenticationFailed) return false;
    throw error;
  }
}

/** Opens IMAP as the user directly: for arranging a mailbox's state, never to stand in for the gateway. */
export async function imapAs(user: TestUser): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: mailstack().imapPort,
    secure: false,
    doSTARTTLS: false,
    auth: { user: user.address, pass: user.password },
    logger: false,
  });
  await client.connect();
  return client;
}

export function rawMessage(from: string, to: string, subject: string, body = 'Hallo!'): string {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

/** Sends a message through the real Postfix submission service, as `from`, so it is delivered by LMTP. */
export async function sendViaPostfix(from: TestUser, to: string, subject: string, text = 'Hallo!', headers: Record<string, string> = {}): Promise<void> {
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: '127.0.0.1', port: mailstack().submissionPort, secure: false, ignoreTLS: true,
    auth: { user: from.address, pass: from.password },
  });
  try {
    await transport.sendMail({ from: from.address, to, subject, text, headers });
  } finally {
    transport.close();
  }
}
