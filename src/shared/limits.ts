// Limits both front doors and the gateway agree on. The gateway's settings may lower or raise
// the byte limits; these are the defaults and what the SPA assumes before it has asked.

/** All attachments of one message together (issue: 8 MB). */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;
/** The whole message as submitted, matching Postfix's message_size_limit default here. */
export const DEFAULT_MAX_MESSAGE_BYTES = 50 * 1024 * 1024;
/** Rows per window of the message list. */
export const PAGE_SIZE = 50;
/** Longest mailbox address we accept at sign-in (RFC 5321 §4.5.3.1.3 path limit). */
export const MAX_ADDRESS_LENGTH = 256;
/** Longest password we pass on; long enough for any passphrase, short enough to bound work. */
export const MAX_PASSWORD_LENGTH = 1024;
