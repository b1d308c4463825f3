// The folder list as the actions need it: flat, with roles, to find a folder by path or by its
// special-use role (RFC 6154) and to tell which folders are protected.
import type { ImapFlow, ListResponse } from 'imapflow';
import type { SpecialUse } from '../../src/shared/api.js';
import { Failure } from '../failure.js';
import { imapFailure } from '../imap/errors.js';
import { ROLE_ORDER, roleOf } from './folder-tree.js';

export interface KnownFolder {
  path: string;
  delimiter: string;
  parentPath: string;
  role: SpecialUse | null;
  flags: Set<string>;
  /** False for a name only LSUB knows: subscribed, but the folder is gone. */
  listed: boolean;
}

/**
 * The folder's special-use flag. imapflow guesses one from well-known names ("Archiv", "Spam")
 * when the server names none; a server that offers SPECIAL-USE (RFC 6154) has said which folders
 * have a role, so a guess there would wrongly make a user's own "Archiv" a protected folder.
 */
export function specialUseOf(client: ImapFlow, entry: ListResponse): string | undefined {
  return entry.specialUseSource === 'name' && client.capabilities.has('SPECIAL-USE') ? undefined : entry.specialUse;
}

/** A plain LIST (no counts): cheaper than the folder tree's LIST-STATUS. */
export async function knownFolders(client: ImapFlow): Promise<KnownFolder[]> {
  try {
    const listed = await client.list();
    return listed.map((entry) => ({
      path: entry.path,
      delimiter: entry.delimiter,
      parentPath: entry.parentPath,
      role: roleOf({ path: entry.path, specialUse: specialUseOf(client, entry) }),
      flags: entry.flags,
      listed: entry.listed,
    }));
  } catch (error) {
    throw imapFailure(error, 'list');
  }
}

/** INBOX is case-insensitive (RFC 3501 §5.1); every other name is exact. */
export function samePath(a: string, b: string): boolean {
  return a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');
}

export function findFolder(folders: KnownFolder[], path: string): KnownFolder | undefined {
  return folders.find((folder) => samePath(folder.path, path) && folder.listed && !folder.flags.has('\\NonExistent'));
}

export function folderWithRole(folders: KnownFolder[], role: SpecialUse): KnownFolder | undefined {
  return folders.find((folder) => folder.role === role && folder.listed);
}

/**
 * A move target: a role name ('trash', 'junk', …) names the folder with that role; anything else
 * is a path. Roles come first, so the SPA's "to Junk" works whatever the folder is called.
 */
export function resolveTarget(folders: KnownFolder[], target: string): KnownFolder {
  const role = (ROLE_ORDER as string[]).includes(target) ? (target as SpecialUse) : null;
  const folder = (role && folderWithRole(folders, role)) || findFolder(folders, target);
  if (!folder || folder.flags.has('\\Noselect')) throw new Failure('FOLDER_NOT_FOUND', { target });
  return folder;
}

/** The folder and everything below it, deepest first. */
export function subtreeOf(folders: KnownFolder[], folder: KnownFolder): KnownFolder[] {
  const prefix = `${folder.path}${folder.delimiter}`;
  const below = folders.filter((other) => other.listed && other.path.startsWith(prefix));
  const depth = (f: KnownFolder) => f.path.split(f.delimiter).length;
  return [...below.sort((a, b) => depth(b) - depth(a)), folder];
}
