import { locale } from '../../i18n/index.js';
import { formatAddress } from '../../shared/address.js';
import type { Address } from '../../shared/api.js';

const LIST_DATE_STYLES = {
  time: { hour: '2-digit', minute: '2-digit' },
  dayMonth: { day: 'numeric', month: 'short' },
  full: { day: '2-digit', month: '2-digit', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// Making an Intl formatter costs a hundred times more than using one, and the list formats a
// date in every row it draws (first screen, scrolling): one formatter per locale and style.
const listDateFormats = new Map<string, Intl.DateTimeFormat>();

function listDateFormat(style: keyof typeof LIST_DATE_STYLES): Intl.DateTimeFormat {
  const key = `${locale()}|${style}`;
  let format = listDateFormats.get(key);
  if (!format) listDateFormats.set(key, (format = new Intl.DateTimeFormat(locale(), LIST_DATE_STYLES[style])));
  return format;
}

export function formatListDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === now.toDateString();
  return listDateFormat(sameDay ? 'time' : date.getFullYear() === now.getFullYear() ? 'dayMonth' : 'full').format(date);
}

export function formatFullDate(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeStyle: 'short' }).format(date);
}

export function addressLabel(address: Address | null | undefined): string {
  if (!address) return '';
  return address.name || address.address;
}

/** "Name <address>", quoted where the name needs it (the same form the compose fields use). */
export const addressFull = (address: Address): string => formatAddress(address);
