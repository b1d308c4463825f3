// Dovecot passwd-file backend. Changes are written in batches: under a flock shared with other
// tools, read the file, replace the password field of each changed line, write a temp file in
// the same directory (owner and mode kept), fsync, rename over the original, fsync the dir.
// Every other byte of the file stays as it was.
//
// FACTS: Dovecot re-reads a passwd-file only when its size or whole-second mtime changed, and
// looks at most once a second; a new SHA512-CRYPT hash has the old one's length. So a rewrite
// never lands in the same second as the file's current mtime (it waits for the next second),
// and the caller waits past the second of the rewrite before it relies on Dovecot having seen
// it. Batching keeps that to one rewrite per second however many users change at once, and the
// mtime is never set into the future.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Failure } from '../failure.js';
import type { PasswordBackend, PasswordChangeResult } from './backend.js';
import { withFlock } from './flock.js';

export interface PasswdFileHooks {
  /** Tests make a change fail between writing the temp file and renaming it. */
  beforeRename?: (tempPath: string) => Promise<void>;
}

interface PendingChange {
  mailbox: string;
  newHash: string;
  expectedHash?: string;
  resolve: (result: PasswordChangeResult) => void;
  reject: (error: unknown) => void;
}

const LOCK_WAIT_SECONDS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class PasswdFileBackend implements PasswordBackend {
  private pending: PendingChange[] = [];
  private flushing = false;

  constructor(
    private readonly file: string,
    private readonly lockFile: string,
    private readonly hooks: PasswdFileHooks = {},
  ) {}

  setHash(mailbox: string, newHash: string, expectedHash?: string): Promise<PasswordChangeResult> {
    if (/[\s:]/.test(newHash)) return Promise.reject(new Failure('PASSWORD_CHANGE_UNAVAILABLE', { reason: 'hash with a separator' }));
    return new Promise((resolve, reject) => {
      this.pending.push({ mailbox, newHash, expectedHash, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        try {
          await withFlock(this.lockFile, LOCK_WAIT_SECONDS, () => this.rewrite(batch));
        } catch (error) {
          batch.forEach((change) => change.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async rewrite(batch: PendingChange[]): Promise<void> {
    let info = await stat(this.file).catch((error: unknown) => {
      throw new Failure('PASSWORD_CHANGE_UNAVAILABLE', { step: 'stat', detail: String(error) });
    });
    const mtimeSecond = Math.floor(info.mtimeMs / 1000);
    if (Math.floor(Date.now() / 1000) <= mtimeSecond) {
      await sleep((mtimeSecond + 1) * 1000 + 5 - Date.now());
      info = await stat(this.file);
    }
    let content = (await readFile(this.file)).toString('utf8');
    const applied: { change: PendingChange; previousHash: string }[] = [];
    for (const change of batch) {
      try {
        const result = replaceHash(content, change.mailbox, change.newHash, change.expectedHash);
        content = result.content;
        applied.push({ change, previousHash: result.previousHash });
      } catch (error) {
        change.reject(error);
      }
    }
    if (applied.length === 0) return;

    const temp = join(dirname(this.file), `.${basename(this.file)}.${process.pid}.${randomBytes(6).toString('hex')}`);
    try {
      const handle = await open(temp, 'wx', info.mode & 0o7777);
      try {
        await handle.chown(info.uid, info.gid);
        await handle.chmod(info.mode & 0o7777);
        await handle.writeFile(content, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.hooks.beforeRename?.(temp);
      await rename(temp, this.file);
      const dir = await open(dirname(this.file), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      const failure = error instanceof Failure ? error : new Failure('PASSWORD_CHANGE_UNAVAILABLE', { step: 'write', detail: String(error) });
      applied.forEach(({ change }) => change.reject(failure));
      return;
    }
    // Dovecot may have looked during this second already; it looks again in the next one.
    const effectiveAfter = (Math.floor(Date.now() / 1000) + 1) * 1000 + 20;
    applied.forEach(({ change, previousHash }) => change.resolve({ previousHash, effectiveAfter }));
  }
}

/**
 * Replaces the password field (the second, colon-separated) of the one line whose user field
 * matches: exactly, else ignoring case (Dovecot lowercases names before the lookup with its
 * default auth_username_format %Lu) — but only when that is unambiguous, since with a
 * case-sensitive setup "Alice" and "alice" are two accounts. With `expectedHash`, the line must
 * still hold that hash (a rollback never undoes someone else's later change). Lines keep their
 * own endings.
 */
export function replaceHash(content: string, mailbox: string, newHash: string, expectedHash?: string): { content: string; previousHash: string } {
  const wanted = mailbox.trim();
  const lines = content.split(/(?<=\n)/);
  const userOf = (line: string) => (line.startsWith('#') || line.indexOf(':') <= 0 ? null : line.slice(0, line.indexOf(':')));
  let index = lines.findIndex((line) => userOf(line) === wanted);
  if (index === -1) {
    const folded = lines.flatMap((line, i) => (userOf(line)?.toLowerCase() === wanted.toLowerCase() ? [i] : []));
    if (folded.length > 1) throw new Failure('PASSWORD_CHANGE_UNAVAILABLE', { reason: 'mailbox name matches several lines when case is ignored' });
    index = folded[0] ?? -1;
  }
  if (index === -1) throw new Failure('PASSWORD_CHANGE_UNAVAILABLE', { reason: 'mailbox not in passwd-file' });
  const line = lines[index]!;
  const firstColon = line.indexOf(':');
  const secondColon = line.indexOf(':', firstColon + 1);
  const end = secondColon === -1 ? line.search(/\r?\n$|$/) : secondColon;
  const previousHash = line.slice(firstColon + 1, end);
  if (expectedHash !== undefined && previousHash !== expectedHash) {
    throw new Failure('PASSWORD_CHANGE_UNAVAILABLE', { reason: 'the line changed meanwhile' });
  }
  lines[index] = line.slice(0, firstColon + 1) + newHash + line.slice(end);
  return { content: lines.join(''), previousHash };
}
