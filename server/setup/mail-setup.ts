// What a mail program needs to reach the signed-in mailbox: the public IMAP and SMTP servers
// from the settings, and the mailbox name that signed in here (it is what Dovecot accepted, so
// it is what a mail program must send too).
import type { MailSetupResponse } from '../../src/shared/api.js';
import { isMailboxAddress } from '../../src/shared/address.js';
import type { Config } from '../config.js';

export function mailSetupFor(config: Config, username: string): MailSetupResponse {
  const { providerName, domain, imap, smtp } = config.mailPrograms;
  const address = isMailboxAddress(username) ? username : domain !== '' && !username.includes('@') ? `${username}@${domain}` : null;
  return { providerName, username, address, incoming: { ...imap }, outgoing: { ...smtp } };
}

/** The domain of an address mail programs asked about, when it is one; else undefined. */
export function domainOf(address: string | null | undefined): string | undefined {
  if (!address || !isMailboxAddress(address)) return undefined;
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
