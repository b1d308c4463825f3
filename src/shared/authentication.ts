// Sender authenticity from Authentication-Results (RFC 8601), shared by the SPA's parser and the
// no-JavaScript message page. Only the topmost header counts: it is the one our own MX added;
// anything below it came with the message and proves nothing.

export type AuthMethod = 'spf' | 'dkim' | 'dmarc';
export type AuthVerdict = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';
export type Authentication = Partial<Record<AuthMethod, AuthVerdict>>;

const VERDICTS = new Set<AuthVerdict>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);

/** The first verdict per method from the topmost Authentication-Results (added by our own MX). */
export function authenticationOf(values: string[]): Authentication {
  const result: Authentication = {};
  const top = values[0];
  if (!top) return result;
  for (const match of top.matchAll(/\b(spf|dkim|dmarc)\s*=\s*([a-z]+)/gi)) {
    const method = match[1]!.toLowerCase() as AuthMethod;
    const verdict = match[2]!.toLowerCase() as AuthVerdict;
    if (!(method in result) && VERDICTS.has(verdict)) result[method] = verdict;
  }
  return result;
}
