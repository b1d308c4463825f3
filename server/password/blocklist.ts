// The blocklist of common passwords: the ~49,000 of @zxcvbn-ts/language-common (collected from
// breach corpora) plus German ones it lacks. Compared case-folded, so "Passwort123" is as
// common as "passwort123". The SPA checks the same lists before it sends anything.
import { dictionary } from '@zxcvbn-ts/language-common';
import { GERMAN_COMMON_PASSWORDS } from '../../src/shared/password-blocklist-de.js';

let blocklist: Set<string> | undefined;

export function isCommonPassword(candidate: string): boolean {
  blocklist ??= new Set([...(dictionary['passwords-common'] as string[]), ...GERMAN_COMMON_PASSWORDS].map((p) => p.toLowerCase()));
  return blocklist.has(candidate.toLowerCase());
}
