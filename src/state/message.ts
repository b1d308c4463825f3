// One open message: its source from the gateway, parsed off the main thread.
import { parseInWorker } from '../mail/parser.js';
import { cachedApi } from './cache.js';
import type { ParsedMessage } from '../mail/parse.js';
import { MESSAGE_API } from '../shared/api.js';

export function loadMessage(folder: string, uid: number, uidValidity: string): Promise<ParsedMessage> {
  return cachedApi().messageSource(folder, uidValidity, uid).then(parseInWorker);
}

export function partUrl(folder: string, uid: number, part: string): string {
  return `${MESSAGE_API.part}?${new URLSearchParams({ folder, uid: String(uid), part })}`;
}

export function fullSourceUrl(folder: string, uid: number): string {
  return `${MESSAGE_API.source}?${new URLSearchParams({ folder, uid: String(uid), full: '1' })}`;
}

const REMOTE_KEY = 'webmail.remoteContentSenders';

/** Senders whose remote content the user allowed for good (kept in this browser only). */
export function remoteAllowedFor(sender: string | undefined): boolean {
  if (!sender) return false;
  try {
    return (JSON.parse(localStorage.getItem(REMOTE_KEY) ?? '[]') as string[]).includes(sender.toLowerCase());
  } catch {
    return false;
  }
}

export function allowRemoteFor(sender: string): void {
  try {
    const list = new Set(JSON.parse(localStorage.getItem(REMOTE_KEY) ?? '[]') as string[]);
    list.add(sender.toLowerCase());
    localStorage.setItem(REMOTE_KEY, JSON.stringify([...list]));
  } catch {
    // Without storage the choice lasts for this message only.
  }
}
