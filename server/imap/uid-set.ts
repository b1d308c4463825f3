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
