// Writing mail as the SPA does: multipart uploads, send, drafts, start; and looking into the
// real mailboxes afterwards (IMAP as the user, only to observe, never to stand in for the gateway).
import { createHash, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import PostalMime, { type Email } from 'postal-mime';
import { COMPOSE_API, type ComposeMessage, type UploadedAttachment } from '../../src/shared/api.js';
import { type SignedIn, type TestGateway, withSession } from './gateway.js';
import { imapAs, type TestUser } from './mailstack.js';

export const sha256 = (data: Uint8Array | ArrayBuffer | string) =>
  createHash('sha256').update(typeof data === 'string' ? Buffer.from(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data).digest('hex');

/** A multipart/form-data body the way browsers write it: the file name as raw UTF-8. */
export function multipartBody(filename: string, contentType: string, content: Buffer, field = 'file'): { payload: Buffer; contentType: string } {
  const boundary = `----webmailtest${randomUUID().replace(/-/g, '')}`;
  // WHATWG HTML §4.10.21.8: ", CR and LF in the name are percent-encoded; the rest stays UTF-8.
  const escaped = filename.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${escaped}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(gateway: TestGateway, signedIn: SignedIn, composeId: string, filename: string, content: Buffer, type = 'application/octet-stream'): Promise<LightMyRequestResponse> {
  const body = multipartBody(filename, type, content);
  return gateway.app.inject({
    method: 'POST',
    url: `${COMPOSE_API.attachments}?compose=${composeId}`,
    headers: { ...withSession(signedIn), 'content-type': body.contentType },
    payload: body.payload,
  });
}

export async function uploaded(gateway: TestGateway, signedIn: SignedIn, composeId: string, filename: string, content: Buffer, type?: string): Promise<UploadedAttachment> {
  const response = await upload(gateway, signedIn, composeId, filename, content, type);
  if (response.statusCode !== 200) throw new Error(`upload of ${filename} failed: ${response.statusCode} ${response.body}`);
  return response.json() as UploadedAttachment;
}

export function message(overrides: Partial<ComposeMessage> & { draftUid?: number; replaceUid?: number } = {}): ComposeMessage & { draftUid?: number; replaceUid?: number } {
  return { composeId: randomUUID(), to: [], cc: [], bcc: [], subject: 'Hallo', text: 'Hallo Welt', attachments: [], ...overrides };
}

export function post(gateway: TestGateway, signedIn: SignedIn, url: string, payload: object): Promise<LightMyRequestResponse> {
  return gateway.app.inject({ method: 'POST', url, headers: withSession(signedIn), payload });
}

export function send(gateway: TestGateway, signedIn: SignedIn, payload: object): Promise<LightMyRequestResponse> {
  return post(gateway, signedIn, COMPOSE_API.send, payload);
}

export interface StoredMessage {
  uid: number;
  flags: Set<string>;
  raw: Buffer;
  parsed: Email;
}

/** Every message of a folder, oldest first, parsed. */
export async function messagesIn(user: TestUser, folder: string): Promise<StoredMessage[]> {
  const imap = await imapAs(user);
  try {
    const lock = await imap.getMailboxLock(folder);
    try {
      const found: StoredMessage[] = [];
      if (!imap.mailbox || imap.mailbox.exists === 0) return found;
      for await (const entry of imap.fetch('1:*', { uid: true, flags: true, source: true })) {
        found.push({ uid: entry.uid, flags: entry.flags ?? new Set(), raw: entry.source!, parsed: await PostalMime.parse(entry.source!) });
      }
      return found;
    } finally {
      lock.release();
    }
  } finally {
    await imap.logout();
  }
}

/** Polls a folder until `count` messages are there (delivery through Postfix and LMTP takes a moment). */
export async function waitForMessages(user: TestUser, folder: string, count = 1, attempts = 50): Promise<StoredMessage[]> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const found = await messagesIn(user, folder);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${folder} of ${user.address} did not get ${count} message(s)`);
}

/** The raw header block of a message, unfolded, for checking encodings byte by byte. */
export function rawHeader(raw: Buffer, name: string): string {
  const head = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1').replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((entry) => entry.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}
