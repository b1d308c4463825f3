// Sign-in throttling per client address and per account (rate-limiter-flexible; memory now,
// its Redis limiter fits the same calls when sessions move to Redis). Only failures count, so a
// user who signs in correctly is never locked out by their own successes; a success clears the
// account's counter. Dovecot's own auth penalty sees the real client through IMAP ID as well.
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimitSettings {
  perClient: number;
  perAccount: number;
  windowSeconds: number;
}

export class LoginLimits {
  private readonly perClient: RateLimiterMemory;
  private readonly perAccount: RateLimiterMemory;

  constructor(settings: LoginLimitSettings) {
    this.perClient = new RateLimiterMemory({ keyPrefix: 'login-client', points: settings.perClient, duration: settings.windowSeconds });
    this.perAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: settings.perAccount, duration: settings.windowSeconds });
  }

  private static accountKey(username: string): string {
    return username.trim().toLowerCase();
  }

  /** Seconds until the next attempt is allowed, or 0 when one is allowed now. */
  async blockedFor(clientAddress: string, username: string): Promise<number> {
    const [client, account] = await Promise.all([
      this.perClient.get(clientAddress),
      this.perAccount.get(LoginLimits.accountKey(username)),
    ]);
    const waits = [client, account]
      .filter((res): res is RateLimiterRes => res !== null && res.remainingPoints <= 0)
      .map((res) => Math.ceil(res.msBeforeNext / 1000));
    return waits.length === 0 ? 0 : Math.max(...waits);
  }

  async recordFailure(clientAddress: string, username: string): Promise<void> {
    // consume() rejects once the points are used up; the state it leaves is what we want.
    await Promise.allSettled([
      this.perClient.consume(clientAddress),
      this.perAccount.consume(LoginLimits.accountKey(username)),
    ]);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.perAccount.delete(LoginLimits.accountKey(username));
  }
}
