// Arranging mailboxes for the message tests: composing MIME with nodemailer, appending it as the
// user over IMAP, seeding thousands of messages with the mailstack's seed script, and calling
// the message API as a signed-in browser would.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { LightMyRequestResponse } from 'fastify';
import MailComposer, { type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import { type ListQuery, MESSAGE_API, type MessageListResponse } from '../../src/shared/api.js';
import { type SignedIn, sessionOf, type TestGateway, withSession } from './gateway.js';
import { imapAs, mailstack, repoRoot, type TestUser } from './mailstack.js';

const run = promisify(execFile);

/**
 * Mailboxes made in one go before a file's tests (one wait for Dovecot to re-read the
 * passwd-file), handed out one per test so no test sees another's mail.
 */
export class SpareUsers {
  constructor(
    private readonly gateway: TestGateway,
    private readonly users: TestUser[],
  ) {}

  async next(): Promise<{ user: TestUser; signedIn: SignedIn }> {
    const user = this.users.shift();
    if (!user) throw new Error('no spare user left: make more in beforeAll');
    return { user, signedIn: sessionOf(await this.gateway.signIn(user)) };
  }
}

export function composeMessage(options: MailComposerOptions): Promise<Buffer> {
  return new MailComposer({ date: new Date(), messageId: `<${randomBytes(8).toString('hex')}@example.com>`, ...options }).compile().build();
}

/** A word no other message contains, to search for. */
export function uniqueWord(prefix = 'wort'): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

/** Appends the messages in order (so UIDs follow it) and answers their UIDs. */
export async function appendAll(user: TestUser, folder: string, messages: { raw: string | Buffer; flags?: string[]; date?: Date }[]): Promise<number[]> {
  const imap = await imapAs(user);
  try {
    const uids: number[] = [];
    for (const message of messages) {
      const appended = await imap.append(folder, message.raw, message.flags ?? [], message.date);
      if (!appended || !appended.uid) throw new Error(`APPEND to ${folder} gave no UID`);
      uids.push(appended.uid);
    }
    return uids;
  } finally {
    await imap.logout();
  }
}

/** Writes `count` seeded messages straight into the user's Maildir (scripts/mailstack/seed.ts). */
export async function seedMailbox(user: TestUser, count: number): Promise<void> {
  await run('npx', ['tsx', resolve(repoRoot, 'scripts/mailstack/seed.ts'), user.address, String(count)], {
    cwd: repoRoot,
    env: { ...process.env, MAILSTACK_DIR: mailstack().dir },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** UIDs of a folder, ascending, and which carry a flag: the truth the API is checked against. */
export async function folderTruth(user: TestUser, folder: string): Promise<{ uids: number[]; unseen: number[]; flagged: number[]; flagsOf: Map<number, Set<string>> }> {
  const imap = await imapAs(user);
  const lock = await imap.getMailboxLock(folder);
  try {
    const flagsOf = new Map<number, Set<string>>();
    if ((imap.mailbox && imap.mailbox.exists) || 0) {
      for await (const message of imap.fetch('1:*', { uid: true, flags: true })) flagsOf.set(message.uid, message.flags ?? new Set());
    }
    const uids = [...flagsOf.keys()].sort((a, b) => a - b);
    return {
      uids,
      unseen: uids.filter((uid) => !flagsOf.get(uid)!.has('\\Seen')),
      flagged: uids.filter((uid) => flagsOf.get(uid)!.has('\\Flagged')),
      flagsOf,
    };
  } finally {
    lock.release();
    await imap.logout();
  }
}

/** The subjects in a folder, oldest first, read directly over IMAP (e.g. to see where mail was delivered). */
export async function folderSubjects(user: TestUser, folder = 'INBOX'): Promise<string[]> {
  const imap = await imapAs(user);
  const lock = await imap.getMailboxLock(folder);
  try {
    const subjects: string[] = [];
    if ((imap.mailbox && imap.mailbox.exists) || 0) {
      for await (const message of imap.fetch('1:*', { envelope: true })) subjects.push(message.envelope?.subject ?? '');
    }
    return subjects;
  } finally {
    lock.release();
    await imap.logout();
  }
}

export function listUrl(query: Partial<ListQuery> & { folder: string }): string {
  const params = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  return `${MESSAGE_API.list}?${params}`;
}

export async function listWindow(gateway: TestGateway, signedIn: SignedIn, query: Partial<ListQuery> & { folder: string }): Promise<MessageListResponse> {
  const response = await gateway.app.inject({ method: 'GET', url: listUrl(query), headers: withSession(signedIn, false) });
  if (response.statusCode !== 200) throw new Error(`list ${listUrl(query)}: ${response.statusCode} ${response.body}`);
  return response.json() as MessageListResponse;
}

export function getAs(gateway: TestGateway, signedIn: SignedIn, url: string): Promise<LightMyRequestResponse> {
  return gateway.app.inject({ method: 'GET', url, headers: withSession(signedIn, false) });
}

export function postAs(gateway: TestGateway, signedIn: SignedIn, url: string, payload: object, withCsrf = true): Promise<LightMyRequestResponse> {
  return gateway.app.inject({ method: 'POST', url, headers: withSession(signedIn, withCsrf), payload });
}
