import { describe, expect, it } from 'vitest';
import { clientKey, LoginLimits } from '../../server/session/login-limits.js';

const attempt = async (limits: LoginLimits, client: string, account: string, outcome: 'fail' | 'ok' | 'undecided' = 'fail') => {
  const wait = await limits.begin(client, account);
  if (wait > 0) return wait;
  if (outcome === 'ok') await limits.succeeded(client, account);
  if (outcome === 'undecided') await limits.undecided(client, account);
  return 0;
};

describe('sign-in limits', () => {
  it('counts guesses sent in parallel at once: only the budget gets through', async () => {
    const limits = new LoginLimits({ perClient: 1000, perAccount: 3, windowSeconds: 600 });
    const waits = await Promise.all(Array.from({ length: 50 }, (_, i) => limits.begin(`192.0.2.${i}`, 'alice@example.com')));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(Math.min(...waits.filter((w) => w > 0))).toBeGreaterThan(590);
  });

  it('blocks an account after its failures, from any client, and says for how long', async () => {
    const limits = new LoginLimits({ perClient: 100, perAccount: 3, windowSeconds: 600 });
    for (const client of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) expect(await attempt(limits, client, 'Alice@Example.com')).toBe(0);
    const wait = await attempt(limits, '198.51.100.9', 'alice@example.com');
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    expect(await attempt(limits, '198.51.100.9', 'bob@example.com')).toBe(0);
  });

  it('blocks a client that tries many accounts, and an IPv6 client across its /64', async () => {
    const limits = new LoginLimits({ perClient: 2, perAccount: 100, windowSeconds: 60 });
    await attempt(limits, '2001:db8:1:2::10', 'a@example.com');
    await attempt(limits, '2001:db8:1:2:ffff::7', 'b@example.com');
    expect(await attempt(limits, '2001:db8:1:2::99', 'c@example.com')).toBeGreaterThan(0);
    expect(await attempt(limits, '2001:db8:1:3::1', 'c@example.com')).toBe(0);
    expect(clientKey('2001:DB8:0001:0002:0:0:0:10')).toBe('2001:db8:1:2::/64');
    expect(clientKey('::ffff:192.0.2.5')).toBe('192.0.2.5');
  });

  it('gives the point back after a success or when no verdict was reached', async () => {
    const limits = new LoginLimits({ perClient: 100, perAccount: 2, windowSeconds: 60 });
    await attempt(limits, '192.0.2.1', 'a@example.com', 'fail');
    await attempt(limits, '192.0.2.1', 'a@example.com', 'ok');
    await attempt(limits, '192.0.2.1', 'a@example.com', 'undecided');
    await attempt(limits, '192.0.2.1', 'a@example.com', 'fail');
    expect(await attempt(limits, '192.0.2.1', 'a@example.com')).toBe(0);
    expect(await attempt(limits, '192.0.2.1', 'a@example.com')).toBeGreaterThan(0);
  });
});
