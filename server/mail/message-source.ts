// The raw message for the SPA's MIME parser. Small messages (and `full`) stream as stored,
// fetched in chunks so a huge message is never held whole; a large one comes as its lite source
// (lite-source.ts). Every read is BODY.PEEK: reading does not set \Seen (RFC 3501 §6.4.5).
import { finished, type Readable } from 'node:stream';
import type { ImapFlow } from 'imapflow';
import { Failure } from '../failure.js';
import { imapFailure } from '../imap/errors.js';
import { openMailbox } from '../imap/mailbox.js';
import { assembleLite, litePlan } from './lite-source.js';

/** Above this size the SPA gets the lite source unless it asks for the full one. */
export const LITE_SOURCE_ABOVE = 1024 * 1024;
/** Bytes per FETCH while streaming: few round trips, bounded memory. */
export const DOWNLOAD_CHUNK = 512 * 1024;

export interface MessageSource {
  body: Readable | Buffer;
  lite: boolean;
}

/**
 * Keeps the folder locked until `stream` has ended or was given up: the chunks are fetched
 * while it flows, and another request must not select another folder in between.
 */
export function releaseWhenDone(stream: Readable, release: () => void): void {
  finished(stream, () => release());
}

export async function messageSource(client: ImapFlow, folder: string, uid: number, full: boolean): Promise<MessageSource> {
  const open = await openMailbox(client, folder, 'source');
  let streaming = false;
  try {
    const meta = await client.fetchOne(String(uid), { uid: true, size: true, bodyStructure: true }, { uid: true });
    if (!meta) throw new Failure('MESSAGE_NOT_FOUND', { folder, uid });
    const plan = !full && (meta.size ?? 0) > LITE_SOURCE_ABOVE ? litePlan(meta.bodyStructure) : null;
    if (plan) {
      // All sections in one FETCH; imapflow's `headers` asks BODY.PEEK[HEADER], bodyParts the rest.
      const bodyParts = plan.sections.filter((section) => section !== 'HEADER');
      const parts = await client.fetchOne(String(uid), { uid: true, headers: true, bodyParts }, { uid: true });
      if (!parts) throw new Failure('MESSAGE_NOT_FOUND', { folder, uid });
      const body = assembleLite(plan, (section) => (section === 'HEADER' ? parts.headers : parts.bodyParts?.get(section.toLowerCase())));
      return { body, lite: true };
    }
    const download = await client.download(String(uid), undefined, { uid: true, chunkSize: DOWNLOAD_CHUNK });
    if (!download.content) throw new Failure('MESSAGE_NOT_FOUND', { folder, uid });
    releaseWhenDone(download.content, open.release);
    streaming = true;
    return { body: download.content, lite: false };
  } catch (error) {
    throw imapFailure(error, 'source');
  } finally {
    if (!streaming) open.release();
  }
}
