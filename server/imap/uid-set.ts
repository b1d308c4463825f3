// A list of UIDs as an IMAP sequence set (RFC 3501 §9 sequence-set): runs of consecutive UIDs
// become ranges, so a window or a selection of a thousand UIDs stays a short command line.
export function uidSet(uids: Iterable<number>): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end++;
    runs.push(end === start ? String(sorted[start]) : `${sorted[start]}:${sorted[end]}`);
    start = end + 1;
  }
  return runs.join(',');
}

/**
 * Reads a UID set a client sent ("1:40,42"); `null` when it is malformed or names more than
 * `maxUids` UIDs, so a short string like "1:4294967295" cannot expand into billions of numbers.
 */
export function parseUidSet(text: string, maxUids: number): number[] | null {
  if (text === '') return [];
  const uids: number[] = [];
  for (const run of text.split(',')) {
    const match = /^([1-9]\d{0,9})(?::([1-9]\d{0,9}))?$/.exec(run);
    if (!match) return null;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    const [low, high] = first <= last ? [first, last] : [last, first];
    if (high > 4294967295 || uids.length + (high - low + 1) > maxUids) return null;
    for (let uid = low; uid <= high; uid++) uids.push(uid);
  }
  return [...new Set(uids)].sort((a, b) => a - b);
}
