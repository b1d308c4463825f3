// The message list's state lives in its URL (CONVENTIONS: folder, page, sort, search in the
// URL), read leniently: a value we do not know falls back to the default instead of an error.
import type { QuickFilter, SortKey, SortOrder } from '../../src/shared/api.js';
import { BASIC } from './layout.js';

export interface ListState {
  folder: string;
  /** 1-based. */
  page: number;
  sort: SortKey;
  order: SortOrder;
  q: string;
  filter: QuickFilter;
}

const SORTS: SortKey[] = ['arrival', 'date', 'from', 'subject', 'size'];
const FILTERS: QuickFilter[] = ['all', 'unread', 'flagged'];
/** Same bounds as the JSON API's schema (server/api/messages/routes.ts). */
const MAX_SEARCH = 200;
const MAX_FOLDER = 1000;
const CONTROL = /[\u0000-\u001f\u007f]/;

export const DEFAULTS: Omit<ListState, 'folder'> = { page: 1, sort: 'arrival', order: 'desc', q: '', filter: 'all' };

/** A folder path from a query or form, or null when it could not be one (empty, control characters). */
export function folderParam(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && value.length <= MAX_FOLDER && !CONTROL.test(value) ? value : null;
}

/** A UID (RFC 3501 §2.3.1.1: non-zero, 32 bits) or null. */
export function uidParam(value: unknown): number | null {
  const uid = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  return uid >= 1 && uid <= 4294967295 ? uid : null;
}

export function listState(query: Record<string, unknown>): ListState {
  const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
    allowed.includes(value as T) ? (value as T) : fallback;
  const page = Number(query.page);
  const q = typeof query.q === 'string' ? query.q.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_SEARCH) : '';
  return {
    folder: folderParam(query.folder) ?? 'INBOX',
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
    sort: pick(query.sort, SORTS, DEFAULTS.sort),
    order: pick(query.order, ['asc', 'desc'] as const, DEFAULTS.order),
    q,
    filter: pick(query.filter, FILTERS, DEFAULTS.filter),
  };
}

/** The list URL for a state; values at their default are left out, so URLs stay short. */
export function listHref(state: ListState, change: Partial<ListState> = {}): string {
  const next = { ...state, ...change };
  const params = new URLSearchParams({ folder: next.folder });
  for (const key of ['page', 'sort', 'order', 'q', 'filter'] as const) {
    if (next[key] !== DEFAULTS[key]) params.set(key, String(next[key]));
  }
  return `${BASIC}/mail?${params}`;
}

export function messageHref(folder: string, uid: number, extra: Record<string, string> = {}): string {
  return `${BASIC}/message?${new URLSearchParams({ folder, uid: String(uid), ...extra })}`;
}

const OUTCOME_KEYS = ['done', 'count', 'missing', 'error'];

/** The outcome parameters of a query, to carry them over a further redirect. */
export function outcomeParams(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(OUTCOME_KEYS.flatMap((key) => (typeof query[key] === 'string' ? [[key, query[key] as string]] : [])));
}

/** `back` with the outcome of a POST in its query (and no older outcome left in it). */
export function withOutcome(back: string, outcome: Record<string, string | number>): string {
  const url = new URL(back, 'http://local');
  for (const key of OUTCOME_KEYS) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(outcome)) url.searchParams.set(key, String(value));
  return `${url.pathname}${url.search}`;
}
