// Addresses as postal-mime parses them (groups included) flattened to the API's Address shape;
// shared by the SPA's parse worker and the no-JavaScript message page.
import type { Address as PostalAddress } from 'postal-mime';
import type { Address } from './api.js';

export function flattenAddresses(addresses: PostalAddress[] | PostalAddress | undefined): Address[] {
  const out: Address[] = [];
  for (const entry of Array.isArray(addresses) ? addresses : addresses ? [addresses] : []) {
    if ('group' in entry && Array.isArray(entry.group)) out.push(...flattenAddresses(entry.group));
    else if ('address' in entry) out.push({ name: entry.name ?? '', address: entry.address ?? '' });
  }
  return out;
}
