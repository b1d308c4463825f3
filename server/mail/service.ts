// The mail services both front doors use (ARCHITECTURE: server/mail). Routes pass a MailContext
// (who, with which password, from where); only this layer touches IMAP and SMTP.
import { connect as tcpConnect } from 'node:net';
import type { ImapFlow } from 'imapflow';
import type { Folder } from '../../src/shared/api.js';
import type { Config } from '../config.js';
import { Failure } from '../failure.js';
import { connectImap } from '../imap/connect.js';
import { ImapConnections } from '../imap/connections.js';
import { listFolders } from './folders.js';

export interface MailContext {
  sessionKey: string;
  user: string;
  password: string;
  clientAddress: string;
}

export class MailService {
  readonly connections: ImapConnections;

  constructor(private readonly config: Config) {
    this.connections = new ImapConnections(config.imap);
  }

  /** Proves the credentials by an IMAP login; the caller keeps the connection for the session. */
  async signIn(user: string, password: string, clientAddress: string): Promise<ImapFlow> {
    return connectImap(this.config.imap, { user, password, clientAddress });
  }

  keepConnection(sessionKey: string, client: ImapFlow): void {
    this.connections.adopt(sessionKey, client);
  }

  async endSession(sessionKey: string): Promise<void> {
    await this.connections.release(sessionKey);
  }

  /**
   * Runs an operation on the session's connection. A kept connection may have been dropped by
   * the server (restart, idle timeout, `doveadm kick`) without our socket noticing yet: when the
   * operation fails for that reason, it runs once more on a fresh connection.
   */
  private async withClient<T>(ctx: MailContext, operation: (client: ImapFlow) => Promise<T>): Promise<T> {
    const credentials = { user: ctx.user, password: ctx.password, clientAddress: ctx.clientAddress };
    const client = await this.connections.acquire(ctx.sessionKey, credentials);
    try {
      return await operation(client);
    } catch (error) {
      if (!(error instanceof Failure) || error.code !== 'MAIL_SERVER_UNAVAILABLE') throw error;
      await this.connections.discard(ctx.sessionKey);
      return operation(await this.connections.acquire(ctx.sessionKey, credentials));
    }
  }

  folders(ctx: MailContext): Promise<Folder[]> {
    return this.withClient(ctx, listFolders);
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
    await this.connections.closeAll();
  }
}
