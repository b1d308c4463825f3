// The mail services both front doors use (ARCHITECTURE: server/mail). Routes pass a MailContext
// (who, with which password, from where); only this layer touches IMAP and SMTP.
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import type { ImapFlow } from 'imapflow';
import type {
  ActionResponse, CreateFolderRequest, DeleteRequest, FlagsRequest, Folder, ListQuery, MessageListResponse, MoveRequest, RenameFolderRequest,
  SubscribeRequest, SyncQuery, SyncResponse,
} from '../../src/shared/api.js';
import type { QuotaResponse } from '../../src/shared/mailbox-settings.js';
import type { Config } from '../config.js';
import { Failure } from '../failure.js';
import { connectImap } from '../imap/connect.js';
import { ImapConnections } from '../imap/connections.js';
import { viewChanges } from '../imap/view-changes.js';
import { createFolder, deleteFolder, renameFolder, setSubscription } from './folder-admin.js';
import { ComposeService } from './compose-service.js';
import { deltaSync } from './delta-sync.js';
import { folderWithRole, knownFolders } from './folder-lookup.js';
import { listFolders } from './folders.js';
import type { KeptLists } from './list-order.js';
import { deleteMessages, moveMessages, setFlags } from './message-actions.js';
import { listMessages } from './message-list.js';
import { messagePart, type PartDownload } from './message-part.js';
import { messageSource, type MessageSource } from './message-source.js';
import { PushHub, type PushListener, type PushSubscription } from './push.js';
import { UidListCache } from './uid-list-cache.js';

export interface MailContext {
  sessionKey: string;
  user: string;
  password: string;
  clientAddress: string;
}

export class MailService {
  readonly connections: ImapConnections;
  private readonly uidLists = new UidListCache();

  /** Writing mail: uploads, send, drafts, replies (compose-service.ts). */
  readonly compose: ComposeService;

  /** IDLE on INBOX for sessions with an open event stream (push.ts): one more connection each. */
  readonly push: PushHub;

  constructor(private readonly config: Config, options: { uploadRoot?: string } = {}) {
    this.connections = new ImapConnections(config.imap);
    this.push = new PushHub(config.imap);
    this.compose = new ComposeService(config, (ctx, operation) => this.withClient(ctx, operation), options.uploadRoot ?? tmpdir());
  }

  /** Proves the credentials by an IMAP login; the caller keeps the connection for the session. */
  async signIn(user: string, password: string, clientAddress: string): Promise<ImapFlow> {
    return connectImap(this.config.imap, { user, password, clientAddress });
  }

  keepConnection(sessionKey: string, client: ImapFlow): void {
    this.connections.adopt(sessionKey, client);
  }

  async endSession(sessionKey: string): Promise<void> {
    await this.push.endSession(sessionKey);
    await this.compose.endSession(sessionKey);
    this.uidLists.dropSession(sessionKey);
    await this.connections.release(sessionKey);
  }

  /**
   * Runs an operation on the session's connection. A kept connection may have been dropped by
   * the server (restart, idle timeout, `doveadm kick`) without our socket noticing yet: when the
   * operation fails for that reason, it runs once more on a fresh connection.
   *
   * An operation that may change the selected folder (STORE, MOVE, APPEND) or take in a change
   * report inside a FETCH answer marks the connection's view as changed before and after
   * (server/imap/view-changes.ts), so no list window kept before it is trusted again. Only the
   * message list, which counts such changes itself, and LIST and GETQUOTAROOT, which change
   * nothing and hear of changes only as events, say `countsChanges`.
   */
  private async withClient<T>(ctx: MailContext, operation: (client: ImapFlow) => Promise<T>, countsChanges = false): Promise<T> {
    const credentials = { user: ctx.user, password: ctx.password, clientAddress: ctx.clientAddress };
    const run = async (client: ImapFlow): Promise<T> => {
      if (countsChanges) return operation(client);
      const changes = viewChanges(client);
      changes.unknown();
      try {
        return await operation(client);
      } finally {
        changes.unknown();
      }
    };
    const client = await this.connections.acquire(ctx.sessionKey, credentials);
    try {
      return await run(client);
    } catch (error) {
      if (!(error instanceof Failure) || error.code !== 'MAIL_SERVER_UNAVAILABLE') throw error;
      await this.connections.discard(ctx.sessionKey);
      return run(await this.connections.acquire(ctx.sessionKey, credentials));
    }
  }

  private keptLists(sessionKey: string): KeptLists {
    return {
      get: (listKey, stamp) => this.uidLists.get(sessionKey, listKey, stamp),
      set: (listKey, stamp, uids) => this.uidLists.set(sessionKey, listKey, stamp, uids),
    };
  }

  sync(ctx: MailContext, query: SyncQuery): Promise<SyncResponse> {
    return this.withClient(ctx, (client) => deltaSync(client, query));
  }

  watchInbox(ctx: MailContext, listener: PushListener): Promise<PushSubscription> {
    return this.push.subscribe(ctx.sessionKey, { user: ctx.user, password: ctx.password, clientAddress: ctx.clientAddress }, listener);
  }

  folders(ctx: MailContext): Promise<Folder[]> {
    return this.withClient(ctx, listFolders, true);
  }

  listMessages(ctx: MailContext, query: ListQuery): Promise<MessageListResponse> {
    return this.withClient(ctx, (client) => listMessages(client, query, this.keptLists(ctx.sessionKey)), true);
  }

  messageSource(ctx: MailContext, folder: string, uid: number, full: boolean): Promise<MessageSource> {
    return this.withClient(ctx, (client) => messageSource(client, folder, uid, full));
  }

  messagePart(ctx: MailContext, folder: string, uid: number, part: string): Promise<PartDownload> {
    return this.withClient(ctx, (client) => messagePart(client, folder, uid, part));
  }

  setFlags(ctx: MailContext, request: FlagsRequest): Promise<ActionResponse> {
    return this.withClient(ctx, (client) => setFlags(client, request));
  }

  moveMessages(ctx: MailContext, request: MoveRequest): Promise<ActionResponse> {
    return this.withClient(ctx, (client) => moveMessages(client, request));
  }

  deleteMessages(ctx: MailContext, request: DeleteRequest): Promise<ActionResponse> {
    return this.withClient(ctx, (client) => deleteMessages(client, request));
  }

  createFolder(ctx: MailContext, request: CreateFolderRequest): Promise<Folder[]> {
    return this.withClient(ctx, (client) => createFolder(client, request));
  }

  renameFolder(ctx: MailContext, request: RenameFolderRequest): Promise<Folder[]> {
    return this.withClient(ctx, (client) => renameFolder(client, request));
  }

  deleteFolder(ctx: MailContext, path: string): Promise<Folder[]> {
    return this.withClient(ctx, (client) => deleteFolder(client, path));
  }

  setSubscription(ctx: MailContext, request: SubscribeRequest): Promise<Folder[]> {
    return this.withClient(ctx, (client) => setSubscription(client, request));
  }

  /**
   * Storage used and allowed (GETQUOTAROOT on INBOX). FACTS: 101 ms on a 100k folder, so the
   * SPA asks for it on its own, not with every list.
   */
  quota(ctx: MailContext): Promise<QuotaResponse> {
    return this.withClient(ctx, async (client) => {
      const quota = await client.getQuota('INBOX');
      const storage = quota ? quota.storage : undefined;
      if (!storage || typeof storage.limit !== 'number' || storage.limit <= 0) return { storage: null };
      return { storage: { usedBytes: storage.usage ?? 0, limitBytes: storage.limit } };
    }, true);
  }

  /** Path of the folder marked \Junk, or "Junk" where the server marks none (a plain LIST, no counts). */
  junkFolder(ctx: MailContext): Promise<string> {
    return this.withClient(ctx, async (client) => folderWithRole(await knownFolders(client), 'junk')?.path ?? 'Junk', true);
  }

  /** Whether the IMAP server accepts a TCP connection and greets, within a short time. */
  imapReachable(timeoutMs = 3000): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = tcpConnect({ host: this.config.imap.host, port: this.config.imap.port });
      const done = (up: boolean) => {
        socket.destroy();
        resolve(up);
      };
      socket.setTimeout(timeoutMs, () => done(false));
      socket.once('error', () => done(false));
      // Implicit TLS servers say nothing before the handshake; a TCP accept is enough there.
      socket.once('connect', () => (this.config.imap.security === 'tls' ? done(true) : undefined));
      socket.once('data', (chunk) => done(/^\* (OK|PREAUTH)/i.test(chunk.toString('latin1'))));
    });
  }

  async close(): Promise<void> {
    await this.push.close();
    await this.compose.close();
    await this.connections.closeAll();
  }
}
