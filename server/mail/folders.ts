// Folder list with counts. One LIST-STATUS round trip (RFC 5819) when the server offers it;
// imapflow falls back to STATUS per folder otherwise.
import type { ImapFlow } from 'imapflow';
import type { Folder } from '../../src/shared/api.js';
import { imapFailure } from '../imap/errors.js';
import { specialUseOf } from './folder-lookup.js';
import { buildFolderTree } from './folder-tree.js';

export async function listFolders(client: ImapFlow): Promise<Folder[]> {
  try {
    // Dovecot answers STATUS, and so LIST-STATUS, for the selected folder from the session's view,
    // which hears of changes made elsewhere only at a command that syncs: NOOP first, or new mail
    // in the open folder would be listed with its old counts (RFC 3501 §6.1.2).
    if (client.mailbox) await client.noop();
    const listed = await client.list({ statusQuery: { messages: true, unseen: true } });
    return buildFolderTree(
      listed.map((entry) => ({
        path: entry.path,
        name: entry.name,
        delimiter: entry.delimiter,
        parentPath: entry.parentPath,
        specialUse: specialUseOf(client, entry),
        // imapflow leaves it unset (not false) for a folder that is not subscribed.
        subscribed: entry.subscribed === true,
        flags: entry.flags,
        total: entry.status?.messages ?? 0,
        unread: entry.status?.unseen ?? 0,
      })),
    );
  } catch (error) {
    throw imapFailure(error, 'list');
  }
}
