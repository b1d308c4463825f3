// Section 4: N concurrent signed-in sessions (one user each) loop "list the first window, open a
// message of it" for a bounded time on loopback, against the shared gateway. The load generator
// runs in this process, on the same 2 cores as the gateway and Dovecot.
import { log, percentile, pool, signIn, signOut } from './stack.mjs';

const LEVELS = [10, 50, 200];
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS || 10);

async function timed(base, session, path, latencies, errors) {
  const t = performance.now();
  try {
    const response = await fetch(`${base}${path}`, { headers: session.headers() });
    const body = path.startsWith('/api/messages?') ? await response.json() : await response.arrayBuffer();
    if (!response.ok) throw new Error(`${response.status}`);
    latencies.push(performance.now() - t);
    return body;
  } catch (error) {
    errors.push(`${path.split('?')[0]}: ${error.message}`);
    return null;
  }
}

async function level(base, sessions) {
  const latencies = [];
  const errors = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(sessions.map(async (session, n) => {
    let pick = n;
    while (performance.now() < deadline) {
      const list = await timed(base, session, '/api/messages?folder=INBOX&offset=0&limit=50', latencies, errors);
      const rows = list?.rows ?? [];
      if (rows.length === 0) continue;
      const row = rows[pick++ % rows.length];
      await timed(base, session, `/api/messages/source?folder=INBOX&uid=${row.uid}`, latencies, errors);
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { throughput: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

export async function loadSection(ctx) {
  const base = ctx.gateway.base;
  const max = Math.max(...LEVELS);
  const users = ctx.users.many.slice(0, max);
  // Signing in is not what is measured: 10 at a time, before the clock starts.
  const sessions = await pool(users, 10, (user) => signIn(base, user));
  const rows = [];
  try {
    for (const n of LEVELS) {
      const result = await level(base, sessions.slice(0, n));
      log(`load N=${n}: ${result.throughput.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.errors.length} errors`);
      const distinct = [...new Set(result.errors)].slice(0, 3).join('; ');
      if (result.errors.length) log(`load N=${n} errors (first kinds): ${distinct}`);
      const size = `N=${n}`;
      rows.push(
        { section: 'load', measure: `throughput, ${SECONDS} s`, size, median: result.throughput, unit: 'req/s', budget: '', met: null },
        { section: 'load', measure: 'latency p50', size, median: result.p50, unit: 'ms', budget: '', met: null },
        { section: 'load', measure: 'latency p99', size, median: result.p99, unit: 'ms', budget: '', met: null },
        {
          section: 'load', measure: 'errors', size, median: result.errors.length, unit: '', budget: n === max ? '0' : '',
          met: n === max ? result.errors.length === 0 : null, note: distinct || undefined,
        },
      );
    }
  } finally {
    await pool(sessions, 20, (session) => signOut(base, session));
  }
  return rows;
}
