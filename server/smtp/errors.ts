// nodemailer's SMTP failures mapped onto src/shared/errors. Its errors carry `code` (EAUTH,
// EENVELOPE, …), the server's `responseCode` and `response`, and the `command` that failed
// (CONVENTIONS: nodemailer's lib/errors.js). FACTS lists what Postfix with Dovecot SASL answers:
// wrong password 535 5.7.8; relay 554 5.7.1 Relay access denied; another user's sender 553 …
// not owned by user; unknown local user 550 5.1.1 … User unknown. The protocol text goes to the
// log only.
import type { ErrorCode } from '../../src/shared/errors.js';
import { Failure } from '../failure.js';

export interface SmtpishError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
  recipient?: string;
}

const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The code for one refused SMTP reply; `null` when the reply says nothing we can name. */
export function codeForReply(responseCode: number | undefined, response: string, command: string | undefined): ErrorCode | null {
  // RFC 3463 enhanced status codes where the server sends them, the reply text where not.
  if (responseCode === 535 || responseCode === 534 || /\b5\.7\.8\b/.test(response)) return 'SMTP_AUTH_FAILED';
  if (/relay access denied|relaying denied|\b5\.7\.1\b.*relay/i.test(response)) return 'RELAY_DENIED';
  if (/not owned by user|sender address rejected|\b5\.7\.1\b.*sender/i.test(response) || (command === 'MAIL FROM' && responseCode === 553)) {
    return 'SENDER_REFUSED';
  }
  if (responseCode === 552 || /\b5\.3\.4\b|message size exceeds|too (big|large)/i.test(response)) return 'MESSAGE_TOO_LARGE';
  if (command === 'RCPT TO' || /\b5\.1\.[0-9]\b|user unknown|recipient address rejected/i.test(response)) return 'RECIPIENT_REFUSED';
  return null;
}

export function smtpFailure(error: unknown, operation: string): Failure {
  if (error instanceof Failure) return error;
  const err = (error ?? {}) as SmtpishError;
  const response = err.response ?? '';
  const context = { operation, smtpCode: err.code, responseCode: err.responseCode, command: err.command, detail: response || err.message };
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH') return new Failure('SMTP_AUTH_FAILED', context);
  if (err.code && UNREACHABLE.has(err.code)) return new Failure('MAIL_SERVER_UNAVAILABLE', context);
  // nodemailer compares the message with the server's EHLO SIZE (RFC 1870) before MAIL FROM.
  if (err.code === 'EMESSAGE' && /size larger than allowed/i.test(err.message ?? '')) return new Failure('MESSAGE_TOO_LARGE', context);
  // A 4xx reply is a temporary refusal (greylisting, a full queue): the user may try again later.
  if (err.responseCode && err.responseCode < 500 && err.responseCode >= 400 && err.code !== 'EENVELOPE') {
    return new Failure('MAIL_SERVER_UNAVAILABLE', context);
  }
  const code = codeForReply(err.responseCode, response, err.command);
  return new Failure(code ?? 'MAIL_SERVER_ERROR', context);
}

/**
 * The refusal that decides a message some of whose recipients were refused: relay and sender
 * refusals say more than an unknown user, so they win.
 */
export function recipientsFailure(rejected: SmtpishError[]): Failure {
  const failures = rejected.map((err) => smtpFailure({ ...err, command: err.command ?? 'RCPT TO' }, 'rcpt'));
  const rank: ErrorCode[] = ['SMTP_AUTH_FAILED', 'SENDER_REFUSED', 'RELAY_DENIED', 'RECIPIENT_REFUSED'];
  const order = (failure: Failure) => (rank.includes(failure.code) ? rank.indexOf(failure.code) : rank.length);
  failures.sort((a, b) => order(a) - order(b));
  const first = failures[0] ?? new Failure('RECIPIENT_REFUSED');
  return new Failure(first.code, { ...first.context, refused: rejected.map((err) => ({ recipient: err.recipient, response: err.response })) });
}
