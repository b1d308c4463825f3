// UID SORT (RFC 5256) and UID SEARCH over the same search criteria, both answering UIDs in the
// server's order. imapflow has no SORT method, and its search() takes another criteria shape,
// so both are sent raw here from one criteria builder.
import type { ImapAttributeNode, ImapFlow } from 'imapflow';
import { numbersOf, runRaw } from './raw-command.js';

export interface MessageCriteria {
  /** Matched against From, To, Cc, Subject and the body (OR). */
  text?: string;
  unread?: boolean;
  flagged?: boolean;
}

/** RFC 5256 §3 sort keys; DISPLAYFROM is RFC 5957 (sorts by the name people see). */
export type SortCriterion = 'ARRIVAL' | 'DATE' | 'FROM' | 'DISPLAYFROM' | 'SUBJECT' | 'SIZE';

const TEXT_KEYS = ['FROM', 'TO', 'CC', 'SUBJECT', 'BODY'] as const;

const atom = (value: string): ImapAttributeNode => ({ type: 'ATOM', value });

/** A quoted string may carry only 7-bit characters (RFC 3501 §9): anything else goes as a literal. */
function searchString(value: string): ImapAttributeNode {
  return /^[\x01-\x7f]*$/.test(value) ? { type: 'STRING', value } : { type: 'LITERAL', value: Buffer.from(value, 'utf8') };
}

/** Search keys in prefix form: `OR FROM x OR TO x OR CC x OR SUBJECT x BODY x UNSEEN FLAGGED`. */
export function searchCriteria(criteria: MessageCriteria): ImapAttributeNode[] {
  const keys: ImapAttributeNode[] = [];
  if (criteria.text) {
    TEXT_KEYS.forEach((key, index) => {
      if (index < TEXT_KEYS.length - 1) keys.push(atom('OR'));
      keys.push(atom(key), searchString(criteria.text!));
    });
  }
  if (criteria.unread) keys.push(atom('UNSEEN'));
  if (criteria.flagged) keys.push(atom('FLAGGED'));
  return keys.length > 0 ? keys : [atom('ALL')];
}

/** UIDs of the selected folder's messages that match, in the order of the sort key. */
export async function uidSort(client: ImapFlow, criterion: SortCriterion, reverse: boolean, criteria: MessageCriteria): Promise<number[]> {
  const program = reverse ? [atom('REVERSE'), atom(criterion)] : [atom(criterion)];
  const uids: number[] = [];
  await runRaw(client, 'UID SORT', [program, atom('UTF-8'), ...searchCriteria(criteria)], {
    SORT: async (untagged) => {
      for (const uid of numbersOf(untagged)) uids.push(uid);
    },
  });
  return uids;
}

/** UIDs of the selected folder's messages that match, ascending. */
export async function uidSearch(client: ImapFlow, criteria: MessageCriteria): Promise<number[]> {
  const uids: number[] = [];
  await runRaw(client, 'UID SEARCH', [atom('CHARSET'), atom('UTF-8'), ...searchCriteria(criteria)], {
    SEARCH: async (untagged) => {
      for (const uid of numbersOf(untagged)) uids.push(uid);
    },
  });
  return uids.sort((a, b) => a - b);
}
