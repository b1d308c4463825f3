// The mail services both front doors use (ARCHITECTURE: server/mail). Routes pass a MailContext
// (who, with which password, from where); only this layer touches IMAP and SMTP.
import { connect as tcpConnect } from 'node:net';
import type { ImapFlow } from 'imapflow';
import type { Folder } from '../../src/shared/api.js';
import type { Config } from '../config.js';
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

  private client(ctx: MailContext): Promise<ImapFlow> {
    return this.connections.acquire(ctx.sessionKey, { user: ctx.user, password: ctx.password, clientAddress: ctx.clientAddress });
  }

  async folders(ctx: MailContext): Promise<Folder[]> {
    return listFolders(await this.client(ctx));
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
