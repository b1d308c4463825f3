// imapflow's failures mapped onto src/shared/errors. imapflow marks a refused LOGIN or
// AUTHENTICATE with `authenticationFailed` (NO [AUTHENTICATIONFAILED], RFC 5530 §3); socket and
// TLS faults carry Node's error codes. Folder commands carry RFC 5530 response codes:
// NONEXISTENT for a missing folder, ALREADYEXISTS for a taken name, TRYCREATE (RFC 3501 §7.1)
// for a COPY/MOVE/APPEND target that does not exist.
import { Failure } from '../failure.js';

const UNREACHABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  'NoConnection', 'ConnectionTimeout', 'GreetingTimeout', 'UpgradeTimeout', 'ETLSFAILED', 'ClosedAfterConnectTLS', 'ClosedAfterConnectText',
]);

interface ImapishError {
  authenticationFailed?: boolean;
  /** imapflow's mark for a SELECT refused because the folder is gone (also without NONEXISTENT). */
  mailboxMissing?: boolean;
  code?: string;
  serverResponseCode?: string;
  responseText?: string;
  message?: string;
}

export function imapFailure(error: unknown, operation: string): Failure {
  if (error instanceof Failure) return error;
  const err = (error ?? {}) as ImapishError;
  const context = { operation, imapCode: err.code, serverResponseCode: err.serverResponseCode, detail: err.responseText ?? err.message };
  if (err.authenticationFailed) return new Failure('AUTH_FAILED', context);
  if (err.mailboxMissing || err.serverResponseCode === 'NONEXISTENT' || err.serverResponseCode === 'TRYCREATE') {
    return new Failure('FOLDER_NOT_FOUND', context);
  }
  if (err.serverResponseCode === 'ALREADYEXISTS') return new Failure('FOLDER_EXISTS', context);
  if (err.code && (UNREACHABLE.has(err.code) || err.code.startsWith('ERR_TLS') || err.code.includes('CERT'))) {
    return new Failure('MAIL_SERVER_UNAVAILABLE', context);
  }
  if (/closed|timeout|connection not available/i.test(err.message ?? '')) return new Failure('MAIL_SERVER_UNAVAILABLE', context);
  return new Failure('MAIL_SERVER_ERROR', context);
}
