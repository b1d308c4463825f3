// Sorting without the server's SORT extension: fetch each matching message's sort field and
// order them here, after RFC 5256's rules (§2.1 base subject, §3 keys, ties in mailbox order).
// Only for servers that lack SORT: it reads a field of every matching message.
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { SortKey } from '../../src/shared/api.js';
import { uidSet } from '../imap/uid-set.js';

type Field = string | number;

/** RFC 5256 §2.1, simplified: no leading Re:/Fw:/Fwd: (with [blob]s), no trailing (fwd), folded case. */
export function baseSubject(subject: string): string {
  let base = subject.replace(/\s+/g, ' ').trim().toLowerCase();
  for (let before = ''; before !== base; ) {
    before = base;
    base = base
      .replace(/\(fwd\)$/, '')
      .replace(/^(\[[^\]]*\]\s*)*(re|fwd?)\s*(\[[^\]]*\])?\s*:\s*/, '')
      .trim();
  }
  return base;
}

function fieldOf(message: FetchMessageObject, key: Exclude<SortKey, 'arrival'>): Field {
  const envelope = message.envelope;
  switch (key) {
    case 'size':
      return message.size ?? 0;
    case 'subject':
      return baseSubject(envelope?.subject ?? '');
    case 'from': {
      const from = envelope?.from?.[0];
      return (from?.name || from?.address || '').toLowerCase();
    }
    case 'date': {
      const date = envelope?.date instanceof Date ? envelope.date : message.internalDate instanceof Date ? message.internalDate : undefined;
      return date && !Number.isNaN(date.getTime()) ? date.getTime() : 0;
    }
  }
}

export async function sortWithoutServer(client: ImapFlow, uids: number[], key: Exclude<SortKey, 'arrival'>, reverse: boolean): Promise<number[]> {
  if (uids.length === 0) return [];
  const query = key === 'size' ? { uid: true, size: true } : { uid: true, envelope: true, internalDate: key === 'date' };
  const fields = new Map<number, Field>();
  for await (const message of client.fetch(uidSet(uids), query, { uid: true })) fields.set(message.uid, fieldOf(message, key));
  const compare = (a: number, b: number): number => {
    const [x, y] = [fields.get(a) ?? '', fields.get(b) ?? ''];
    const byField = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (reverse ? -byField : byField) || a - b;
  };
  return uids.filter((uid) => fields.has(uid)).sort(compare);
}
