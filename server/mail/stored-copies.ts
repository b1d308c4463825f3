// The copies a message leaves in the user's own mailbox: a draft in Drafts (\Draft), what was
// sent in Sent (\Seen). Both folders are found by their special-use role (RFC 6154), whatever
// they are called; APPENDUID (RFC 4315) gives the new draft's UID.
import type { ImapFlow } from 'imapflow';
import type { SpecialUse } from '../../src/shared/api.js';
import { Failure } from '../failure.js';
import { imapFailure } from '../imap/errors.js';
import { withMailbox } from '../imap/mailbox.js';
import { folderWithRole, knownFolders } from './folder-lookup.js';

async function folderPath(client: ImapFlow, role: SpecialUse): Promise<string> {
  const folder = folderWithRole(await knownFolders(client), role);
  if (!folder) throw new Failure('FOLDER_NOT_FOUND', { role });
  return folder.path;
}

async function appendTo(client: ImapFlow, role: SpecialUse, raw: Buffer, flags: string[]): Promise<number | null> {
  const path = await folderPath(client, role);
  try {
    const result = await client.append(path, raw, flags);
    if (!result) throw new Failure('MAIL_SERVER_ERROR', { operation: `append to ${role}` });
    return result.uid ?? null;
  } catch (error) {
    throw imapFailure(error, `append to ${role}`);
  }
}

/** Stores a draft; answers its UID in Drafts (null when the server reports none). */
export function appendDraft(client: ImapFlow, raw: Buffer): Promise<number | null> {
  // \Seen too: a draft the user wrote is not unread mail.
  return appendTo(client, 'drafts', raw, ['\\Draft', '\\Seen']);
}

export async function appendSent(client: ImapFlow, raw: Buffer): Promise<void> {
  await appendTo(client, 'sent', raw, ['\\Seen']);
}

/** Removes a replaced or sent draft from Drafts; only messages flagged \Draft are touched. */
export async function deleteDraft(client: ImapFlow, uid: number): Promise<void> {
  const path = await folderPath(client, 'drafts');
  await withMailbox(client, path, 'delete draft', async () => {
    const found = await client.search({ uid: String(uid), draft: true }, { uid: true });
    if (!found || found.length === 0) return;
    await client.messageDelete(String(uid), { uid: true });
  });
}
