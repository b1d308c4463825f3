// What one IMAP connection has been told about changes to its selected folder since some moment.
// A server reports other sessions' changes as untagged EXISTS, EXPUNGE/VANISHED and FETCH (FLAGS)
// responses alongside a command's answer (RFC 3501 §7.3.1, §7.4.1, §7.4.2; RFC 7162 §3.2.10);
// imapflow turns those into events, except FETCH responses that arrive inside a FETCH's own
// answer (callers of FETCH look for those themselves, message-rows.ts collapseAnswers). Every
// report, every (re)selection and every operation of ours that may change the folder or swallow a
// report moves `generation` on: something remembered under one generation holds while it stays.
import type { ImapFlow } from 'imapflow';

/** imapflow's events for a change of the selected folder's messages, or of which folder is selected. */
const CHANGE_EVENTS = ['exists', 'expunge', 'flags', 'mailboxOpen', 'mailboxClose', 'close'] as const;

export class ViewChanges {
  private count = 0;

  constructor(client: ImapFlow) {
    const changed = () => {
      this.count += 1;
    };
    for (const event of CHANGE_EVENTS) client.on(event, changed);
  }

  get generation(): number {
    return this.count;
  }

  /** Something may have changed that no event told us about (our own STORE, a swallowed report). */
  unknown(): void {
    this.count += 1;
  }
}

const tracked = new WeakMap<ImapFlow, ViewChanges>();

/** The connection's change counter, listening from the first call on. */
export function viewChanges(client: ImapFlow): ViewChanges {
  let changes = tracked.get(client);
  if (!changes) {
    changes = new ViewChanges(client);
    tracked.set(client, changes);
  }
  return changes;
}

/**
 * Whether the server ends every UID command with a mailbox sync that reports all changes committed
 * before it — expunges included — as NOOP would. Dovecot does: cmd-fetch.c syncs after UID FETCH
 * without MAILBOX_SYNC_FLAG_NO_EXPUNGES, and index-sync.c refreshes the index even in the FAST
 * mode FETCH uses, so changes made through Dovecot (IMAP, LMTP, doveadm) all show; only files put
 * into a Maildir behind its back wait for its next full check, at most 5 s later
 * (MAILBOX_FULL_SYNC_INTERVAL). RFC 3501 allows but does not require this, so other servers
 * never get the shortcut that relies on it.
 */
export function syncsAfterUidCommands(client: ImapFlow): boolean {
  return client.serverInfo?.name === 'Dovecot';
}
