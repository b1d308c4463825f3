// Who is signed in. Views read this store; only this module talks to the API about sessions.
import { createSignal } from 'solid-js';
import { api, ApiError } from '../api/client.js';
import { openCache, wipeCache } from '../cache/db.js';
import type { SessionInfo } from '../shared/api.js';

export type SessionState = { status: 'unknown' } | { status: 'signed-out'; reason?: ApiError } | { status: 'signed-in'; info: SessionInfo };

const [session, setSession] = createSignal<SessionState>({ status: 'unknown' });
export { session };

const LAST_SESSION = 'webmail.lastSession';

/** The session info kept on this device, and when the gateway last answered under it. */
type RememberedSession = SessionInfo & { lastAnswerAt?: number };

/**
 * Who was signed in last, so a reload shows that mailbox's cache at once, and without a connection
 * at all. Kept in localStorage only with "keep mail on this device", else for this tab only.
 */
function rememberSession(info: SessionInfo, lastAnswerAt = Date.now()): void {
  const remembered: RememberedSession = { ...info, csrfToken: '', lastAnswerAt };
  try {
    (info.keepOnDevice ? localStorage : sessionStorage).setItem(LAST_SESSION, JSON.stringify(remembered));
    (info.keepOnDevice ? sessionStorage : localStorage).removeItem(LAST_SESSION);
  } catch {
    // No storage: reloads wait for the gateway, offline ones show the sign-in page.
  }
}

function rememberedSession(): RememberedSession | null {
  try {
    const raw = sessionStorage.getItem(LAST_SESSION) ?? localStorage.getItem(LAST_SESSION);
    return raw ? (JSON.parse(raw) as RememberedSession) : null;
  } catch {
    return null;
  }
}

/**
 * Whether the remembered session can still be alive: before its absolute end and within the idle
 * timeout of the last answer this device had (the gateway's own clock of activity runs later, so
 * this errs towards asking first). One that cannot is not shown before the gateway confirms it.
 */
function mayStillLive(remembered: RememberedSession): boolean {
  const idleEnd = (remembered.lastAnswerAt ?? 0) + remembered.idleTimeoutSeconds * 1000;
  return Date.now() < Math.min(idleEnd, Date.parse(remembered.expiresAt));
}

// Leaving the page (reload, close): keep when the gateway last answered, for mayStillLive.
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    const state = session();
    if (state.status === 'signed-in' && api.lastAnswerAt > 0 && rememberedSession()) rememberSession(state.info, api.lastAnswerAt);
  });
}

function forgetSession(): void {
  try {
    localStorage.removeItem(LAST_SESSION);
    sessionStorage.removeItem(LAST_SESSION);
  } catch {
    // Nothing stored.
  }
}

// The cookie now names another user (signed in again in another window of this browser): what
// this tab shows, and would cache, is the other mailbox's. Start over as the cookie's owner.
api.onSessionChanged = () => {
  if (session().status === 'unknown') return;
  forgetSession();
  setSession({ status: 'unknown' });
  window.location.reload();
};

let checking: Promise<void> | null = null;

/** A session restored from this device has no CSRF token until the gateway has confirmed it. */
export async function ensureLiveSession(): Promise<void> {
  if (checking) return checking;
  if (!api.hasCsrfToken) await restoreSession();
}

/**
 * On start: is there still a session behind the cookie? With a session remembered on this device
 * the mailbox shows at once, from its cache, while the gateway is asked; until it has answered no
 * other request goes out (ApiClient.holdUntil), so nothing is fetched or cached under a cookie
 * that may by now belong to nobody or to someone else. Ended: the remembered session is forgotten
 * and the sign-in screen replaces the mailbox. Offline: the remembered session stays.
 */
export function restoreSession(): Promise<void> {
  checking ??= checkSession().finally(() => (checking = null));
  return checking;
}

async function checkSession(): Promise<void> {
  const remembered = rememberedSession();
  const shown = remembered && mayStillLive(remembered) ? remembered : null;
  let settle: (failure?: ApiError) => void = () => undefined;
  if (shown) {
    api.holdUntil(new Promise<void>((resolve, reject) => (settle = (failure) => (failure ? reject(failure) : resolve()))));
    // Opening IndexedDB takes a while: start it before the mailbox is even built.
    void openCache(shown.user).catch(() => undefined);
    if (session().status !== 'signed-in') setSession({ status: 'signed-in', info: shown });
  }
  try {
    const info = await api.session();
    rememberSession(info);
    if (shown && shown.user.toLowerCase() !== info.user.toLowerCase()) {
      // The cookie is someone else's now (signed in as another user in another tab): what is on
      // screen belongs to the remembered mailbox, so start over as the cookie's owner. The held
      // requests are never sent; 'unknown' keeps pagehide from remembering the old user again.
      setSession({ status: 'unknown' });
      window.location.reload();
      return;
    }
    setSession({ status: 'signed-in', info });
    settle();
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError('INTERNAL', 0);
    if (failure.code === 'NETWORK' && remembered) {
      setSession({ status: 'signed-in', info: remembered });
      settle();
      return;
    }
    if (failure.code === 'AUTH_REQUIRED' || failure.code === 'SESSION_EXPIRED') forgetSession();
    setSession({ status: 'signed-out', reason: failure.code !== 'AUTH_REQUIRED' ? failure : undefined });
    settle(failure);
  }
}

export async function signIn(username: string, password: string, keepOnDevice: boolean): Promise<void> {
  const info = await api.signIn({ username, password, keepOnDevice });
  rememberSession(info);
  setSession({ status: 'signed-in', info });
}

export async function signOut(): Promise<void> {
  const state = session();
  // Started from the remembered session: the sign-out needs the CSRF token the check brings.
  if (checking) await checking;
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
