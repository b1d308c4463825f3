// Who is signed in. Views read this store; only this module talks to the API about sessions.
import { createSignal } from 'solid-js';
import { api, ApiError } from '../api/client.js';
import { wipeCache } from '../cache/db.js';
import type { SessionInfo } from '../shared/api.js';

export type SessionState = { status: 'unknown' } | { status: 'signed-out'; reason?: ApiError } | { status: 'signed-in'; info: SessionInfo };

const [session, setSession] = createSignal<SessionState>({ status: 'unknown' });
export { session };

const LAST_SESSION = 'webmail.lastSession';

/**
 * Who was signed in last, so a reload without a connection can open that mailbox's cache.
 * Kept in localStorage only with "keep mail on this device", else for this tab only.
 */
function rememberSession(info: SessionInfo): void {
  const remembered = JSON.stringify({ ...info, csrfToken: '' });
  try {
    (info.keepOnDevice ? localStorage : sessionStorage).setItem(LAST_SESSION, remembered);
    (info.keepOnDevice ? sessionStorage : localStorage).removeItem(LAST_SESSION);
  } catch {
    // No storage: offline reloads just show the sign-in page.
  }
}

function rememberedSession(): SessionInfo | null {
  try {
    const raw = sessionStorage.getItem(LAST_SESSION) ?? localStorage.getItem(LAST_SESSION);
    return raw ? (JSON.parse(raw) as SessionInfo) : null;
  } catch {
    return null;
  }
}

function forgetSession(): void {
  try {
    localStorage.removeItem(LAST_SESSION);
    sessionStorage.removeItem(LAST_SESSION);
  } catch {
    // Nothing stored.
  }
}

/** A session restored offline has no CSRF token: get the real one once the gateway answers. */
export async function ensureLiveSession(): Promise<void> {
  if (!api.hasCsrfToken) await restoreSession();
}

/** On start: is there still a session behind the cookie? Offline: the last one, from the cache. */
export async function restoreSession(): Promise<void> {
  try {
    const info = await api.session();
    rememberSession(info);
    setSession({ status: 'signed-in', info });
  } catch (error) {
    const remembered = error instanceof ApiError && error.code === 'NETWORK' ? rememberedSession() : null;
    if (remembered) {
      setSession({ status: 'signed-in', info: remembered });
      return;
    }
    const reason = error instanceof ApiError && error.code !== 'AUTH_REQUIRED' ? error : undefined;
    setSession({ status: 'signed-out', reason });
  }
}

export async function signIn(username: string, password: string, keepOnDevice: boolean): Promise<void> {
  const info = await api.signIn({ username, password, keepOnDevice });
  rememberSession(info);
  setSession({ status: 'signed-in', info });
}

export async function signOut(): Promise<void> {
  const state = session();
  try {
    await api.signOut();
  } finally {
    forgetSession();
    setSession({ status: 'signed-out' });
    // Unless the user chose "keep mail on this device", nothing of the mailbox stays behind.
    if (state.status === 'signed-in' && !state.info.keepOnDevice) await wipeCache(state.info.user).catch(() => undefined);
  }
}

/** A request found the session gone (timeout, sign-out elsewhere): back to the sign-in screen. */
export function sessionLost(reason: ApiError): void {
  forgetSession();
  setSession({ status: 'signed-out', reason });
}
