// Submission of one composed message through the host's SMTP server (RFC 6409), authenticated
// with the session's own credentials, on a connection used for this message only.
//
// All or nothing: nodemailer goes on to DATA when at least one RCPT TO was accepted and reports
// the refused ones afterwards, so a message to one good and one mistyped address would reach
// the good one while the user is told it failed; sending again then duplicates it. Here the
// message body is held back until every recipient has been accepted: if any was refused, the
// connection is dropped before the terminating "." and the server discards the transaction
// (RFC 5321 §4.1.1.4: the message is only accepted on the final reply to the end of data).
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Config } from '../config.js';
import { Failure } from '../failure.js';
import { recipientsFailure, smtpFailure, type SmtpishError } from './errors.js';

export interface SmtpCredentials {
  user: string;
  password: string;
}

export interface SmtpEnvelope {
  from: string;
  to: string[];
}

interface TrackedEnvelope extends SmtpEnvelope {
  size: number;
  // nodemailer's SMTPConnection records the RCPT TO outcome on the envelope object it was given.
  accepted?: string[];
  rejected?: string[];
  rejectedErrors?: SmtpishError[];
}

function openConnection(smtp: Config['smtp']): SMTPConnection {
  return new SMTPConnection({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    tls: { rejectUnauthorized: smtp.tlsVerify },
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 120_000,
    logger: false,
  });
}

/**
 * The message as a stream that yields its bytes only once every RCPT TO was accepted; otherwise
 * it fails, and the caller closes the connection mid-DATA.
 */
function gatedMessage(raw: Buffer, envelope: TrackedEnvelope, onRefused: (failure: Failure) => void): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      const { accepted, rejectedErrors } = envelope;
      if (!Array.isArray(accepted) || !Array.isArray(rejectedErrors)) {
        // The library stopped reporting recipients this way: refuse rather than send blind.
        onRefused(new Failure('MAIL_SERVER_ERROR', { operation: 'smtp envelope', detail: 'recipient outcome unknown' }));
        this.destroy(new Error('recipient outcome unknown'));
        return;
      }
      if (rejectedErrors.length > 0 || accepted.length !== envelope.to.length) {
        onRefused(recipientsFailure(rejectedErrors));
        this.destroy(new Error('recipient refused'));
        return;
      }
      this.push(raw);
      this.push(null);
    },
  });
}

/** Sends `raw` (CRLF line ends, no Bcc header) to `envelope.to`; resolves once the server took it. */
export async function submitMessage(smtp: Config['smtp'], credentials: SmtpCredentials, envelope: SmtpEnvelope, raw: Buffer): Promise<void> {
  const connection = openConnection(smtp);
  // Socket faults (refused, reset, timed out) arrive as 'error' events, not through the step's
  // callback: every step races them.
  const broken = new Promise<never>((_, reject) => connection.on('error', reject));
  broken.catch(() => undefined);
  const step = <T>(run: (done: (error: unknown, result?: T) => void) => void): Promise<T> =>
    Promise.race([new Promise<T>((resolve, reject) => run((error, result) => (error ? reject(error) : resolve(result as T)))), broken]);
  let refused: Failure | null = null;
  try {
    await step<void>((done) => connection.connect((error) => done(error)));
    await step<boolean | undefined>((done) => connection.login({ user: credentials.user, pass: credentials.password }, done));
    // SIZE (RFC 1870) lets the server refuse a message too large for it before it is sent.
    const tracked: TrackedEnvelope = { from: envelope.from, to: [...envelope.to], size: raw.length };
    const message = gatedMessage(raw, tracked, (failure) => (refused = failure));
    await step((done) => connection.send(tracked, message, done));
    connection.quit();
  } catch (error) {
    connection.close();
    if (refused) throw refused;
    // Every recipient refused: nodemailer fails the envelope and lists each refusal.
    const rejectedErrors = (error as { rejectedErrors?: SmtpishError[] }).rejectedErrors;
    if (Array.isArray(rejectedErrors) && rejectedErrors.length > 0) throw recipientsFailure(rejectedErrors);
    throw smtpFailure(error, 'submit');
  }
}
