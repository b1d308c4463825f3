// Whether the gateway can be reached: the browser's own flag, corrected by what requests find.
import { createSignal } from 'solid-js';
import { ApiError } from '../api/client.js';

const [online, setOnline] = createSignal(globalThis.navigator?.onLine ?? true);
export { online };

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => setOnline(true));
  window.addEventListener('offline', () => setOnline(false));
}

/** Call with every request's outcome: a NETWORK failure means offline, any answer means online. */
export function noteReachability(error?: unknown): void {
  if (error === undefined) setOnline(true);
  else if (error instanceof ApiError && error.code === 'NETWORK') setOnline(false);
}
