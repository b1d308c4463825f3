// One FETCH answer → one row of the message list. imapflow's envelope has the RFC 2047 words of
// subjects and names decoded already.
import type { FetchMessageObject, FetchQueryObject, MessageAddressObject, MessageStructureObject } from 'imapflow';
import type { Address, MessageFlags, MessageRow } from '../../src/shared/api.js';

/** What a row needs; FACTS: envelope, flags, size and bodystructure of 50 rows take ~14 ms at 10k. */
export const ROW_QUERY: FetchQueryObject = { uid: true, flags: true, envelope: true, size: true, bodyStructure: true, internalDate: true };

/** Our flag names and their IMAP spelling; $Forwarded is a keyword (RFC 5550 §5.9), not a system flag. */
export const IMAP_FLAGS: Record<keyof MessageFlags, string> = {
  seen: '\\Seen',
  flagged: '\\Flagged',
  answered: '\\Answered',
  forwarded: '$Forwarded',
  draft: '\\Draft',
};

export function flagsOf(imapFlags: Set<string> | undefined): MessageFlags {
  const present = new Set([...(imapFlags ?? [])].map((flag) => flag.toLowerCase()));
  const has = (name: keyof MessageFlags) => present.has(IMAP_FLAGS[name].toLowerCase());
  return { seen: has('seen'), flagged: has('flagged'), answered: has('answered'), forwarded: has('forwarded'), draft: has('draft') };
}

function addressOf(entry: MessageAddressObject): Address {
  return { name: entry.name ?? '', address: entry.address ?? '' };
}

/**
 * Whether a user would call the message one "with attachments": a part marked as attachment,
 * or one with a file name, or a forwarded message. Images that an HTML body shows by Content-ID
 * (inline parts of multipart/related, RFC 2387) are part of the body, not attachments.
 */
export function hasAttachment(node: MessageStructureObject | undefined, inRelated = false): boolean {
  if (!node) return false;
  if (node.childNodes && node.type.startsWith('multipart/')) {
    const related = node.type === 'multipart/related';
    return node.childNodes.some((child) => hasAttachment(child, related));
  }
  if (node.disposition === 'attachment' || node.type === 'message/rfc822') return true;
  const fileName = node.dispositionParameters?.filename ?? node.parameters?.name;
  if (!fileName) return false;
  return !(inRelated && node.id);
}

function isoDate(value: Date | string | undefined): string | null {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return null;
  return value.toISOString();
}

export function toRow(message: FetchMessageObject, position: number): MessageRow {
  const envelope = message.envelope;
  const internalDate = message.internalDate instanceof Date ? message.internalDate : undefined;
  return {
    uid: message.uid,
    position,
    subject: envelope?.subject ?? '',
    from: envelope?.from?.[0] ? addressOf(envelope.from[0]) : null,
    to: (envelope?.to ?? []).map(addressOf),
    date: isoDate(envelope?.date) ?? isoDate(internalDate) ?? new Date(0).toISOString(),
    size: message.size ?? 0,
    flags: flagsOf(message.flags),
    hasAttachment: hasAttachment(message.bodyStructure),
    messageId: envelope?.messageId ?? null,
  };
}
