// A draft of a reply or forward remembers which message it answers, so that sending it later
// still sets \Answered or $Forwarded there. The reference lives in a header of the draft only;
// the message that is finally sent is built anew without it.
import type { Email } from 'postal-mime';
import type { OriginalRef } from './original.js';

export const ORIGINAL_HEADER = 'X-Webmail-Original';

const KINDS = new Set<OriginalRef['kind']>(['reply', 'replyAll', 'forward']);

/** `reply; uid=42; folder=INBOX%2FProjects`: ASCII only, the folder percent-encoded. */
export function draftOriginalHeader(original: OriginalRef): string {
  return `${original.kind}; uid=${original.uid}; folder=${encodeURIComponent(original.folder)}`;
}

export function originalFromDraft(email: Email): OriginalRef | null {
  const header = email.headers.find((entry) => entry.key === ORIGINAL_HEADER.toLowerCase());
  const match = header && /^\s*(\w+)\s*;\s*uid=(\d{1,10})\s*;\s*folder=([A-Za-z0-9%._~!*'()-]+)\s*$/.exec(header.value);
  if (!match || !KINDS.has(match[1] as OriginalRef['kind'])) return null;
  const uid = Number(match[2]);
  if (!Number.isSafeInteger(uid) || uid < 1) return null;
  try {
    return { kind: match[1] as OriginalRef['kind'], uid, folder: decodeURIComponent(match[3]!) };
  } catch {
    return null;
  }
}
