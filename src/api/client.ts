// The browser's one client for /api: the only code in the SPA that calls fetch. Every failure
// becomes an ApiError with a code from src/shared/errors.ts, never a raw Response or a string.
import {
  API, CSRF_HEADER, USER_HEADER, MESSAGE_API,
  COMPOSE_API, SYNC_API, type SyncQuery, type SyncResponse,
  SETUP_API, type MailSetupResponse,
  type AddressSuggestion, type DraftContent, type SaveDraftRequest, type SaveDraftResponse, type SendRequest, type SendResponse,
  type StartComposeRequest, type UploadedAttachment, type OpenDraftRequest,
  type ActionResponse, type CreateFolderRequest, type DeleteRequest, type RenameFolderRequest, type SubscribeRequest, type FlagsRequest, type ListQuery, type MessageListResponse, type MoveRequest,
  type ChangePasswordRequest, type FoldersResponse, type HealthResponse, type PasswordPolicyResponse,
  type SessionInfo, type SignInRequest,
} from '../shared/api.js';
import { isErrorCode, type ErrorBody, type ErrorCode } from '../shared/errors.js';
import { SETTINGS_API, type MailboxSettingsState, type QuotaResponse, type SaveMailboxSettingsRequest } from '../shared/mailbox-settings.js';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly retryAfterSeconds?: number,
    /** For a refused new password: every rule it broke. */
    readonly problems: ErrorCode[] = [],
    /** Words from the mail server, or the name the error refers to. */
    readonly detail?: string,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
}

export class ApiClient {
  private csrfToken: string | null = null;
  /** The mailbox this tab shows, sent as USER_HEADER (null: not signed in, or not confirmed yet). */
  private user: string | null = null;
  /** Called when the gateway says the cookie now names another user (SESSION_CHANGED). */
  onSessionChanged: (() => void) | null = null;
  private held: Promise<void> | null = null;
  /** When the gateway last gave a successful answer (ms since the epoch; 0: not yet). */
  lastAnswerAt = 0;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * Until `check` settles, every request but the session's own waits; if it rejects, they fail with
   * its error instead of being sent. The SPA starts from the session it remembers while the gateway
   * confirms it: nothing goes out (and no answer lands in that mailbox's cache) under a cookie
   * that may by now belong to nobody or to someone else.
   */
  holdUntil(check: Promise<void>): void {
    const held: Promise<void> = check.finally(() => {
      if (this.held === held) this.held = null;
    });
    held.catch(() => undefined);
    this.held = held;
  }

  private async send(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    if (this.held && path !== API.session) await this.held;
    const headers: Record<string, string> = { accept };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers[CSRF_HEADER] = this.csrfToken;
    if (this.user && !(method === 'POST' && path === API.session)) headers[USER_HEADER] = encodeURIComponent(this.user);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError('NETWORK', 0);
    }
    if (response.ok) this.lastAnswerAt = Date.now();
    if (!response.ok) {
      const payload: unknown = await response.json().catch(() => null);
      const error = (payload as ErrorBody | null)?.error;
      const code: ErrorCode = isErrorCode(error?.code) ? error.code : response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
      if (code === 'AUTH_REQUIRED' || code === 'SESSION_EXPIRED') {
        this.csrfToken = null;
        this.user = null;
      }
      if (code === 'SESSION_CHANGED') this.onSessionChanged?.();
      const detail = typeof error?.detail === 'string' ? error.detail : undefined;
      throw new ApiError(code, response.status, error?.retryAfterSeconds, (error?.problems ?? []).filter(isErrorCode), detail);
    }
    return response;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status === 204) return undefined as T;
    const payload: unknown = await response.json().catch(() => null);
    if (payload === null) throw new ApiError('INTERNAL', response.status);
    return payload as T;
  }

  /** False for a session restored from this device while offline (no CSRF token yet). */
  get hasCsrfToken(): boolean {
    return this.csrfToken !== null;
  }

  async signIn(request: SignInRequest): Promise<SessionInfo> {
    const session = await this.request<SessionInfo>('POST', API.session, request);
    this.csrfToken = session.csrfToken;
    this.user = session.user;
    return session;
  }

  async session(): Promise<SessionInfo> {
    const session = await this.request<SessionInfo>('GET', API.session);
    this.csrfToken = session.csrfToken;
    this.user = session.user;
    return session;
  }

  async signOut(): Promise<void> {
    try {
      await this.request<void>('DELETE', API.session);
    } finally {
      this.csrfToken = null;
      this.user = null;
    }
  }

  folders(): Promise<FoldersResponse> {
    return this.request<FoldersResponse>('GET', API.folders);
  }

  passwordPolicy(): Promise<PasswordPolicyResponse> {
    return this.request<PasswordPolicyResponse>('GET', API.passwordPolicy);
  }

  changePassword(request: ChangePasswordRequest): Promise<void> {
    return this.request<void>('POST', API.password, request);
  }

  mailboxSettings(): Promise<MailboxSettingsState> {
    return this.request<MailboxSettingsState>('GET', SETTINGS_API.settings);
  }

  saveMailboxSettings(request: SaveMailboxSettingsRequest): Promise<MailboxSettingsState> {
    return this.request<MailboxSettingsState>('PUT', SETTINGS_API.settings, request);
  }

  quota(): Promise<QuotaResponse> {
    return this.request<QuotaResponse>('GET', SETTINGS_API.quota);
  }

  mailSetup(): Promise<MailSetupResponse> {
    return this.request<MailSetupResponse>('GET', SETUP_API.setup);
  }

  messages(query: ListQuery): Promise<MessageListResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
    return this.request<MessageListResponse>('GET', `${MESSAGE_API.list}?${params}`);
  }

  /** The message's raw source (large attachments left out by the gateway). */
  async messageSource(folder: string, uid: number): Promise<ArrayBuffer> {
    const params = new URLSearchParams({ folder, uid: String(uid) });
    const response = await this.send('GET', `${MESSAGE_API.source}?${params}`, undefined, 'message/rfc822');
    return response.arrayBuffer();
  }

  setFlags(request: FlagsRequest): Promise<ActionResponse> {
    return this.request<ActionResponse>('POST', MESSAGE_API.flags, request);
  }

  move(request: MoveRequest): Promise<ActionResponse> {
    return this.request<ActionResponse>('POST', MESSAGE_API.move, request);
  }

  delete(request: DeleteRequest): Promise<ActionResponse> {
    return this.request<ActionResponse>('POST', MESSAGE_API.delete, request);
  }

  createFolder(request: CreateFolderRequest): Promise<FoldersResponse> {
    return this.request<FoldersResponse>('POST', MESSAGE_API.folder, request);
  }

  renameFolder(request: RenameFolderRequest): Promise<FoldersResponse> {
    return this.request<FoldersResponse>('PATCH', MESSAGE_API.folder, request);
  }

  deleteFolder(path: string): Promise<FoldersResponse> {
    return this.request<FoldersResponse>('DELETE', `${MESSAGE_API.folder}?${new URLSearchParams({ path })}`);
  }

  subscribe(request: SubscribeRequest): Promise<FoldersResponse> {
    return this.request<FoldersResponse>('POST', MESSAGE_API.subscription, request);
  }

  sendMessage(request: SendRequest): Promise<SendResponse> {
    return this.request<SendResponse>('POST', COMPOSE_API.send, request);
  }

  saveDraft(request: SaveDraftRequest): Promise<SaveDraftResponse> {
    return this.request<SaveDraftResponse>('POST', COMPOSE_API.draft, request);
  }

  loadDraft(folder: string, uid: number, composeId: string): Promise<DraftContent> {
    return this.request<DraftContent>('POST', COMPOSE_API.openDraft, { folder, uid, compose: composeId } satisfies OpenDraftRequest);
  }

  startCompose(request: StartComposeRequest, lang: string): Promise<DraftContent> {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return this.request<DraftContent>('POST', `${COMPOSE_API.start}?${new URLSearchParams({ lang, tz })}`, request);
  }

  contacts(q: string): Promise<AddressSuggestion[]> {
    return this.request<AddressSuggestion[]>('GET', `${COMPOSE_API.contacts}?${new URLSearchParams({ q })}`);
  }

  removeAttachment(composeId: string, id: string): Promise<void> {
    return this.request<void>('DELETE', `${COMPOSE_API.attachments}?${new URLSearchParams({ compose: composeId, id })}`);
  }

  /**
   * Uploads one file with progress (fetch cannot report upload progress; XMLHttpRequest can).
   * Rejects with an ApiError like every other call.
   */
  uploadAttachment(composeId: string, file: File, onProgress: (sent: number, total: number) => void): { done: Promise<UploadedAttachment>; abort(): void } {
    const xhr = new XMLHttpRequest();
    const done = new Promise<UploadedAttachment>((resolve, reject) => {
      xhr.open('POST', `${this.baseUrl}${COMPOSE_API.attachments}?${new URLSearchParams({ compose: composeId })}`);
      xhr.setRequestHeader('accept', 'application/json');
      if (this.csrfToken) xhr.setRequestHeader(CSRF_HEADER, this.csrfToken);
      if (this.user) xhr.setRequestHeader(USER_HEADER, encodeURIComponent(this.user));
      xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      xhr.onerror = () => reject(new ApiError('NETWORK', 0));
      xhr.onabort = () => reject(new ApiError('NETWORK', 0));
      xhr.onload = () => {
        let payload: unknown = null;
        try {
          payload = JSON.parse(xhr.responseText);
        } catch {
          // Not JSON: judged by status below.
        }
        if (xhr.status >= 200 && xhr.status < 300 && payload) return resolve(payload as UploadedAttachment);
        const error = (payload as ErrorBody | null)?.error;
        const code: ErrorCode = isErrorCode(error?.code) ? error.code : xhr.status === 413 ? 'ATTACHMENTS_TOO_LARGE' : xhr.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
        reject(new ApiError(code, xhr.status, error?.retryAfterSeconds));
      };
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
    return { done, abort: () => xhr.abort() };
  }

  sync(query: SyncQuery): Promise<SyncResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    return this.request<SyncResponse>('GET', `${SYNC_API.delta}?${params}`);
  }

  health(): Promise<HealthResponse> {
    return this.request<HealthResponse>('GET', API.health);
  }
}

export const api = new ApiClient();
