// The password policy, one check for browser and gateway. Defaults follow NIST SP 800-63B-4
// for a password that is the only factor (§3.1.1.2): at least 15 characters, a maximum of at
// least 64, no composition rules, and refusal of passwords that are common, that are the
// account's name, or that equal the current one. Lengths count Unicode code points, not bytes.
// Every part is a setting; a host may lower the minimum.

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 15, maxLength: 64 };

export type PasswordProblem =
  | 'PASSWORD_INVALID_CHARACTERS'
  | 'PASSWORD_TOO_SHORT'
  | 'PASSWORD_TOO_LONG'
  | 'PASSWORD_COMMON'
  | 'PASSWORD_IS_MAILBOX'
  | 'PASSWORD_UNCHANGED'
  | 'PASSWORD_MISMATCH';

export interface PasswordChangeInput {
  mailbox: string;
  currentPassword: string;
  newPassword: string;
  /** The repeated entry; omitted where the caller already compared them. */
  confirmPassword?: string;
}

/** Code points, so "ä" is one character whether it arrives precomposed or as a + U+0308. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * Returns every problem found, most useful first. `isCommon` answers whether a candidate is on
 * the blocklist (the gateway and the SPA each load the shipped list their own way).
 */
export function checkNewPassword(
  input: PasswordChangeInput,
  policy: PasswordPolicy,
  isCommon: (candidate: string) => boolean,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const { newPassword } = input;
  const length = passwordLength(newPassword);
  if (input.confirmPassword !== undefined && input.confirmPassword !== newPassword) problems.push('PASSWORD_MISMATCH');
  // Control characters cannot be typed in a mail program's password field, and a line break
  // would end the password early in line-based tools (doveadm pw reads lines).
  if (/[\u0000-\u001f\u007f]/.test(newPassword)) problems.push('PASSWORD_INVALID_CHARACTERS');
  if (length < policy.minLength) problems.push('PASSWORD_TOO_SHORT');
  if (length > policy.maxLength) problems.push('PASSWORD_TOO_LONG');
  if (newPassword === input.currentPassword) problems.push('PASSWORD_UNCHANGED');
  const candidate = fold(newPassword);
  const mailbox = fold(input.mailbox.trim());
  const localPart = mailbox.includes('@') ? mailbox.slice(0, mailbox.lastIndexOf('@')) : mailbox;
  if (candidate === mailbox || candidate === localPart) problems.push('PASSWORD_IS_MAILBOX');
  if (isCommon(candidate)) problems.push('PASSWORD_COMMON');
  return problems;
}
