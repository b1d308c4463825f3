import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../server/password/blocklist.js';
import { replaceHash } from '../../server/password/passwd-file.js';
import { checkNewPassword, DEFAULT_PASSWORD_POLICY, passwordLength } from '../../src/shared/password-policy.js';

const check = (newPassword: string, extra: Partial<Parameters<typeof checkNewPassword>[0]> = {}, policy = DEFAULT_PASSWORD_POLICY) =>
  checkNewPassword({ mailbox: 'anna.schmidt@example.com', currentPassword: 'alt und vergessen 1', newPassword, ...extra }, policy, isCommonPassword);

describe('password policy (NIST SP 800-63B-4 defaults)', () => {
  it('counts Unicode code points, not bytes or UTF-16 units, and treats NFD like NFC', () => {
    expect(passwordLength('äöü')).toBe(3);
    expect(passwordLength('a\u0308o\u0308u\u0308')).toBe(3);
    expect(passwordLength('🙂🙂')).toBe(2);
    expect(check('🙂'.repeat(14))).toEqual(['PASSWORD_TOO_SHORT']);
    expect(check('🙂'.repeat(15))).toEqual([]);
  });

  it('asks for no composition: a long lower-case phrase passes', () => {
    expect(check('grüne wiesen am fluss')).toEqual([]);
  });

  it('refuses the mailbox name and its local part, in any case', () => {
    expect(check('Anna.Schmidt@Example.com')).toContain('PASSWORD_IS_MAILBOX');
    expect(check('ANNA.SCHMIDT', {}, { minLength: 4, maxLength: 64 })).toEqual(['PASSWORD_IS_MAILBOX']);
  });

  it('refuses common passwords from the shipped lists, case-folded', () => {
    expect(check('Passwort123', {}, { minLength: 4, maxLength: 64 })).toEqual(['PASSWORD_COMMON']);
    expect(check('qwertyuiop', {}, { minLength: 4, maxLength: 64 })).toEqual(['PASSWORD_COMMON']);
    expect(isCommonPassword('grüne wiesen am fluss')).toBe(false);
  });

  it('refuses the current password, a mismatch, control characters and too long ones', () => {
    expect(check('alt und vergessen 1')).toEqual(['PASSWORD_UNCHANGED']);
    expect(check('grüne wiesen am fluss', { confirmPassword: 'grüne wiesen am flus' })).toEqual(['PASSWORD_MISMATCH']);
    expect(check('grüne wiesen\nam fluss')).toEqual(['PASSWORD_INVALID_CHARACTERS']);
    expect(check('x'.repeat(65))).toEqual(['PASSWORD_TOO_LONG']);
    expect(check('x'.repeat(64))).toEqual([]);
  });
});

describe('passwd-file line replacement', () => {
  const file = [
    '# users of example.com',
    'bob@example.com:{SHA512-CRYPT}$6$bob$hash:5000:5000::/home/bob::userdb_quota_rule=*:storage=1G',
    'anna@example.com:{SHA512-CRYPT}$6$old$hash:5000:5000::/home/anna::userdb_quota_rule=*:storage=2G\r',
    'annabelle@example.com:{SHA512-CRYPT}$6$other$hash:5000:5000::/home/annabelle::',
    '',
  ].join('\n');

  it('replaces only the password field of the one matching line, keeping extra fields and line ends', () => {
    const { content, previousHash } = replaceHash(file, 'Anna@Example.com', '{SHA512-CRYPT}$6$new$hash');
    expect(previousHash).toBe('{SHA512-CRYPT}$6$old$hash');
    const before = file.split('\n');
    const after = content.split('\n');
    expect(after[2]).toBe('anna@example.com:{SHA512-CRYPT}$6$new$hash:5000:5000::/home/anna::userdb_quota_rule=*:storage=2G\r');
    expect(after.filter((_, i) => i !== 2)).toEqual(before.filter((_, i) => i !== 2));
  });

  it('prefers the exact name and refuses when case alone cannot tell two accounts apart', () => {
    const twins = 'Alice@example.com:{X}old-upper:1:1::/a::\nalice@example.com:{X}old-lower:1:1::/b::\n';
    expect(replaceHash(twins, 'alice@example.com', '{X}new').content).toBe('Alice@example.com:{X}old-upper:1:1::/a::\nalice@example.com:{X}new:1:1::/b::\n');
    expect(() => replaceHash(twins, 'ALICE@example.com', '{X}new')).toThrow();
  });

  it('rolls back only a line that still holds the hash this change wrote', () => {
    const line = 'bob@example.com:{X}mine:1:1::/b::\n';
    expect(replaceHash(line, 'bob@example.com', '{X}old', '{X}mine').content).toBe('bob@example.com:{X}old:1:1::/b::\n');
    expect(() => replaceHash(line, 'bob@example.com', '{X}old', '{X}someone-elses')).toThrow();
  });

  it('fails, changing nothing, for a mailbox that is not in the file', () => {
    expect(() => replaceHash(file, 'ann@example.com', 'x')).toThrow();
    expect(() => replaceHash(file, '# users of example.com', 'x')).toThrow();
  });
});
