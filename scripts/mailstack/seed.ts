// Writes realistic demo/test mail straight into a user's Maildir, then lets Dovecot index it.
//   npx tsx scripts/mailstack/seed.ts USER N [--seed S] [--now ISO-DATE]
// The same seed (and --now) gives the same mailbox. Writing files plus one `doveadm force-resync`
// is several times faster than IMAP APPEND, which matters at 100,000 messages. Messages are built
// and written one at a time, so memory stays flat whatever N is.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SeedFolder, buildSeedMessage } from './seed-message.js';

export { buildSeedMessage, messageKinds } from './seed-message.js';
export type { MessageKind, SeedFolder, SeedMessage, SeedOptions } from './seed-message.js';

const FOLDERS: readonly SeedFolder[] = ['INBOX', 'Sent', 'Drafts', 'Trash', 'Junk'];

interface Args { user: string; count: number; seed: number; now: number }
type Owner = { uid: number; gid: number } | undefined;

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  let seed = 1;
  let now = Date.now();
  for (let n = 0; n < argv.length; n++) {
    const arg = argv[n] ?? '';
    if (arg === '--seed') seed = Number(argv[++n]);
    else if (arg === '--now') now = Date.parse(argv[++n] ?? '');
    else positional.push(arg);
  }
  const [user, count] = [positional[0] ?? '', Number(positional[1])];
  if (!/^[^@\s/]+@[^@\s/]+$/.test(user) || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || Number.isNaN(now)) {
    throw new Error('usage: npx tsx scripts/mailstack/seed.ts USER N [--seed S] [--now ISO-DATE]');
  }
  return { user, count, seed, now };
}

/** Reads the KEY=VALUE lines of the shell-sourceable env file start.sh writes; quotes are optional. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match?.[1]) continue;
    let value = (match[2] ?? '').trim();
    if (/^'.*'$/.test(value)) value = value.slice(1, -1);
    else if (/^".*"$/.test(value)) value = value.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
    env[match[1]] = value;
  }
  return env;
}

/** uid/gid of `vmail`, else of the mail root's owner (when the stack runs under another account). */
function mailOwner(mailRoot: string): NonNullable<Owner> {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name === 'vmail') return { uid: Number(uid), gid: Number(gid) };
  }
  const stat = statSync(mailRoot);
  return { uid: stat.uid, gid: stat.gid };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const stackDir = process.env['MAILSTACK_DIR'] || join(repo, '.mailstack/demo');
  const envPath = join(stackDir, 'env');
  if (!existsSync(envPath)) throw new Error(`${envPath} not found: start the mail stack first (scripts/mailstack/start.sh)`);
  const env = parseEnvFile(readFileSync(envPath, 'utf8'));
  const dovecotConf = env['DOVECOT_CONF'];
  if (!dovecotConf) throw new Error(`${envPath} has no DOVECOT_CONF`);
  const [localPart, domain] = args.user.split('@') as [string, string];
  const mailRoot = env['MAILSTACK_MAIL_DIR'] || join(env['MAILSTACK_DIR'] || stackDir, 'mail');
  const maildir = join(mailRoot, domain, localPart, 'Maildir');
  if (!existsSync(dirname(maildir))) throw new Error(`${dirname(maildir)} not found: create the user first (scripts/mailstack/adduser.sh)`);

  // Dovecot reads the files as vmail: as root we hand them over; otherwise we must already be it.
  const owner: Owner = process.getuid?.() === 0 ? mailOwner(mailRoot) : undefined;
  if (!owner && statSync(mailRoot).uid !== process.getuid?.()) {
    console.warn(`warning: not root and not the owner of ${mailRoot}; Dovecot may not be able to read the messages`);
  }
  const own = (path: string) => owner && chownSync(path, owner.uid, owner.gid);
  const folderDir = (folder: SeedFolder) => (folder === 'INBOX' ? maildir : join(maildir, `.${folder}`));
  for (const folder of FOLDERS) {
    for (const dir of [folderDir(folder), ...['cur', 'new', 'tmp'].map((sub) => join(folderDir(folder), sub))]) {
      if (!existsSync(dir)) {
        mkdirSync(dir, { mode: 0o700 });
        own(dir);
      }
    }
    const marker = join(folderDir(folder), 'maildirfolder'); // Maildir++: marks a subfolder
    if (folder !== 'INBOX' && !existsSync(marker)) {
      writeFileSync(marker, '');
      own(marker);
    }
  }

  await run(args, folderDir, owner, dovecotConf);
}

async function run(args: Args, folderDir: (folder: SeedFolder) => string, owner: Owner, dovecotConf: string): Promise<void> {
  const started = performance.now();
  const host = hostname().replace(/[/:]/g, '_');
  const counts = new Map<SeedFolder, number>(FOLDERS.map((folder) => [folder, 0]));
  const options = { seed: args.seed, total: args.count, user: args.user, now: args.now };
  for (let index = 0; index < args.count; index++) {
    const message = await buildSeedMessage(options, index);
    const seconds = Math.floor(message.date.getTime() / 1000);
    let lineFeeds = 0;
    for (let at = message.raw.indexOf(10); at >= 0; at = message.raw.indexOf(10, at + 1)) lineFeeds++;
    // Dovecot's Maildir name: S= is the file size, W= the size with CRLF (RFC822.SIZE) so it
    // never has to read the file to answer that; the leading time orders UIDs by date.
    const base = `${seconds}.M${index}P${process.pid}.${host},S=${message.raw.length},W=${message.raw.length + lineFeeds}`;
    const dir = folderDir(message.folder);
    const tmpPath = join(dir, 'tmp', base);
    // Synchronous on purpose: measured 20 % faster than fs/promises with writes in flight, whose
    // thread-pool hand-offs cost more than these small files take to write.
    writeFileSync(tmpPath, message.raw);
    utimesSync(tmpPath, message.date, message.date);
    if (owner) chownSync(tmpPath, owner.uid, owner.gid);
    renameSync(tmpPath, join(dir, 'cur', `${base}:2,${message.flags}`)); // tmp → cur: never seen half-written
    counts.set(message.folder, (counts.get(message.folder) ?? 0) + 1);
  }
  const written = performance.now();
  execFileSync('doveadm', ['-c', dovecotConf, 'force-resync', '-u', args.user, '*'], { stdio: 'inherit' });
  const done = performance.now();
  const perFolder = FOLDERS.map((folder) => `${folder} ${counts.get(folder)}`).join(', ');
  console.log(`seeded ${args.count} messages for ${args.user} (seed ${args.seed}): ${perFolder} in ${((done - started) / 1000).toFixed(1)} s ` +
    `(write ${((written - started) / 1000).toFixed(1)} s, force-resync ${((done - written) / 1000).toFixed(1)} s)`);
}

// Only as the entry module, so tests can import buildSeedMessage from here; realpath, because the
// repo may be reached through a symlink.
const entry = ((): string => {
  try {
    return realpathSync(process.argv[1] ?? '');
  } catch {
    return '';
  }
})();
if (entry === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
