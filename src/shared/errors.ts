// The one list of failures a user can meet (CONVENTIONS: nodemailer's lib/errors.js).
// Each code carries its HTTP status, a description for logs and developers, and the key of its
// German and English text in src/i18n. Protocol context goes to the log; the code goes to the user.

export const ERRORS = {
  AUTH_FAILED: { status: 401, description: 'The mail server refused the address or password.' },
  AUTH_REQUIRED: { status: 401, description: 'No valid session: the request needs a signed-in user.' },
  SESSION_EXPIRED: { status: 401, description: 'The session ended after its idle or absolute timeout.' },
  SESSION_CHANGED: { status: 409, description: 'The session cookie now belongs to another user than the one this tab shows (signed in again elsewhere in this browser).' },
  CSRF_REJECTED: { status: 403, description: 'The request lacked a valid CSRF token or came from another site.' },
  RATE_LIMITED: { status: 429, description: 'Too many failed sign-ins from this client or for this account.' },
  BAD_REQUEST: { status: 400, description: 'The request did not match the API contract.' },
  NOT_FOUND: { status: 404, description: 'No such API route or object.' },
  FOLDER_NOT_FOUND: { status: 404, description: 'The folder does not exist on the mail server.' },
  MESSAGE_NOT_FOUND: { status: 404, description: 'The message is gone (moved or deleted elsewhere) or its folder was reset.' },
  FOLDER_EXISTS: { status: 409, description: 'A folder of that name exists already.' },
  FOLDER_PROTECTED: { status: 409, description: 'INBOX and special-use folders cannot be renamed or deleted here.' },
  FOLDER_NAME_INVALID: { status: 400, description: 'The folder name is empty, too long, or contains the hierarchy separator or control characters.' },
  ATTACHMENTS_TOO_LARGE: { status: 413, description: 'The attachments of one message exceed the attachment limit.' },
  MESSAGE_TOO_LARGE: { status: 413, description: 'The whole message exceeds the message size limit.' },
  CURRENT_PASSWORD_WRONG: { status: 403, description: 'The current password given for a password change was refused by the mail server.' },
  PASSWORD_MISMATCH: { status: 422, description: 'The new password and its repetition differ.' },
  PASSWORD_TOO_SHORT: { status: 422, description: 'The new password has fewer characters than the policy minimum.' },
  PASSWORD_TOO_LONG: { status: 422, description: 'The new password has more characters than the policy maximum.' },
  PASSWORD_COMMON: { status: 422, description: 'The new password is on the blocklist of common passwords.' },
  PASSWORD_IS_MAILBOX: { status: 422, description: 'The new password equals the mailbox name or its local part.' },
  PASSWORD_UNCHANGED: { status: 422, description: 'The new password equals the current one.' },
  PASSWORD_INVALID_CHARACTERS: { status: 422, description: 'The new password contains control characters (line breaks, tabs, NUL).' },
  PASSWORD_CHANGE_UNAVAILABLE: { status: 503, description: 'The password store could not be changed; nothing was changed.' },
  ADDRESS_INVALID: { status: 400, description: 'A recipient address is not a valid mailbox address.' },
  HEADER_INJECTION: { status: 400, description: 'A subject, name or address contained a line break.' },
  NO_RECIPIENTS: { status: 400, description: 'The message has no recipient.' },
  SMTP_AUTH_FAILED: { status: 502, description: 'The SMTP server refused the session credentials (535).' },
  RELAY_DENIED: { status: 422, description: 'The SMTP server does not relay to that domain (550/554 relay access denied).' },
  RECIPIENT_REFUSED: { status: 422, description: 'The SMTP server refused a recipient (550 user unknown and the like).' },
  SENDER_REFUSED: { status: 422, description: 'The SMTP server refused the sender address (553 not owned by user).' },
  UPLOAD_NOT_FOUND: { status: 404, description: 'An attachment of this message is no longer on the gateway (expired or removed).' },
  MAIL_SERVER_UNAVAILABLE: { status: 503, description: 'The IMAP or SMTP server could not be reached.' },
  MAIL_SERVER_ERROR: { status: 502, description: 'The mail server answered a command with an error.' },
  AUTORESPONDER_MESSAGE_MISSING: { status: 422, description: 'An active autoresponder needs a message.' },
  AUTORESPONDER_TOO_LONG: { status: 422, description: 'The autoresponder text or subject prefix is too long.' },
  DATE_INVALID: { status: 422, description: 'A date is not a calendar date (YYYY-MM-DD).' },
  DATE_RANGE_INVALID: { status: 422, description: 'The end date lies before the start date.' },
  FORWARD_ADDRESS_INVALID: { status: 422, description: 'A forwarding target is not a valid mailbox address.' },
  FORWARD_TOO_MANY: { status: 422, description: 'More forwarding targets than allowed.' },
  FORWARD_TO_SELF: { status: 422, description: 'Forwarding to the mailbox itself would loop.' },
  OTHER_SCRIPT_ACTIVE: { status: 409, description: 'Another Sieve script is active; saving would replace it and needs confirmation (detail: its name).' },
  FILTER_REFUSED: { status: 422, description: 'The mail server refused the generated Sieve script (detail: its reason).' },
  FILTER_QUOTA: { status: 507, description: 'The mail server has no room for another or a larger Sieve script.' },
  FILTERS_UNAVAILABLE: { status: 503, description: 'Mailbox settings are not available: no ManageSieve server is configured.' },
  NETWORK: { status: 0, description: 'The browser could not reach the gateway (offline or gateway down).' },
  INTERNAL: { status: 500, description: 'An unexpected fault in the gateway; details are only in its log.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, value);
}

/** The i18n key that holds a code's German and English text. */
export function errorTextKey(code: ErrorCode): `error.${ErrorCode}` {
  return `error.${code}`;
}

/** The JSON body of every failed /api response. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    /** English description, for developers; the UI shows the localized text of `code`. */
    message: string;
    /** For RATE_LIMITED: seconds until another attempt is allowed. */
    retryAfterSeconds?: number;
    /** For a refused new password: every rule it broke (the first is `code`). */
    problems?: ErrorCode[];
    /** Words from the mail server, or the name the error refers to (e.g. a script's name). */
    detail?: string;
  };
}
