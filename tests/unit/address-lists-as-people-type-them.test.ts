import { describe, expect, it } from 'vitest';
import { formatAddress, isMailboxAddress, parseAddressList } from '../../src/shared/address.js';

describe('address lists', () => {
  it('splits on commas and semicolons outside quotes and brackets', () => {
    const { addresses, invalid } = parseAddressList('"Schmidt, Anna" <anna@example.com>; bob@example.org, Jörg Müller <jörg@müller.de>');
    expect(invalid).toEqual([]);
    expect(addresses).toEqual([
      { name: 'Schmidt, Anna', address: 'anna@example.com' },
      { name: '', address: 'bob@example.org' },
      { name: 'Jörg Müller', address: 'jörg@müller.de' },
    ]);
  });

  it('reports what is not an address, as typed', () => {
    expect(parseAddressList('anna@, @example.com, anna@example, a b@example.com, ok@example.com').invalid).toEqual([
      'anna@', '@example.com', 'anna@example', 'a b@example.com',
    ]);
  });

  it('refuses line breaks anywhere (header injection)', () => {
    expect(isMailboxAddress('anna@example.com\r\nBcc: x@evil.example')).toBe(false);
    expect(parseAddressList('"Anna\r\nBcc: x@evil.example" <anna@example.com>').invalid).toHaveLength(1);
  });

  it('quotes display names that need it', () => {
    expect(formatAddress({ name: 'Schmidt, Anna', address: 'anna@example.com' })).toBe('"Schmidt, Anna" <anna@example.com>');
    expect(formatAddress({ name: 'Anna', address: 'anna@example.com' })).toBe('Anna <anna@example.com>');
  });
});
