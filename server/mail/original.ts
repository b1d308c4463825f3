// The message a reply or forward refers to, read over the session's IMAP connection: its
// threading headers for a message being sent, its whole source for preparing the reply, and
// the flag that records the answer. Reads use BODY.PEEK, so they do not set \Seen.
import type { ImapFlow } from 'imapflow';
import type { ComposeMessage } from '../../src/shared/api.js';
import { Failure } from '../failure.js';
import { withMailbox } from '../imap/mailbox.js';
import type { Threading } from '../smtp/compose.js';

export type OriginalRef = NonNullable<ComposeMessage['original']>;

/** References kept in a reply: the thread's root and the newest ones (RFC 5322 §3.6.4). */
const MAX_REFERENCES = 30;

const MESSAGE_ID = /<[^<>\s]+>/g;

export function messageIds(value: string | null | undefined): string[] {
  return (value ?? '').match(MESSAGE_ID) ?? [];
}

/** RFC 5322 §3.6.4: References = the original's References (or its In-Reply-To) + its Message-ID. */
export function threadingFrom(messageId: string | null | undefined, references: string | null | undefined, inReplyTo: string | null | undefined): Threading | null {
  const id = messageIds(messageId)[0];
  if (!id) return null;
  const earlier = messageIds(references);
  const chain = [...(earlier.length > 0 ? earlier : messageIds(inReplyTo).slice(0, 1)), id];
  const unique = chain.filter((entry, index) => chain.indexOf(entry) === index);
  const kept = unique.length <= MAX_REFERENCES ? unique : [unique[0]!, ...unique.slice(unique.length - MAX_REFERENCES + 1)];
  return { inReplyTo: id, references: kept };
}

function headerValue(headers: Buffer | undefined, name: string): string {
  if (!headers) return '';
  const unfolded = headers.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((entry) => entry.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** In-Reply-To and References for an answer to `original`. */
export function originalThreading(client: ImapFlow, original: OriginalRef): Promise<Threading | null> {
  return withMailbox(client, original.folder, 'original headers', async () => {
    const message = await client.fetchOne(String(original.uid), { uid: true, envelope: true, headers: ['references'] }, { uid: true });
    if (!message) throw new Failure('MESSAGE_NOT_FOUND', { folder: original.folder, uid: original.uid });
    return threadingFrom(message.envelope?.messageId, headerValue(message.headers, 'references'), message.envelope?.inReplyTo);
  });
}

/** The complete stored message, for preparing a reply or forward and for loading a draft. */
export function messageSourceOf(client: ImapFlow, folder: string, uid: number): Promise<Buffer> {
  return withMailbox(client, folder, 'compose source', async () => {
    const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    if (!message || !message.source) throw new Failure('MESSAGE_NOT_FOUND', { folder, uid });
    return message.source;
  });
}

/** \Answered after a reply (RFC 3501 §2.3.2), $Forwarded after a forward (RFC 5550 §5.9). */
export function markOriginal(client: ImapFlow, original: OriginalRef): Promise<void> {
  const flag = original.kind === 'forward' ? '$Forwarded' : '\\Answered';
  return withMailbox(client, original.folder, 'flag original', async () => {
    await client.messageFlagsAdd(String(original.uid), [flag], { uid: true, silent: true });
  });
}
