// A place where mailbox passwords live. The service verifies the current password and proves
// the new one by IMAP logins; a backend only swaps the stored hash.
export interface PasswordChangeResult {
  /** The hash that was replaced, to put back if the new password cannot be proven. */
  previousHash: string;
  /** Wall-clock ms after which the mail server is sure to see the change. */
  effectiveAfter: number;
}

export interface PasswordBackend {
  /** With `expectedHash`, only if the stored hash is still that one (for rollbacks). */
  setHash(mailbox: string, newHash: string, expectedHash?: string): Promise<PasswordChangeResult>;
}
