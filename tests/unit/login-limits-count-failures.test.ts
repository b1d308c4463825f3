import { describe, expect, it } from 'vitest';
import { LoginLimits } from '../../server/session/login-limits.js';

describe('sign-in limits', () => {
  it('blocks an account after its failures, from any client, and says for how long', async () => {
    const limits = new LoginLimits({ perClient: 100, perAccount: 3, windowSeconds: 600 });
    for (const client of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) await limits.recordFailure(client, 'Alice@Example.com');
    const wait = await limits.blockedFor('198.51.100.9', 'alice@example.com');
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    expect(await limits.blockedFor('198.51.100.9', 'bob@example.com')).toBe(0);
  });

  it('blocks a client that tries many accounts', async () => {
    const limits = new LoginLimits({ perClient: 2, perAccount: 100, windowSeconds: 60 });
    await limits.recordFailure('192.0.2.1', 'a@example.com');
    expect(await limits.blockedFor('192.0.2.1', 'c@example.com')).toBe(0);
    await limits.recordFailure('192.0.2.1', 'b@example.com');
    expect(await limits.blockedFor('192.0.2.1', 'c@example.com')).toBeGreaterThan(0);
    expect(await limits.blockedFor('192.0.2.2', 'c@example.com')).toBe(0);
  });

  it('forgets an account\'s failures after a successful sign-in', async () => {
    const limits = new LoginLimits({ perClient: 100, perAccount: 2, windowSeconds: 60 });
    await limits.recordFailure('192.0.2.1', 'a@example.com');
    await limits.recordSuccess('a@example.com');
    await limits.recordFailure('192.0.2.1', 'a@example.com');
    expect(await limits.blockedFor('192.0.2.1', 'a@example.com')).toBe(0);
  });
});
