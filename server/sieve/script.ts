// The one Sieve script the webmail owns ("webmail"), generated from the mailbox settings, and
// read back from it: the settings travel in a comment line as JSON, and the rules below it are
// regenerated from them, so a script changed by hand is recognised (its rules differ).
import {
  DEFAULT_MAILBOX_SETTINGS,
  MARKED_MAIL_ACTIONS,
  type MailboxSettings,
  type MarkedMailAction,
} from '../../src/shared/mailbox-settings.js';

export const WEBMAIL_SCRIPT = 'webmail';
const SETTINGS_MARK = '# webmail-settings: ';

export interface MarkerHeader {
  /** Header field name, e.g. X-Spam-Flag. */
  name: string;
  /** Value to match; `*` and `?` are wildcards (Sieve :matches), case-insensitive. */
  value: string;
}

export interface ScriptOptions {
  /** The mailbox's own address, for vacation :addresses and the sender of replies. */
  mailbox: string;
  /** Days before the same sender gets another automatic reply. */
  vacationDays: number;
  spamHeader: MarkerHeader;
  virusHeader: MarkerHeader;
  /** Name of the Junk folder on this server. */
  junkFolder: string;
}

/**
 * A Sieve quoted string (RFC 5228 2.4.2): backslash and double quote escaped. When the script
 * uses "variables", every `$` is written as ${dollar} (set once at the top): variable expansion
 * is not repeated on its result (RFC 5229 3), so user text like "${1}" stays literal.
 */
export function quote(text: string, variables = false): string {
  let escaped = text.replace(/\r\n?/g, '\n').replace(/[\\"]/g, (c) => `\\${c}`);
  if (variables) escaped = escaped.replace(/\$/g, '${dollar}');
  return `"${escaped}"`;
}

function markerTest(header: MarkerHeader): string {
  const wildcard = /[*?]/.test(header.value);
  return `header ${wildcard ? ':matches' : ':is'} ${quote(header.name)} ${quote(header.value)}`;
}

function markedMailRule(label: string, header: MarkerHeader, action: MarkedMailAction, junkFolder: string): string[] {
  // Marked mail is never forwarded nor answered: that would spread spam and viruses.
  const what = action === 'junk' ? `fileinto ${quote(junkFolder)};` : action === 'discard' ? 'discard;' : 'keep;';
  return [`# ${label}: ${action}`, `if ${markerTest(header)} {`, `  ${what}`, '  stop;', '}'];
}

function rules(settings: MailboxSettings, options: ScriptOptions): { requires: Set<string>; lines: string[] } {
  const requires = new Set<string>();
  const lines: string[] = [];
  const reply = settings.autoresponder;
  const targets = settings.forwarding.targets;
  // Marked mail is delivered, moved or dropped before any reply or forward; "deliver" needs a rule
  // only when such rules follow. Virus first: mail marked both ways gets the stricter rule.
  const rulesFollow = reply.active || targets.length > 0;
  for (const [label, header, action] of [
    ['virus', options.virusHeader, settings.virus],
    ['spam', options.spamHeader, settings.spam],
  ] as const) {
    if (action === 'deliver' && !rulesFollow) continue;
    if (action === 'junk') requires.add('fileinto');
    lines.push(...markedMailRule(label, header, action, options.junkFolder));
  }


  if (reply.active) {
    requires.add('vacation').add('variables');
    const conditions: string[] = [];
    if (reply.startDate) conditions.push(`currentdate :value "ge" "date" ${quote(reply.startDate)}`);
    if (reply.endDate) conditions.push(`currentdate :value "le" "date" ${quote(reply.endDate)}`);
    if (conditions.length > 0) requires.add('date').add('relational');
    const prefix = reply.subjectPrefix.replace(/[\r\n]+/g, ' ').trim();
    // The reply's subject: the prefix, then the original subject (the ${subject} variable).
    const subject = `${quote(prefix === '' ? '' : `${prefix} `, true).slice(1, -1)}\${subject}`;
    const vacation = [
      `vacation :days ${options.vacationDays}`,
      `:subject "${subject}"`,
      `:addresses ${quote(options.mailbox)}`,
      quote(reply.message, true),
    ].join(' ');
    lines.push('# autoresponder', 'set "dollar" "$";', 'set "subject" "";', 'if header :matches "subject" "*" { set "subject" "${1}"; }');
    if (conditions.length === 0) lines.push(`${vacation};`);
    else lines.push(`if allof(${conditions.join(', ')}) {`, `  ${vacation};`, '}');
  }

  if (targets.length > 0) {
    if (settings.forwarding.keepCopy) requires.add('copy');
    lines.push(`# forwarding${settings.forwarding.keepCopy ? ', a copy stays' : ''}`);
    for (const target of targets) lines.push(`redirect ${settings.forwarding.keepCopy ? ':copy ' : ''}${quote(target)};`);
  }
  return { requires, lines };
}

/** The whole script for these settings. */
export function generateScript(settings: MailboxSettings, options: ScriptOptions): string {
  const { requires, lines } = rules(settings, options);
  const head = [
    '# Written by the webmail from the mailbox settings; changes made here are replaced when the settings are saved there.',
    `${SETTINGS_MARK}${JSON.stringify(settings)}`,
  ];
  if (requires.size > 0) head.push(`require [${[...requires].sort().map((r) => quote(r)).join(', ')}];`);
  return `${[...head, ...lines].join('\r\n')}\r\n`;
}

function isSettings(value: unknown): value is MailboxSettings {
  const v = value as MailboxSettings | null;
  const reply = v?.autoresponder;
  const forward = v?.forwarding;
  const date = (d: unknown) => d === null || typeof d === 'string';
  return (
    typeof v === 'object' && v !== null && typeof reply === 'object' && reply !== null && typeof forward === 'object' && forward !== null &&
    typeof reply.active === 'boolean' && typeof reply.subjectPrefix === 'string' && typeof reply.message === 'string' &&
    date(reply.startDate) && date(reply.endDate) && (reply.afterEnd === 'deactivate' || reply.afterEnd === 'delete') &&
    Array.isArray(forward.targets) && forward.targets.every((t) => typeof t === 'string') && typeof forward.keepCopy === 'boolean' &&
    MARKED_MAIL_ACTIONS.includes(v.spam) && MARKED_MAIL_ACTIONS.includes(v.virus)
  );
}

export interface ReadScript {
  settings: MailboxSettings;
  /** The script's rules are not what the webmail writes for its settings. */
  editedElsewhere: boolean;
}

/** The settings a script of ours carries; defaults (and editedElsewhere) for anything else. */
export function readScript(script: string, options: ScriptOptions): ReadScript {
  const line = script.split(/\r?\n/).find((l) => l.startsWith(SETTINGS_MARK));
  let parsed: unknown = null;
  try {
    parsed = line ? JSON.parse(line.slice(SETTINGS_MARK.length)) : null;
  } catch {
    parsed = null;
  }
  if (!isSettings(parsed)) return { settings: structuredClone(DEFAULT_MAILBOX_SETTINGS), editedElsewhere: true };
  const normalize = (text: string) => text.replace(/\r\n/g, '\n').trimEnd();
  return { settings: parsed, editedElsewhere: normalize(generateScript(parsed, options)) !== normalize(script) };
}
