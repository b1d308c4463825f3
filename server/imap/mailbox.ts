// Work inside one selected folder. imapflow's mailbox lock keeps the folder selected while we
// use it; the folder stays selected after release, so the session's next request for it skips
// the SELECT (FACTS: re-selecting is costly, re-reading a selected folder is cheap).
import type { ImapFlow, MailboxObject } from 'imapflow';
import { imapFailure } from './errors.js';

export interface OpenMailbox {
  mailbox: MailboxObject;
  /**
   * True when this lock found the folder already selected: the session's view may then lag
   * behind changes made elsewhere until a command lets the server report them (NOOP).
   */
  wasSelected: boolean;
  release(): void;
}

/** Selects `path` (when not selected already) and locks it; the caller must call release(). */
export async function openMailbox(client: ImapFlow, path: string, description: string): Promise<OpenMailbox> {
  const before = client.mailbox;
  let lock;
  try {
    lock = await client.getMailboxLock(path, { description });
  } catch (error) {
    throw imapFailure(error, `select (${description})`);
  }
  const mailbox = client.mailbox;
  if (!mailbox) {
    lock.release();
    throw imapFailure(new Error('connection not available'), `select (${description})`);
  }
  // imapflow makes a new mailbox object on every SELECT, so an unchanged one means none ran.
  return { mailbox, wasSelected: mailbox === before, release: () => lock.release() };
}

/** Runs `operation` with `path` selected and locked; IMAP errors become Failures. */
export async function withMailbox<T>(client: ImapFlow, path: string, description: string, operation: (open: OpenMailbox) => Promise<T>): Promise<T> {
  const open = await openMailbox(client, path, description);
  try {
    return await operation(open);
  } catch (error) {
    throw imapFailure(error, description);
  } finally {
    open.release();
  }
}
