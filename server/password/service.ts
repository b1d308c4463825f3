// A self-service password change: rate limits, the shared policy, the current password proven
// by an IMAP login, the new hash written by the backend, and the new password proven by an IMAP
// login before success is reported. If the proof fails, the old hash goes back, so "nothing was
// changed" stays true.
import type { Config } from '../config.js';
import { Failure } from '../failure.js';
import { connectImap } from '../imap/connect.js';
import { LoginLimits } from '../session/login-limits.js';
import { checkNewPassword } from '../../src/shared/password-policy.js';
import type { PasswordBackend } from './backend.js';
import { isCommonPassword } from './blocklist.js';
import { hashPassword } from './hash.js';

export interface PasswordChangeRequest {
  mailbox: string;
  currentPassword: string;
  newPassword: string;
  confirmPassword?: string;
  clientAddress: string;
}

const PROOF_ATTEMPTS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class PasswordService {
  private readonly limits: LoginLimits;

  constructor(
    private readonly config: Config,
    private readonly backend: PasswordBackend | null,
  ) {
    this.limits = new LoginLimits(config.password.limits);
  }

  get enabled(): boolean {
    return this.backend !== null;
  }

  private async login(mailbox: string, password: string, clientAddress: string): Promise<void> {
    const client = await connectImap(this.config.imap, { user: mailbox, password, clientAddress });
    await client.logout().catch(() => client.close());
  }

  async change(request: PasswordChangeRequest): Promise<void> {
    const backend = this.backend;
    if (!backend) throw new Failure('PASSWORD_CHANGE_UNAVAILABLE', { reason: 'PASSWORD_BACKEND is none' });
    const mailbox = request.mailbox.trim();
    const problems = checkNewPassword({ ...request, mailbox }, this.config.password.policy, isCommonPassword);
    if (problems.length > 0) throw new Failure(problems[0]!, { problems }, undefined, problems);

    const wait = await this.limits.begin(request.clientAddress, mailbox);
    if (wait > 0) throw new Failure('RATE_LIMITED', { mailbox, operation: 'password change' }, wait);
    try {
      await this.login(mailbox, request.currentPassword, request.clientAddress);
    } catch (error) {
      if (error instanceof Failure && error.code === 'AUTH_FAILED') throw new Failure('CURRENT_PASSWORD_WRONG', { mailbox });
      await this.limits.undecided(request.clientAddress, mailbox);
      throw error;
    }
    await this.limits.succeeded(request.clientAddress, mailbox);

    const { scheme, doveadm } = this.config.password;
    const newHash = await hashPassword(doveadm, scheme, request.newPassword);
    const { previousHash, effectiveAfter } = await backend.setHash(mailbox, newHash);

    await sleep(effectiveAfter - Date.now());
    for (let attempt = 1; ; attempt++) {
      try {
        await this.login(mailbox, request.newPassword, request.clientAddress);
        return;
      } catch (error) {
        if (attempt >= PROOF_ATTEMPTS) {
          const rollback = await backend.setHash(mailbox, previousHash, newHash).then(() => 'restored', (e: unknown) => `failed: ${String(e)}`);
          throw new Failure('PASSWORD_CHANGE_UNAVAILABLE', { step: 'prove new password', rollback, detail: String(error) });
        }
        await sleep(500);
      }
    }
  }
}
