// Opens one authenticated imapflow connection. The client's address goes to Dovecot through
// the IMAP ID command (RFC 2971) as x-originating-ip, which Dovecot believes from
// login_trusted_networks, so its brute-force penalty and logs see the real client.
import { ImapFlow } from 'imapflow';
import type { Config } from '../config.js';
import { imapFailure } from './errors.js';

export interface ImapCredentials {
  user: string;
  password: string;
  clientAddress: string;
}

/** Per-connection tuning: the push watcher's connection starts IDLE at once (server/mail/push.ts). */
export interface ImapTuning {
  autoIdleDelay?: number;
}

export function createImapClient(imap: Config['imap'], credentials: ImapCredentials, tuning: ImapTuning = {}): ImapFlow {
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.security === 'tls',
    // FACTS: imapflow upgrades with STARTTLS on its own when offered; `none` means loopback only.
    doSTARTTLS: imap.security === 'starttls' ? true : imap.security === 'none' ? false : undefined,
    tls: { rejectUnauthorized: imap.tlsVerify },
    auth: { user: credentials.user, pass: credentials.password },
    clientInfo: { name: 'webmail-gateway', 'x-originating-ip': credentials.clientAddress },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 5 * 60_000,
    emitLogs: false,
    // ENABLE QRESYNC (RFC 7162 §3.2.3) so delta sync gets VANISHED (EARLIER) with CHANGEDSINCE
    // (§3.2.6); the server then reports expunges as VANISHED, which imapflow handles alike.
    qresync: true,
    ...tuning,
  });
}

export async function connectImap(imap: Config['imap'], credentials: ImapCredentials, tuning: ImapTuning = {}): Promise<ImapFlow> {
  const client = createImapClient(imap, credentials, tuning);
  // Without a listener, a socket error after connect would be an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    throw imapFailure(error, 'connect');
  }
}
