// Sign-in (and password-change) throttling per client address and per account, with
// rate-limiter-flexible (memory now; its Redis limiter fits the same calls). An attempt takes a
// point from both budgets BEFORE the credentials are tried, so guesses sent in parallel count
// at once; a success gives the points back (and clears the account's count), and so does an
// attempt that never reached a verdict (mail server down). IPv6 clients are counted per /64,
// the block a single subscriber usually gets.
import { isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimitSettings {
  perClient: number;
  perAccount: number;
  windowSeconds: number;
}

export function clientKey(address: string): string {
  if (!isIPv6(address) || address.startsWith('::ffff:')) return address.replace(/^::ffff:/, '');
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
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

  /**
   * Takes one attempt from both budgets. Returns 0 when the attempt may go ahead, else the
   * seconds until one is allowed again (and then takes nothing).
   */
  async begin(clientAddress: string, username: string): Promise<number> {
    const client = clientKey(clientAddress);
    const account = LoginLimits.accountKey(username);
    const [fromClient, fromAccount] = await Promise.allSettled([this.perClient.consume(client), this.perAccount.consume(account)]);
    const refused = [fromClient, fromAccount].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (refused.length === 0) return 0;
    if (fromClient.status === 'fulfilled') await this.perClient.reward(client, 1);
    if (fromAccount.status === 'fulfilled') await this.perAccount.reward(account, 1);
    const waits = refused.map((r) => (r.reason instanceof RateLimiterRes ? Math.ceil(r.reason.msBeforeNext / 1000) : 60));
    return Math.max(1, ...waits);
  }

  /** The credentials were right: the attempt does not count, and the account starts afresh. */
  async succeeded(clientAddress: string, username: string): Promise<void> {
    await Promise.all([this.perClient.reward(clientKey(clientAddress), 1), this.perAccount.delete(LoginLimits.accountKey(username))]);
  }

  /** No verdict (the mail server could not be asked): give the attempt back. */
  async undecided(clientAddress: string, username: string): Promise<void> {
    await Promise.all([this.perClient.reward(clientKey(clientAddress), 1), this.perAccount.reward(LoginLimits.accountKey(username), 1)]);
  }
}
