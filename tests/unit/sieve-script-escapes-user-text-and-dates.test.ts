import { describe, expect, it } from 'vitest';
import { generateScript, quote, readScript, type ScriptOptions } from '../../server/sieve/script.js';
import { DEFAULT_MAILBOX_SETTINGS, settingsProblems, normalizeTargets, isIsoDate, type MailboxSettings } from '../../src/shared/mailbox-settings.js';

const options: ScriptOptions = {
  mailbox: 'anna@example.com',
  vacationDays: 7,
  spamHeader: { name: 'X-Spam-Flag', value: 'YES' },
  virusHeader: { name: 'X-Virus-Status', value: 'Infected*' },
  junkFolder: 'Junk',
};

function settings(change: (s: MailboxSettings) => void): MailboxSettings {
  const s = structuredClone(DEFAULT_MAILBOX_SETTINGS);
  change(s);
  return s;
}

/** With spam and virus "deliver": marked mail is kept and goes no further (no reply, no forward). */
const KEEP_MARKED = [
  'if header :matches "X-Virus-Status" "Infected*" {', '  keep;', '  stop;', '}',
  'if header :is "X-Spam-Flag" "YES" {', '  keep;', '  stop;', '}',
];

/** The script without its comment lines. */
function rules(script: string): string {
  return script.split('\r\n').filter((l) => !l.startsWith('#')).join('\n');
}

describe('Sieve script generator', () => {
  it('escapes quotes and backslashes, and keeps "$" literal where variables are on', () => {
    expect(quote('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
    expect(quote('Kosten: ${1} $5', true)).toBe('"Kosten: ${dollar}{1} ${dollar}5"');
    const script = generateScript(settings((s) => {
      s.autoresponder = { active: true, subjectPrefix: 'Re "Urlaub" \\', message: 'Zeile 1\r\n"Zitat" \\ ${subject}', startDate: null, endDate: null, afterEnd: 'deactivate' };
    }), options);
    expect(rules(script)).toBe([
      'require ["vacation", "variables"];',
      ...KEEP_MARKED,
      'set "dollar" "$";',
      'set "subject" "";',
      'if header :matches "subject" "*" { set "subject" "${1}"; }',
      'vacation :days 7 :subject "Re \\"Urlaub\\" \\\\ ${subject}" :addresses "anna@example.com" "Zeile 1\n\\"Zitat\\" \\\\ ${dollar}{subject}";',
      '',
    ].join('\n'));
  });

  it('answers only between the first and the last day, both included', () => {
    const script = generateScript(settings((s) => {
      s.autoresponder = { active: true, subjectPrefix: 'Abwesend:', message: 'Bin weg', startDate: '2026-12-20', endDate: '2027-01-06', afterEnd: 'delete' };
    }), options);
    expect(script).toContain('require ["date", "relational", "vacation", "variables"];');
    expect(script).toContain('if allof(currentdate :value "ge" "date" "2026-12-20", currentdate :value "le" "date" "2027-01-06") {');
    expect(script).toContain(':subject "Abwesend: ${subject}"');
  });

  it('redirects with :copy when a copy stays, without it otherwise', () => {
    const keep = generateScript(settings((s) => { s.forwarding = { targets: ['b@example.org', 'c@example.net'], keepCopy: true }; }), options);
    expect(rules(keep)).toBe(['require ["copy"];', ...KEEP_MARKED, 'redirect :copy "b@example.org";', 'redirect :copy "c@example.net";', ''].join('\n'));
    const move = generateScript(settings((s) => { s.forwarding = { targets: ['b@example.org'], keepCopy: false }; }), options);
    expect(rules(move)).toBe([...KEEP_MARKED, 'redirect "b@example.org";', ''].join('\n'));
  });

  it('handles marked mail before answering or forwarding it, virus first', () => {
    const script = rules(generateScript(settings((s) => {
      s.spam = 'junk';
      s.virus = 'discard';
      s.forwarding = { targets: ['b@example.org'], keepCopy: true };
    }), options));
    expect(script).toBe([
      'require ["copy", "fileinto"];',
      'if header :matches "X-Virus-Status" "Infected*" {', '  discard;', '  stop;', '}',
      'if header :is "X-Spam-Flag" "YES" {', '  fileinto "Junk";', '  stop;', '}',
      'redirect :copy "b@example.org";', '',
    ].join('\n'));
  });

  it('writes no rules at all for the defaults', () => {
    expect(rules(generateScript(DEFAULT_MAILBOX_SETTINGS, options))).toBe('');
  });

  it('reads back what it wrote, and notices a script changed by hand', () => {
    const mine = settings((s) => {
      s.autoresponder = { active: true, subjectPrefix: 'Out:', message: 'Back on Monday', startDate: '2026-12-01', endDate: null, afterEnd: 'deactivate' };
      s.spam = 'junk';
    });
    const script = generateScript(mine, options);
    expect(readScript(script, options)).toEqual({ settings: mine, editedElsewhere: false });
    expect(readScript(script.replace('fileinto "Junk"', 'discard'), options).editedElsewhere).toBe(true);
    expect(readScript('require "fileinto";\r\nfileinto "Archiv";\r\n', options)).toEqual({ settings: DEFAULT_MAILBOX_SETTINGS, editedElsewhere: true });
    expect(readScript(script.replace('"spam":"junk"', '"spam":"burn"'), options).editedElsewhere).toBe(true);
  });
});

describe('mailbox settings rules', () => {
  it('checks calendar dates, not just their shape', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-12-01')).toBe(false);
  });

  it('names every problem, the loop to the mailbox itself in any case', () => {
    expect(settingsProblems(settings((s) => { s.forwarding.targets = ['ANNA@example.com']; }), 'anna@example.com')).toEqual(['FORWARD_TO_SELF']);
    expect(settingsProblems(settings((s) => {
      s.autoresponder.active = true;
      s.autoresponder.endDate = '2026-01-01';
      s.autoresponder.startDate = '2026-02-01';
      s.forwarding.targets = Array.from({ length: 21 }, (_, i) => `x${i}@example.org`).concat('kaputt');
    }), 'anna@example.com')).toEqual(['AUTORESPONDER_MESSAGE_MISSING', 'DATE_RANGE_INVALID', 'FORWARD_ADDRESS_INVALID', 'FORWARD_TOO_MANY']);
    expect(settingsProblems(settings((s) => { s.forwarding.targets = Array.from({ length: 20 }, (_, i) => `x${i}@example.org`); }), 'anna@example.com')).toEqual([]);
  });

  it('drops blank lines and duplicates from the targets, lower-casing only the domain', () => {
    expect(normalizeTargets([' Bob@Example.ORG ', '', 'bob@example.org', 'carol@example.net'])).toEqual(['Bob@example.org', 'carol@example.net']);
  });
});
