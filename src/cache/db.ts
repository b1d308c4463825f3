// The browser's own store (IndexedDB through idb), one database per mailbox so another user of
// the same browser never sees this one's data. Schema versions migrate in order: version 1
// holds the messages being written (local drafts), which must survive a crash or a closed tab;
// version 2 adds what was seen of the mailbox (folder tree, list windows, message sources);
// version 3 the changes made while offline (outbox).
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DeleteRequest, FlagsRequest, Folder, MessageListResponse, MoveRequest } from '../shared/api.js';

export interface LocalDraft {
  composeId: string;
  updatedAt: number;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  text: string;
  attachments: { id: string; filename: string; contentType: string; size: number }[];
  original?: { folder: string; uid: number; kind: 'reply' | 'replyAll' | 'forward' };
  /** The version saved to the IMAP Drafts folder, replaced on the next save. */
  draftUid?: number;
}

export interface CachedFolders {
  key: 'tree';
  folders: Folder[];
  savedAt: number;
}

export interface CachedWindow {
  /** folder|sort|order|q|filter|offset */
  key: string;
  folder: string;
  response: MessageListResponse;
  savedAt: number;
}

export interface CachedSource {
  /** folder|uidValidity|uid: a UID names one message for good only within its UIDVALIDITY. */
  key: string;
  folder: string;
  raw: ArrayBuffer;
  size: number;
  lastAccess: number;
}

/** A change made while offline, replayed in order when the gateway can be reached again. */
export interface QueuedAction {
  id?: number;
  createdAt: number;
  action:
    | { kind: 'flags'; request: FlagsRequest }
    | { kind: 'move'; request: MoveRequest }
    | { kind: 'delete'; request: DeleteRequest };
}

interface CacheSchema extends DBSchema {
  outbox: { key: number; value: QueuedAction };
  localDrafts: { key: string; value: LocalDraft; indexes: { updatedAt: number } };
  folders: { key: string; value: CachedFolders };
  windows: { key: string; value: CachedWindow; indexes: { folder: string } };
  sources: { key: string; value: CachedSource; indexes: { lastAccess: number; folder: string } };
}

export type CacheDatabase = IDBPDatabase<CacheSchema>;
export const SCHEMA_VERSION = 3;

/** A stable, non-reversible database name for a mailbox (the address is not written in clear). */
export async function databaseName(user: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(user.trim().toLowerCase()));
  return `webmail-${[...new Uint8Array(digest)].slice(0, 12).map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const opened = new Map<string, Promise<IDBPDatabase<CacheSchema>>>();

export function openCache(user: string): Promise<IDBPDatabase<CacheSchema>> {
  const key = user.trim().toLowerCase();
  let db = opened.get(key);
  if (!db) {
    db = databaseName(user).then((name) =>
      openDB<CacheSchema>(name, SCHEMA_VERSION, {
        upgrade(database, oldVersion) {
          if (oldVersion < 1) {
            const drafts = database.createObjectStore('localDrafts', { keyPath: 'composeId' });
            drafts.createIndex('updatedAt', 'updatedAt');
          }
          if (oldVersion < 2) {
            database.createObjectStore('folders', { keyPath: 'key' });
            database.createObjectStore('windows', { keyPath: 'key' }).createIndex('folder', 'folder');
            const sources = database.createObjectStore('sources', { keyPath: 'key' });
            sources.createIndex('lastAccess', 'lastAccess');
            sources.createIndex('folder', 'folder');
          }
          if (oldVersion < 3) {
            database.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
          }
        },
      }),
    );
    opened.set(key, db);
  }
  return db;
}

/** Sign-out without "keep mail on this device": nothing of this mailbox stays in the browser. */
export async function wipeCache(user: string): Promise<void> {
  const key = user.trim().toLowerCase();
  const db = opened.get(key);
  opened.delete(key);
  if (db) (await db.catch(() => null))?.close();
  await deleteDB(await databaseName(user));
}
