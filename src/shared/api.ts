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
  limits: { maxAttachmentBytes: number; maxMessageBytes: number };
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
