// Mailbox settings the mail server applies on delivery (through the user's Sieve script):
// autoresponder, forwarding, spam and virus handling. One contract and one validator for the
// SPA, /basic and the gateway, so all three refuse the same input with the same codes.
import { isMailboxAddress } from './address.js';

export const SETTINGS_API = {
  /** GET → MailboxSettingsState; PUT SaveMailboxSettingsRequest → MailboxSettingsState (as read back) */
  settings: '/api/mailbox-settings',
  /** GET → QuotaResponse */
  quota: '/api/quota',
} as const;

/** What happens to mail a filter upstream has marked (spam or virus). */
export type MarkedMailAction = 'deliver' | 'junk' | 'discard';
export const MARKED_MAIL_ACTIONS: readonly MarkedMailAction[] = ['deliver', 'junk', 'discard'];

export interface Autoresponder {
  active: boolean;
  /** Put before the original subject of the reply, e.g. "Abwesend:". */
  subjectPrefix: string;
  message: string;
  /** First day (YYYY-MM-DD, the mail server's local date) it answers; null: from now on. */
  startDate: string | null;
  /** Last day it answers; null: until switched off. */
  endDate: string | null;
  /** After the end date: switch it off but keep the text, or delete it. */
  afterEnd: 'deactivate' | 'delete';
}

export interface Forwarding {
  /** Empty: no forwarding. */
  targets: string[];
  /** Keep a copy in this mailbox as well. */
  keepCopy: boolean;
}

export interface MailboxSettings {
  autoresponder: Autoresponder;
  forwarding: Forwarding;
  spam: MarkedMailAction;
  virus: MarkedMailAction;
}

export interface MailboxSettingsState {
  /** False when the gateway has no ManageSieve configured (the screens then say so). */
  enabled: boolean;
  settings: MailboxSettings;
  /** Whether the webmail's script is the active one, so the settings take effect. */
  applied: boolean;
  /** Name of another active script that the webmail's script would replace, if any. */
  otherActiveScript: string | null;
  /** The user's other scripts, listed and left alone. */
  otherScripts: string[];
  /** The webmail's script was changed outside the webmail; saving replaces those changes. */
  editedElsewhere: boolean;
  /** The autoresponder's end date passed and its "after the end" rule was just applied. */
  expiredApplied: boolean;
  limits: { maxForwardTargets: number; maxMessageLength: number; maxPrefixLength: number; vacationDays: number };
}

export interface SaveMailboxSettingsRequest {
  settings: MailboxSettings;
  /** Needed to replace another active script (which is kept, only deactivated). */
  replaceActive?: boolean;
}

export interface QuotaResponse {
  /** null when the server reports no storage quota. */
  storage: { usedBytes: number; limitBytes: number } | null;
}

export const MAX_FORWARD_TARGETS = 20;
export const MAX_AUTORESPONDER_LENGTH = 4000;
export const MAX_SUBJECT_PREFIX_LENGTH = 100;
/** Share of the quota above which the folder pane warns. */
export const QUOTA_WARNING_RATIO = 0.9;

export const DEFAULT_MAILBOX_SETTINGS: MailboxSettings = {
  autoresponder: { active: false, subjectPrefix: '', message: '', startDate: null, endDate: null, afterEnd: 'deactivate' },
  forwarding: { targets: [], keepCopy: true },
  spam: 'deliver',
  virus: 'deliver',
};

export type SettingsProblem =
  | 'AUTORESPONDER_MESSAGE_MISSING'
  | 'AUTORESPONDER_TOO_LONG'
  | 'DATE_INVALID'
  | 'DATE_RANGE_INVALID'
  | 'FORWARD_ADDRESS_INVALID'
  | 'FORWARD_TOO_MANY'
  | 'FORWARD_TO_SELF';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The local calendar date of `now` as YYYY-MM-DD. */
export function isoDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Lower-cases the domain only (local parts may be case-sensitive), trims, drops duplicates. */
export function normalizeTargets(targets: string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of targets) {
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const at = trimmed.lastIndexOf('@');
    const normalized = at > 0 ? `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}` : trimmed;
    const key = normalized.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(normalized);
  }
  return result;
}

/**
 * Every rule the settings break, first problem first (empty: valid). `mailbox` is the user's own
 * address: forwarding to it would loop.
 */
export function settingsProblems(settings: MailboxSettings, mailbox: string): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const reply = settings.autoresponder;
  if (reply.active && reply.message.trim() === '') problems.push('AUTORESPONDER_MESSAGE_MISSING');
  if (reply.message.length > MAX_AUTORESPONDER_LENGTH || reply.subjectPrefix.length > MAX_SUBJECT_PREFIX_LENGTH) problems.push('AUTORESPONDER_TOO_LONG');
  const dates = [reply.startDate, reply.endDate].filter((d): d is string => d !== null);
  if (dates.some((d) => !isIsoDate(d))) problems.push('DATE_INVALID');
  else if (reply.startDate && reply.endDate && reply.endDate < reply.startDate) problems.push('DATE_RANGE_INVALID');
  const targets = settings.forwarding.targets;
  if (targets.some((t) => !isMailboxAddress(t))) problems.push('FORWARD_ADDRESS_INVALID');
  if (targets.length > MAX_FORWARD_TARGETS) problems.push('FORWARD_TOO_MANY');
  if (targets.some((t) => t.toLowerCase() === mailbox.toLowerCase())) problems.push('FORWARD_TO_SELF');
  return problems;
}
