// Who is signed in. Views read this store; only this module talks to the API about sessions.
import { createSignal } from 'solid-js';
import { api, ApiError } from '../api/client.js';
import { wipeCache } from '../cache/db.js';
import type { SessionInfo } from '../shared/api.js';

export type SessionState = { status: 'unknown' } | { status: 'signed-out'; reason?: ApiError } | { status: 'signed-in'; info: SessionInfo };

const [session, setSession] = createSignal<SessionState>({ status: 'unknown' });
export { session };

/** On start: is there still a session behind the cookie? */
export async function restoreSession(): Promise<void> {
  try {
    setSession({ status: 'signed-in', info: await api.session() });
  } catch (error) {
    const reason = error instanceof ApiError && error.code !== 'AUTH_REQUIRED' ? error : undefined;
    setSession({ status: 'signed-out', reason });
  }
}

export async function signIn(username: string, password: string, keepOnDevice: boolean): Promise<void> {
  const info = await api.signIn({ username, password, keepOnDevice });
  setSession({ status: 'signed-in', info });
}

export async function signOut(): Promise<void> {
  const state = session();
  try {
    await api.signOut();
  } finally {
    setSession({ status: 'signed-out' });
    // Unless the user chose "keep mail on this device", nothing of the mailbox stays behind.
    if (state.status === 'signed-in' && !state.info.keepOnDevice) await wipeCache(state.info.user).catch(() => undefined);
  }
}

/** A request found the session gone (timeout, sign-out elsewhere): back to the sign-in screen. */
export function sessionLost(reason: ApiError): void {
  setSession({ status: 'signed-out', reason });
}
