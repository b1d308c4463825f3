// Create, rename, delete and (un)subscribe folders. Each answers the new folder tree. INBOX and
// the special-use folders (and folders holding one) are protected: other clients and the
// server's own configuration find them by these names.
import type { ImapFlow } from 'imapflow';
import type { CreateFolderRequest, Folder, RenameFolderRequest, SubscribeRequest } from '../../src/shared/api.js';
import { Failure } from '../failure.js';
import { imapFailure } from '../imap/errors.js';
import { findFolder, type KnownFolder, knownFolders, subtreeOf } from './folder-lookup.js';
import { listFolders } from './folders.js';

export const MAX_FOLDER_NAME_LENGTH = 200;

/** A last path segment we can create: not empty, not too long, no control characters, no delimiter. */
export function assertFolderName(name: string, delimiter: string): void {
  const problem =
    name.trim().length === 0 ? 'empty'
    : [...name].length > MAX_FOLDER_NAME_LENGTH ? 'too long'
    : /[\u0000-\u001f\u007f]/.test(name) ? 'control character'
    : delimiter && name.includes(delimiter) ? 'hierarchy delimiter'
    : null;
  if (problem) throw new Failure('FOLDER_NAME_INVALID', { problem });
}

function existingFolder(folders: KnownFolder[], path: string): KnownFolder {
  const folder = findFolder(folders, path);
  if (!folder) throw new Failure('FOLDER_NOT_FOUND', { path });
  return folder;
}

function assertNotProtected(folders: KnownFolder[], folder: KnownFolder): void {
  const guarded = subtreeOf(folders, folder).find((f) => f.role !== null);
  if (guarded) throw new Failure('FOLDER_PROTECTED', { path: folder.path, protectedPath: guarded.path });
}

/** The delimiter of the namespace a new top-level folder goes into (every folder here shares it). */
function delimiterOf(folders: KnownFolder[]): string {
  return folders[0]?.delimiter ?? '.';
}

/**
 * Runs a folder command. For a new name, NO [CANNOT] (RFC 5530 §3) is the server refusing the
 * name itself (Dovecot: "/" or a leading "~" in a Maildir++ name).
 */
async function imap<T>(operation: string, run: () => Promise<T>, namesFolder = false): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (namesFolder && (error as { serverResponseCode?: string }).serverResponseCode === 'CANNOT') {
      throw new Failure('FOLDER_NAME_INVALID', { operation, problem: 'refused by the server' });
    }
    throw imapFailure(error, operation);
  }
}

export async function createFolder(client: ImapFlow, request: CreateFolderRequest): Promise<Folder[]> {
  const folders = await knownFolders(client);
  const parent = request.parent ? existingFolder(folders, request.parent) : null;
  assertFolderName(request.name, parent?.delimiter ?? delimiterOf(folders));
  // imapflow joins the segments with the delimiter and encodes them (modified UTF-7, RFC 3501 §5.1.3).
  const created = await imap('create', () => client.mailboxCreate(parent ? [parent.path, request.name] : request.name), true);
  if (!created.created) throw new Failure('FOLDER_EXISTS', { path: created.path });
  return listFolders(client);
}

export async function renameFolder(client: ImapFlow, request: RenameFolderRequest): Promise<Folder[]> {
  const folders = await knownFolders(client);
  const folder = existingFolder(folders, request.path);
  assertNotProtected(folders, folder);
  assertFolderName(request.newName, folder.delimiter);
  const newPath = folder.parentPath ? [folder.parentPath, request.newName] : request.newName;
  // Dovecot answers NO [ALREADYEXISTS] for a taken name (FOLDER_EXISTS, server/imap/errors.ts).
  await imap('rename', () => client.mailboxRename(folder.path, newPath), true);
  return listFolders(client);
}

export async function deleteFolder(client: ImapFlow, path: string): Promise<Folder[]> {
  const folders = await knownFolders(client);
  const folder = existingFolder(folders, path);
  assertNotProtected(folders, folder);
  // Children first, deepest first: a server may refuse (or keep as \Noselect) a parent with children.
  for (const doomed of subtreeOf(folders, folder)) {
    await imap('delete', () => client.mailboxDelete(doomed.path));
    await client.mailboxUnsubscribe(doomed.path).catch(() => false);
  }
  return listFolders(client);
}

export async function setSubscription(client: ImapFlow, request: SubscribeRequest): Promise<Folder[]> {
  const folder = existingFolder(await knownFolders(client), request.path);
  const done = await imap('subscribe', () => (request.subscribed ? client.mailboxSubscribe(folder.path) : client.mailboxUnsubscribe(folder.path)));
  if (!done) throw new Failure('MAIL_SERVER_ERROR', { operation: request.subscribed ? 'subscribe' : 'unsubscribe', path: folder.path });
  return listFolders(client);
}
