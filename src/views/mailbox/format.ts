import { locale } from '../../i18n/index.js';
import { formatAddress } from '../../shared/address.js';
import type { Address } from '../../shared/api.js';

export function formatListDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === now.toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : date.getFullYear() === now.getFullYear()
      ? { day: 'numeric', month: 'short' }
      : { day: '2-digit', month: '2-digit', year: 'numeric' };
  return new Intl.DateTimeFormat(locale(), options).format(date);
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
