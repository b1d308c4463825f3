// Attachments of messages being written, kept on the gateway's disk until the message is sent
// (ARCHITECTURE: uploads). Layout: <tmp>/webmail-uploads-XXXX/<session>/<compose>/<file>, every
// name a random id, directories 0700 and files 0600; the user's file name lives only in memory.
// All attachments of one compose id together stay within the limit, enforced while the bytes
// arrive: the multipart parser gets the bytes still allowed as its file size limit, and the
// upload is cut off and its partial file removed the moment it passes them. Uploads of one
// compose id run one after another, so two parallel uploads cannot both take the rest.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { UploadedAttachment } from '../../src/shared/api.js';
import { Failure } from '../failure.js';
import { safeContentType, safeFileName } from './file-names.js';

/** One file of a multipart request; `stream` emits 'limit' when it passed the bytes allowed. */
export interface IncomingFile {
  stream: Readable;
  filename: string;
  contentType: string;
  truncated(): boolean;
}

export interface StoredAttachment extends UploadedAttachment {
  path: string;
}

interface ComposeUploads {
  dir: string;
  attachments: Map<string, StoredAttachment>;
  lastUsedAt: number;
  /** Tail of this compose id's operations, which run one at a time. */
  queue: Promise<unknown>;
}

interface SessionUploads {
  dir: string;
  composes: Map<string, ComposeUploads>;
}

/** Messages one session may have attachments for at once; the least recently used goes first. */
const COMPOSES_PER_SESSION = 16;
/**
 * All attachments of one session together, in attachment limits: several messages may be
 * written at once, but one signed-in user must not be able to fill the disk. Checked per
 * compose queue, so parallel uploads to different messages may pass it by at most one limit.
 */
const LIMITS_PER_SESSION = 4;

const newId = () => randomBytes(16).toString('base64url');

export class UploadStore {
  private root: Promise<string> | null = null;
  private readonly sessions = new Map<string, SessionUploads>();
  private readonly reaper: NodeJS.Timeout;

  constructor(
    private readonly baseDir: string,
    readonly limitBytes: number,
    /** Attachments of a compose id untouched this long are removed (a tab closed mid-message). */
    private readonly unusedMs = 4 * 3600_000,
    private readonly now: () => number = Date.now,
  ) {
    this.reaper = setInterval(() => void this.removeUnused(), Math.min(10 * 60_000, unusedMs));
    this.reaper.unref();
  }

  private rootDir(): Promise<string> {
    // mkdtemp makes the directory 0700 with a name nobody else can guess or pre-create.
    this.root ??= mkdtemp(join(this.baseDir, 'webmail-uploads-'));
    return this.root;
  }

  private async compose(sessionKey: string, composeId: string): Promise<ComposeUploads> {
    const root = await this.rootDir();
    // No await between looking up and adding entries: parallel requests must find the same ones.
    let session = this.sessions.get(sessionKey);
    if (!session) {
      session = { dir: join(root, newId()), composes: new Map() };
      this.sessions.set(sessionKey, session);
    }
    let compose = session.composes.get(composeId);
    if (!compose) {
      if (session.composes.size >= COMPOSES_PER_SESSION) {
        const oldest = [...session.composes.entries()].sort(([, a], [, b]) => a.lastUsedAt - b.lastUsedAt)[0]!;
        void this.dropCompose(sessionKey, oldest[0]);
      }
      compose = { dir: join(session.dir, newId()), attachments: new Map(), lastUsedAt: this.now(), queue: Promise.resolve() };
      session.composes.set(composeId, compose);
    }
    compose.lastUsedAt = this.now();
    return compose;
  }

  /** Runs `task` after the compose id's earlier operations. */
  private async serial<T>(sessionKey: string, composeId: string, task: (compose: ComposeUploads) => Promise<T>): Promise<T> {
    const compose = await this.compose(sessionKey, composeId);
    const run = compose.queue.then(() => task(compose));
    compose.queue = run.catch(() => undefined);
    return run;
  }

  private static used(compose: ComposeUploads): number {
    let total = 0;
    for (const attachment of compose.attachments.values()) total += attachment.size;
    return total;
  }

  private sessionRemaining(sessionKey: string): number {
    let total = 0;
    for (const compose of this.sessions.get(sessionKey)?.composes.values() ?? []) total += UploadStore.used(compose);
    return Math.max(0, this.limitBytes * LIMITS_PER_SESSION - total);
  }

  /** Streams one upload to disk; `open` gets the bytes still allowed and starts the multipart file. */
  receive(sessionKey: string, composeId: string, open: (remainingBytes: number) => Promise<IncomingFile | undefined>): Promise<UploadedAttachment> {
    return this.serial(sessionKey, composeId, async (compose) => {
      const remaining = Math.min(Math.max(0, this.limitBytes - UploadStore.used(compose)), this.sessionRemaining(sessionKey));
      const file = await open(remaining);
      if (!file) throw new Failure('BAD_REQUEST', { reason: 'no file in the upload' });
      const tooLarge = () => new Failure('ATTACHMENTS_TOO_LARGE', { composeId, limitBytes: this.limitBytes, remainingBytes: remaining });
      const stop = new AbortController();
      const onLimit = () => stop.abort();
      file.stream.once('limit', onLimit);
      const id = newId();
      const path = join(compose.dir, id);
      await mkdir(compose.dir, { recursive: true, mode: 0o700 });
      const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
      try {
        if (file.truncated()) stop.abort();
        await pipeline(file.stream, out, { signal: stop.signal });
        if (file.truncated()) throw tooLarge();
      } catch (error) {
        await rm(path, { force: true });
        throw stop.signal.aborted || file.truncated() ? tooLarge() : error;
      } finally {
        file.stream.off('limit', onLimit);
      }
      const stored: StoredAttachment = { id, filename: safeFileName(file.filename), contentType: safeContentType(file.contentType), size: out.bytesWritten, path };
      compose.attachments.set(id, stored);
      return publicView(stored);
    });
  }

  /**
   * Adds a file taken from a message (forward, draft). Not held to the per-message limit (the
   * user sees the total and removes what is too much; sending checks the limit again), but to
   * the session's total.
   */
  add(sessionKey: string, composeId: string, file: { filename: string | null | undefined; contentType: string; content: Uint8Array }): Promise<UploadedAttachment> {
    return this.serial(sessionKey, composeId, async (compose) => {
      if (file.content.byteLength > this.sessionRemaining(sessionKey)) {
        throw new Failure('ATTACHMENTS_TOO_LARGE', { composeId, limitBytes: this.limitBytes, reason: 'session total' });
      }
      const id = newId();
      const path = join(compose.dir, id);
      await mkdir(compose.dir, { recursive: true, mode: 0o700 });
      await writeFile(path, file.content, { flag: 'wx', mode: 0o600 });
      const stored: StoredAttachment = { id, filename: safeFileName(file.filename), contentType: safeContentType(file.contentType), size: file.content.byteLength, path };
      compose.attachments.set(id, stored);
      return publicView(stored);
    });
  }

  /** The attachments with these ids, in this order; UPLOAD_NOT_FOUND when one is gone. */
  pick(sessionKey: string, composeId: string, ids: string[]): StoredAttachment[] {
    const compose = this.sessions.get(sessionKey)?.composes.get(composeId);
    if (compose) compose.lastUsedAt = this.now();
    return [...new Set(ids)].map((id) => {
      const stored = compose?.attachments.get(id);
      if (!stored) throw new Failure('UPLOAD_NOT_FOUND', { composeId, id });
      return stored;
    });
  }

  async remove(sessionKey: string, composeId: string, id: string): Promise<void> {
    if (!this.sessions.get(sessionKey)?.composes.has(composeId)) return;
    await this.serial(sessionKey, composeId, async (compose) => {
      const stored = compose.attachments.get(id);
      if (!stored) return;
      compose.attachments.delete(id);
      await rm(stored.path, { force: true });
    });
  }

  /** Forgets a compose id and removes its files (after sending, or before loading anew). */
  async dropCompose(sessionKey: string, composeId: string): Promise<void> {
    const session = this.sessions.get(sessionKey);
    const compose = session?.composes.get(composeId);
    if (!session || !compose) return;
    session.composes.delete(composeId);
    await compose.queue;
    await rm(compose.dir, { recursive: true, force: true });
  }

  async dropSession(sessionKey: string): Promise<void> {
    const session = this.sessions.get(sessionKey);
    if (!session) return;
    this.sessions.delete(sessionKey);
    await Promise.all([...session.composes.values()].map((compose) => compose.queue));
    await rm(session.dir, { recursive: true, force: true });
  }

  private async removeUnused(): Promise<void> {
    const cutoff = this.now() - this.unusedMs;
    for (const [sessionKey, session] of this.sessions) {
      for (const [composeId, compose] of session.composes) {
        if (compose.lastUsedAt < cutoff) await this.dropCompose(sessionKey, composeId);
      }
      if (session.composes.size === 0) await this.dropSession(sessionKey);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.reaper);
    this.sessions.clear();
    if (this.root) await rm(await this.root.catch(() => ''), { recursive: true, force: true }).catch(() => undefined);
  }
}

function publicView(stored: StoredAttachment): UploadedAttachment {
  return { id: stored.id, filename: stored.filename, contentType: stored.contentType, size: stored.size };
}
