// A downloaded part must never run in our origin: only inert types keep their Content-Type, and
// file names carry no paths or control characters.
import { describe, expect, it } from 'vitest';
import { safeContentType, safeFileName } from '../../server/mail/message-part.js';

describe('content type of a part download', () => {
  it('turns everything script-capable or unknown into application/octet-stream', () => {
    for (const type of [
      'text/html', 'TEXT/HTML', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', 'application/xml', 'text/javascript',
      'application/javascript', 'application/x-shockwave-flash', 'multipart/related', 'text/x-unknown', '', undefined,
      'image/png; x=1', 'text/plain\r\nX-Injected: 1',
    ]) {
      expect(safeContentType(type, undefined), String(type)).toBe('application/octet-stream');
    }
  });

  it('keeps inert types, and a clean charset on text', () => {
    expect(safeContentType('image/PNG', undefined)).toBe('image/png');
    expect(safeContentType('application/pdf', 'utf-8')).toBe('application/pdf');
    expect(safeContentType('text/plain', 'iso-8859-1')).toBe('text/plain; charset=iso-8859-1');
    expect(safeContentType('text/plain', 'utf-8"; x="y')).toBe('text/plain');
    expect(safeContentType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', undefined)).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });
});

describe('file name of a part download', () => {
  it('drops paths, control characters and leading dots, and names nameless parts', () => {
    expect(safeFileName('../../etc/passwd', 7, '2', 'text/plain')).toBe('_.._etc_passwd');
    expect(safeFileName('C:\\Users\\x.exe', 7, '2', 'application/octet-stream')).toBe('C:_Users_x.exe');
    expect(safeFileName('Bericht\r\nSet-Cookie: x.pdf', 7, '2', 'application/pdf')).toBe('Bericht_Set-Cookie: x.pdf');
    expect(safeFileName('  .versteckt ', 7, '2', 'text/plain')).toBe('versteckt');
    expect(safeFileName('Grüße März.pdf', 7, '2', 'application/pdf')).toBe('Grüße März.pdf');
    expect(safeFileName(false, 7, '1.2', 'image/png')).toBe('message-7-part-1-2');
    expect(safeFileName(undefined, 7, '3', 'message/rfc822')).toBe('message-7-part-3.eml');
    expect([...safeFileName('ä'.repeat(400), 7, '2', 'text/plain')]).toHaveLength(150);
  });
});
