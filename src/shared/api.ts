// The API contract between the SPA (src/api) and the gateway (server/api): paths, request and
// response types. Both sides import this file; neither invents a shape of its own.

export const API = {
  health: '/api/health',
  session: '/api/session',
  folders: '/api/folders',
  password: '/api/password',
  passwordPolicy: '/api/password/policy',
} as const;

/** The stand-alone, no-JavaScript password page. */
export const PASSWORD_PAGE = '/password';

/** Header that carries the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Header with the mailbox a tab believes it is signed in to (URI-encoded). When the cookie now
 * names another user's session (signed in elsewhere in this browser), the gateway answers
 * SESSION_CHANGED instead of that user's mail, so nothing of it lands in this tab's cache.
 */
export const USER_HEADER = 'x-webmail-user';
/** The same as a query parameter, for EventSource, which cannot send headers. */
export const USER_PARAM = 'user';

export interface SignInRequest {
  /** Mailbox address or short account name, whatever the IMAP server accepts. */
  username: string;
  password: string;
  /** Keep cached mail in this browser after sign-out. */
  keepOnDevice?: boolean;
}

export interface SessionInfo {
  user: string;
  csrfToken: string;
  keepOnDevice: boolean;
  idleTimeoutSeconds: number;
  /** ISO 8601: when the session ends regardless of activity. */
  expiresAt: string;
  limits: { maxAttachmentBytes: number; maxMessageBytes: number; cacheBytes: number };
}

export type SpecialUse = 'inbox' | 'drafts' | 'sent' | 'archive' | 'junk' | 'trash' | 'all' | 'flagged';

export interface Folder {
  /** Full IMAP path, the folder's identity (e.g. "INBOX", "Projects/2026"). */
  path: string;
  /** Last path segment, decoded from modified UTF-7. */
  name: string;
  delimiter: string;
  specialUse: SpecialUse | null;
  subscribed: boolean;
  /** False for \Noselect folders that only hold children. */
  selectable: boolean;
  total: number;
  unread: number;
  children: Folder[];
}

export interface FoldersResponse {
  folders: Folder[];
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  imap: 'up' | 'down';
}

export interface PasswordPolicyResponse {
  /** False when the host has no password backend: the screens say so instead of a form. */
  enabled: boolean;
  minLength: number;
  maxLength: number;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

// ---- Reading mail (issue: message list, message view, actions, folders, search) ----

export const MESSAGE_API = {
  /** GET ?folder&offset&limit&sort&order&q&filter → MessageListResponse */
  list: '/api/messages',
  /** GET ?folder&uid → raw RFC 822 source (message/rfc822), large leaves omitted (see OMITTED_HEADER) */
  source: '/api/messages/source',
  /** GET ?folder&uid&full=1 gives the complete raw source, for "view source" and download. */
  /** GET ?folder&uid&part → one body part, decoded, as a download (Content-Disposition: attachment) */
  part: '/api/messages/part',
  /** POST FlagsRequest → ActionResponse */
  flags: '/api/messages/flags',
  /** POST MoveRequest → ActionResponse */
  move: '/api/messages/move',
  /** POST DeleteRequest → ActionResponse (to Trash; in Trash itself: expunged for good) */
  delete: '/api/messages/delete',
  /** POST CreateFolderRequest, PATCH RenameFolderRequest, DELETE ?path → FoldersResponse */
  folder: '/api/folder',
  /** POST SubscribeRequest → FoldersResponse */
  subscription: '/api/folder/subscription',
} as const;

/**
 * A leaf whose body the gateway left out of `source` because it is larger than
 * SOURCE_PART_LIMIT: the part keeps its MIME headers, gets this header with its real encoded
 * size, and the OMITTED_MARKER body below. The SPA offers it as a download through `part`.
 */
export const OMITTED_HEADER = 'X-Webmail-Omitted-Bytes';
/**
 * The body the gateway gives an omitted leaf (transfer-encoded like the part itself), so a MIME
 * parser that shows no part headers still learns where to download it:
 * `X-Webmail-Omitted part=<IMAP section> bytes=<encoded size>`.
 */
export const OMITTED_MARKER = 'X-Webmail-Omitted part=';
export const SOURCE_PART_LIMIT = 256 * 1024;

export type SortKey = 'arrival' | 'date' | 'from' | 'subject' | 'size';
export type SortOrder = 'asc' | 'desc';
export type QuickFilter = 'all' | 'unread' | 'flagged';

export interface ListQuery {
  folder: string;
  offset: number;
  limit: number;
  sort?: SortKey;
  order?: SortOrder;
  /** Server-side search over sender, recipients, subject and body. */
  q?: string;
  filter?: QuickFilter;
}

export interface Address {
  name: string;
  address: string;
}

export interface MessageFlags {
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  forwarded: boolean;
  draft: boolean;
}

export interface MessageRow {
  uid: number;
  /** Position in the sorted, filtered list (0-based), so the SPA can place the row. */
  position: number;
  subject: string;
  from: Address | null;
  to: Address[];
  /** ISO 8601 from the Date header (or INTERNALDATE when it is missing or unparsable). */
  date: string;
  size: number;
  flags: MessageFlags;
  hasAttachment: boolean;
  messageId: string | null;
}

export interface FolderState {
  path: string;
  uidValidity: string;
  uidNext: number;
  /** CONDSTORE; "0" when the server has none. */
  highestModseq: string;
  total: number;
  unread: number;
}

export interface MessageListResponse {
  folder: FolderState;
  /** Number of messages matching the query (the list's full length). */
  total: number;
  offset: number;
  rows: MessageRow[];
}

export type FlagName = keyof MessageFlags;

export interface FlagsRequest {
  folder: string;
  uids: number[];
  add?: FlagName[];
  remove?: FlagName[];
}

export interface MoveRequest {
  folder: string;
  uids: number[];
  /** Target folder path, or a special-use role such as 'trash' or 'junk'. */
  target: string;
}

export interface DeleteRequest {
  folder: string;
  uids: number[];
}

export interface ActionResponse {
  /** UIDs the action applied to; UIDs that no longer existed are in `missing`. */
  done: number[];
  missing: number[];
}

export interface CreateFolderRequest {
  /** Parent folder path, or '' for the top level. */
  parent: string;
  name: string;
}

export interface RenameFolderRequest {
  path: string;
  newName: string;
}

export interface SubscribeRequest {
  path: string;
  subscribed: boolean;
}

// ---- Writing mail (issue: compose, reply, forward, attachments capped at 8 MB, send, drafts) ----

export const COMPOSE_API = {
  /**
   * POST multipart/form-data (one file, field "file") ?compose=<id> → UploadedAttachment;
   * DELETE ?compose&id → 204 (also when the id is gone already)
   */
  attachments: '/api/compose/attachments',
  /** POST SendRequest → SendResponse */
  send: '/api/compose/send',
  /** POST SaveDraftRequest → SaveDraftResponse */
  draft: '/api/compose/draft',
  /**
   * POST OpenDraftRequest → DraftContent: a saved draft to write on, its attachments copied under
   * the compose id (a POST, since it stores those copies).
   */
  openDraft: '/api/compose/draft/open',
  /**
   * POST StartComposeRequest ?lang=de|en&tz=<IANA zone, e.g. Europe/Berlin> → DraftContent (a reply,
   * reply-all or forward prepared from the original). `lang` is the language of the quote header
   * (default: Accept-Language), `tz` the zone of its dates (default UTC). Attachments already
   * uploaded under the compose id are replaced (forward: by the original's).
   */
  start: '/api/compose/start',
  /** GET ?q → AddressSuggestion[] (addresses seen in the user's mail) */
  contacts: '/api/compose/contacts',
} as const;

export type ComposeKind = 'new' | 'reply' | 'replyAll' | 'forward';

export interface UploadedAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface ComposeMessage {
  /**
   * Client-made id (UUID) of this message being written: attachments are uploaded under it, and
   * all attachments of one compose id together may not pass the attachment limit.
   */
  composeId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  /** Rich-text mode: sent as multipart/alternative with `text` as the plain part. */
  html?: string;
  /** Ids of UploadedAttachment, in order. */
  attachments: string[];
  /** The message this answers or forwards (sets In-Reply-To/References and the flags). */
  original?: { folder: string; uid: number; kind: Exclude<ComposeKind, 'new'> };
}

export interface SendRequest extends ComposeMessage {
  /** The draft this message was saved as; removed from Drafts after sending. */
  draftUid?: number;
}

export interface SendResponse {
  messageId: string;
  /** False when the copy to Sent failed after a successful send (the mail did go out). */
  savedToSent: boolean;
}

export interface OpenDraftRequest {
  folder: string;
  uid: number;
  /** The compose id the draft's attachments are copied under. */
  compose: string;
}

export interface SaveDraftRequest extends ComposeMessage {
  /** The previous version in Drafts, replaced by this one. */
  replaceUid?: number;
}

export interface SaveDraftResponse {
  uid: number | null;
}

export interface StartComposeRequest {
  composeId: string;
  original: { folder: string; uid: number; kind: Exclude<ComposeKind, 'new'> };
}

/** A message to write on (a draft, a prepared reply): its attachments already uploaded. */
export interface DraftContent extends Omit<ComposeMessage, 'attachments'> {
  attachments: UploadedAttachment[];
}

export interface AddressSuggestion {
  name: string;
  address: string;
}

// ---- Instant and offline (issue 7: IndexedDB cache, delta sync, push of new mail) ----

export const SYNC_API = {
  /** GET SyncQuery → SyncResponse */
  delta: '/api/sync',
  /** GET → text/event-stream of MailboxEvent (`event: mailbox`), while the tab is open */
  events: '/api/events',
} as const;

export interface SyncQuery {
  folder: string;
  /** The folder's state as the client stored it from its last complete sync (or list window). */
  uidValidity: string;
  highestModseq: string;
  uidNext: number;
  /**
   * Paging inside one CONDSTORE sync: the `next.resumeUid` of an answer with `more`. With it,
   * `highestModseq` means "changes with a lower modseq, and those with exactly this modseq up
   * to this UID, were delivered"; without it, everything up to `highestModseq` was.
   */
  resumeUid?: number;
  /**
   * Only for servers without CONDSTORE/QRESYNC: the UIDs the client holds (a compact IMAP UID
   * set, "1:40,42"), so the gateway can tell vanished messages and send their current flags.
   */
  knownUids?: string;
}

export interface SyncResponse {
  /** The folder as the server sees it now; store it once `more` is false. */
  folder: FolderState;
  /** UIDVALIDITY changed (RFC 3501 §2.3.1.1): drop the folder's cache; nothing else is sent. */
  reset: boolean;
  /** New messages and messages whose flags changed, as full rows; `position` is -1. */
  changed: MessageRow[];
  /** UIDs expunged since the client's state. */
  vanished: number[];
  /**
   * Without CONDSTORE only: the current flags of the known messages (of the newest 5,000 of
   * them), since the gateway cannot tell which changed; the client compares.
   */
  knownFlags?: { uid: number; flags: MessageFlags }[];
  /** The answer was bounded: ask again with the values in `next` before storing `folder`. */
  more: boolean;
  next?: { highestModseq: string; resumeUid?: number; uidNext: number };
}

/** Pushed as `event: mailbox` on SYNC_API.events when the folder changes on the server. */
export interface MailboxEvent {
  folder: string;
  /** A change means the folder's cache must go (as SyncResponse.reset). */
  uidValidity: string;
  exists: number;
  uidNext: number;
  highestModseq: string;
  unread: number;
}

// ---- Mail programs (issue 9: setting up Thunderbird, Outlook, Apple Mail and phones) ----

export const SETUP_API = {
  /** GET → MailSetupResponse for the signed-in mailbox */
  setup: '/api/setup',
  /** GET → an Apple configuration profile (.mobileconfig) for the signed-in mailbox, without its password */
  appleProfile: '/api/setup/apple-mail.mobileconfig',
} as const;

/** `tls`: the connection is encrypted from the first byte (SSL/TLS); `starttls`: it starts plain and upgrades. */
export type ConnectionSecurity = 'tls' | 'starttls';

export interface MailServerSettings {
  host: string;
  port: number;
  security: ConnectionSecurity;
}

export interface MailSetupResponse {
  /** The name mail programs show for the account (MAIL_PROVIDER_NAME). */
  providerName: string;
  /** What mail programs sign in with, for IMAP and SMTP alike: the mailbox name signed in here. */
  username: string;
  /** The mailbox's email address; null for a short account name when the host set no MAIL_DOMAIN. */
  address: string | null;
  /** IMAP. */
  incoming: MailServerSettings;
  /** SMTP submission: always with authentication, by the same user name and password. */
  outgoing: MailServerSettings;
}
