// The bench's own mail system (like scripts/test.mjs: temp state dir, free ports, fast auth
// failures), its users and seeded folders, and gateway child processes (the built server,
// `node dist-server/server/main.js`, as `npm start` runs it) on a real listening socket.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, privateStackEnv } from '../scripts/mailstack/private-stack.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function log(...parts) {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);
}

export function sh(command, args, env = process.env, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** Runs a command without blocking the event loop; rejects on a non-zero exit. */
export function shAsync(command, args, env = process.env, input) {
  return new Promise((resolveRun, reject) => {
    const child = execFile(command, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}`));
      else resolveRun(stdout);
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

export { freePort };

function parseEnvFile(text) {
  const env = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2].replace(/^['"]|['"]$/g, '');
  }
  return env;
}

/** Starts a mail stack of its own; `stop()` stops it and removes its state dir (KEEP_MAILSTACK keeps it). */
export async function startStack() {
  const { dir, env } = await privateStackEnv('webmail-bench-');
  let started = false;
  const stack = {
    dir,
    env,
    stop() {
      if (started) {
        try {
          sh('bash', ['scripts/mailstack/stop.sh'], env);
        } catch (error) {
          log(`stopping the mail stack: ${error.message}`);
        }
      }
      if (!process.env.KEEP_MAILSTACK) rmSync(dir, { recursive: true, force: true });
    },
  };
  started = true; // start.sh may have started one half before failing: stop whatever runs.
  sh('bash', ['scripts/mailstack/start.sh'], env);
  const file = parseEnvFile(readFileSync(join(dir, 'env'), 'utf8'));
  Object.assign(stack, {
    file,
    domain: file.MAILSTACK_DOMAIN,
    imapPort: Number(file.MAILSTACK_IMAP_PORT),
    submissionPort: Number(file.MAILSTACK_SUBMISSION_PORT),
    managesievePort: Number(file.MAILSTACK_MANAGESIEVE_PORT),
    dovecotConf: file.DOVECOT_CONF,
  });
  return stack;
}

/** Many fresh mailboxes with one wait for Dovecot (adduser.sh's `-` mode). */
export async function createUsers(stack, count, prefix) {
  const users = Array.from({ length: count }, (_, n) => ({
    address: `${prefix}${count > 1 ? n : ''}-${randomBytes(4).toString('hex')}@${stack.domain}`,
    password: `Pässwort ${randomBytes(9).toString('base64url')}`,
  }));
  await shAsync('bash', [resolve(root, 'scripts/mailstack/adduser.sh'), '-'], stack.env, users.map((u) => `${u.address}\t${u.password}\n`).join(''));
  return users;
}

/** scripts/mailstack/seed.ts: N realistic messages spread over INBOX, Sent, Trash, Junk, Drafts. */
export async function seed(stack, user, count) {
  const out = await shAsync('npx', ['tsx', 'scripts/mailstack/seed.ts', user.address, String(count), '--seed', '7'], stack.env);
  log(out.trim());
}

/** The server build the gateway children run. */
export function buildServer() {
  sh('npx', ['tsc', '-p', 'tsconfig.server.json']);
}

let spaBuilt = false;
/** `vite build` once per run, for the sections that need the SPA (weight, browser). */
export function ensureSpa() {
  if (spaBuilt) return;
  sh('npx', ['vite', 'build', '--logLevel', 'warn']);
  spaBuilt = true;
}

/**
 * A gateway child process against the stack. Returns { base, pid, rssKb(), stop() }.
 * `settings` override the environment (e.g. SESSION_IDLE_TIMEOUT); `nodeArgs` go to node (e.g.
 * `--cpu-prof`, for profiling a gateway: the profile is written when it stops).
 */
export async function startGateway(stack, settings = {}, { nodeArgs = [] } = {}) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    WEBMAIL_HOST: '127.0.0.1',
    WEBMAIL_PORT: String(port),
    WEBMAIL_LOG_LEVEL: 'warn',
    WEBMAIL_STATIC_DIR: resolve(root, 'dist'),
    IMAP_HOST: '127.0.0.1',
    IMAP_PORT: String(stack.imapPort),
    IMAP_SECURITY: 'none',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(stack.submissionPort),
    SMTP_SECURITY: 'none',
    SIEVE_BACKEND: 'managesieve',
    MANAGESIEVE_PORT: String(stack.managesievePort),
    MANAGESIEVE_SECURITY: 'none',
    // The load section signs in hundreds of sessions from one address; only failures count, but be safe.
    LOGIN_LIMIT_PER_CLIENT: '1000',
    ...settings,
  };
  const child = spawn(process.execPath, [...nodeArgs, resolve(root, 'dist-server/server/main.js')], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  let exited = false;
  const exit = new Promise((resolveExit) => child.once('exit', (code, signal) => {
    exited = true;
    resolveExit(code ?? signal);
  }));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (exited) throw new Error(`the gateway exited at start:\n${stderr.slice(-4000)}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (tries > 200) throw new Error(`the gateway did not answer /api/health:\n${stderr.slice(-4000)}`);
    await sleep(50);
  }
  return {
    base,
    pid: child.pid,
    stderr: () => stderr,
    /** VmRSS of the gateway process, in KiB. */
    rssKb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** A signed-in session: { user, cookie, csrf, headers(json) }. */
export async function signIn(base, user) {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.address, password: user.password }),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`sign-in of ${user.address}: ${response.status} ${body}`);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('wm_session='));
  if (!setCookie) throw new Error(`sign-in of ${user.address}: no session cookie`);
  const cookie = setCookie.split(';')[0];
  const csrf = JSON.parse(body).csrfToken;
  return {
    user,
    cookie,
    csrf,
    headers: (json = false) => ({ cookie, 'x-csrf-token': csrf, ...(json ? { 'content-type': 'application/json' } : {}) }),
  };
}

/** GET/POST on the gateway as a session; throws on a non-2xx answer; returns the body as text or JSON. */
export async function api(base, session, path, { method = 'GET', body, as = 'json' } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: session.headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  if (as === 'json') return response.json();
  if (as === 'bytes') return new Uint8Array(await response.arrayBuffer());
  return response.text();
}

export async function signOut(base, session) {
  await fetch(`${base}/api/session`, { method: 'DELETE', headers: session.headers() }).then((r) => r.arrayBuffer()).catch(() => {});
}

export function newComposeId() {
  return randomUUID();
}

/** Runs `task(item)` over items with at most `limit` in flight. */
export async function pool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  }));
  return results;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(sortedValues, p) {
  if (sortedValues.length === 0) return NaN;
  const index = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil((p / 100) * sortedValues.length) - 1));
  return sortedValues[index];
}

export const WARMUPS = 2;
export const RUNS = Number(process.env.BENCH_RUNS || 7);

/** A few small messages in each user's INBOX by IMAP APPEND (plain text, some with an HTML part). */
export async function fillInboxes(stack, users, perUser) {
  const { ImapFlow } = await import('imapflow');
  await pool(users, 8, async (user, u) => {
    const client = new ImapFlow({
      host: '127.0.0.1', port: stack.imapPort, secure: false, doSTARTTLS: false,
      auth: { user: user.address, pass: user.password }, logger: false,
    });
    await client.connect();
    try {
      for (let n = 0; n < perUser; n++) {
        const body = `Hallo,\r\n\r\n${'dies ist Zeile Nummer ' + n + ' einer kurzen Nachricht.\r\n'.repeat(5 + (n % 20))}\r\nGruß\r\n`;
        const html = n % 3 === 0;
        const raw = [
          `From: Sender ${n} <sender${n}@${stack.domain}>`,
          `To: ${user.address}`,
          `Subject: Nachricht ${n} an Nutzer ${u}`,
          `Date: ${new Date(Date.now() - (perUser - n) * 3600_000).toUTCString()}`,
          `Message-ID: <bench-${u}-${n}@${stack.domain}>`,
          'MIME-Version: 1.0',
          ...(html
            ? ['Content-Type: multipart/alternative; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', body,
              '--b', 'Content-Type: text/html; charset=utf-8', '', `<p>${body.replace(/\r\n/g, '<br>')}</p>`, '--b--', '']
            : ['Content-Type: text/plain; charset=utf-8', '', body]),
        ].join('\r\n');
        await client.append('INBOX', raw, n % 2 ? ['\\Seen'] : []);
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  });
}
