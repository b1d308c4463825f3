// What may go into a header: mailbox addresses as RFC 5321 knows them, no line breaks anywhere,
// file names without controls or bidi tricks, Bcc only where it belongs.
import { describe, expect, it } from 'vitest';
import { safeContentType, safeFileName } from '../../server/mail/file-names.js';
import { envelopeRecipients, isMailboxAddress, sendableRecipients } from '../../server/smtp/addresses.js';
import { withoutBcc } from '../../server/smtp/compose.js';
import { Failure } from '../../server/failure.js';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof Failure ? error.code : String(error);
  }
};

describe('mailbox addresses', () => {
  it.each(['bob@example.com', 'o\'brien+tag@sub.example.de', '"odd name"@example.com', 'jürgen@bücher.example', 'x@[192.0.2.1]'])('accepts %s', (address) => {
    expect(isMailboxAddress(address)).toBe(true);
  });

  it.each(['', 'bob', 'bob@', '@example.com', 'bob@example', 'bo b@example.com', 'bob@exa mple.com', 'a..b@example.com', `${'a'.repeat(65)}@example.com`, 'bob@-example.com'])(
    'refuses %j',
    (address) => {
      expect(isMailboxAddress(address)).toBe(false);
    },
  );
});

describe('recipients of a message to send', () => {
  const base = { subject: 's', to: [] as string[], cc: [] as string[], bcc: [] as string[] };

  it('parses names, several entries in one, and lists each address once for the envelope', () => {
    const recipients = sendableRecipients({ ...base, to: ['"Doe, Jane" <jane@example.com>, bob@example.com'], cc: ['Bob <BOB@example.com>'] });
    expect(recipients.to).toEqual([{ name: 'Doe, Jane', address: 'jane@example.com' }, { name: '', address: 'bob@example.com' }]);
    expect(envelopeRecipients(recipients)).toEqual(['jane@example.com', 'bob@example.com']);
  });

  it('refuses line breaks before anything else, then bad addresses, then an empty list', () => {
    expect(codeOf(() => sendableRecipients({ ...base, subject: 'a\r\nBcc: x@example.com', to: ['bad'] }))).toBe('HEADER_INJECTION');
    expect(codeOf(() => sendableRecipients({ ...base, to: ['Bob\n <bob@example.com>'] }))).toBe('HEADER_INJECTION');
    expect(codeOf(() => sendableRecipients({ ...base, to: ['bad'] }))).toBe('ADDRESS_INVALID');
    expect(codeOf(() => sendableRecipients({ ...base, to: ['a@example.com b@example.com'] }))).toBe('ADDRESS_INVALID');
    expect(codeOf(() => sendableRecipients({ ...base, to: [' '] }))).toBe('NO_RECIPIENTS');
  });
});

describe('Bcc', () => {
  it('leaves the submitted copy without its (folded) Bcc header and touches nothing else', () => {
    const raw = Buffer.from('From: a@example.com\r\nBcc: b@example.com,\r\n c@example.com\r\nSubject: x\r\n\r\nBcc: stays in the body\r\n');
    expect(withoutBcc(raw).toString()).toBe('From: a@example.com\r\nSubject: x\r\n\r\nBcc: stays in the body\r\n');
    const none = Buffer.from('From: a@example.com\r\n\r\nbody');
    expect(withoutBcc(none)).toBe(none);
  });
});

describe('file names and types', () => {
  it('normalizes to NFC and strips controls, bidi overrides and path separators', () => {
    expect(safeFileName('Mu\u0308ller\u0000\u001b.txt')).toBe('Müller.txt');
    expect(safeFileName('Rechnung\u202Efdp.exe')).toBe('Rechnungfdp.exe');
    expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeFileName('  \u0007 ')).toBe('attachment');
  });

  it('shortens to 255 characters and keeps the extension', () => {
    const name = safeFileName(`${'ö'.repeat(300)}.tar.gz`);
    expect([...name]).toHaveLength(255);
    expect(name.endsWith('.gz')).toBe(true);
  });

  it('keeps only plain media types', () => {
    expect(safeContentType('Application/PDF; name=x')).toBe('application/pdf');
    expect(safeContentType('text/html\r\nX: y')).toBe('application/octet-stream');
    expect(safeContentType(undefined)).toBe('application/octet-stream');
  });
});
