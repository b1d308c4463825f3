// Section 3: gateway RSS per signed-in session. A fresh gateway child; warmed up by one session
// doing everything measured (so lazily loaded code and JIT are in the baseline), then 100
// sessions of 100 users are signed in and list their INBOX (an idle user looking at the list:
// its IMAP connection open, INBOX selected), then each opens an event stream (a second, IDLE
// connection). No forced GC (no --expose-gc, no internal endpoint): RSS is sampled after a settle
// time, the median of several samples.
import { setTimeout as sleep } from 'node:timers/promises';
import { api, log, median, pool, signIn, signOut, startGateway } from './stack.mjs';

const SESSIONS = 100;
const SETTLE_MS = 4_000;
const SAMPLES = 7;
const SAMPLE_GAP_MS = 300;
const IDLE_BUDGET_KB = 1024;

async function settledRssKb(gateway) {
  await sleep(SETTLE_MS);
  const samples = [];
  for (let n = 0; n < SAMPLES; n++) {
    samples.push(gateway.rssKb());
    await sleep(SAMPLE_GAP_MS);
  }
  return median(samples);
}

/** Opens GET /api/events and resolves once the first event (the current state) arrived; keeps reading. */
async function openEvents(base, session) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/events`, { headers: session.headers(), signal: controller.signal });
  if (!response.ok) throw new Error(`GET /api/events: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('event: mailbox')) {
    const { value, done } = await reader.read();
    if (done) throw new Error('event stream ended early');
    text += decoder.decode(value, { stream: true });
  }
  const reading = (async () => {
    try {
      for (;;) if ((await reader.read()).done) break;
    } catch {
      // aborted
    }
  })();
  return { close: async () => { controller.abort(); await reading; } };
}

export async function memorySection(ctx) {
  const users = ctx.users.many.slice(0, SESSIONS + 1);
  if (users.length < SESSIONS + 1) throw new Error(`memory: needs ${SESSIONS + 1} users`);
  const gateway = await startGateway(ctx.stack);
  const streams = [];
  try {
    const base = gateway.base;
    const list = (session) => api(base, session, '/api/messages?folder=INBOX&offset=0&limit=50');
    // Warm-up: one session through every step, then signed out.
    for (let round = 0; round < 2; round++) {
      const warm = await signIn(base, users[SESSIONS]);
      await list(warm);
      const stream = await openEvents(base, warm);
      await stream.close();
      await signOut(base, warm);
    }
    const baseline = await settledRssKb(gateway);

    const sessions = await pool(users.slice(0, SESSIONS), 10, async (user) => {
      const session = await signIn(base, user);
      await list(session);
      return session;
    });
    const idle = await settledRssKb(gateway);

    streams.push(...(await pool(sessions, 10, (session) => openEvents(base, session))));
    const withEvents = await settledRssKb(gateway);
    log(`memory: baseline ${baseline} KiB, ${SESSIONS} idle sessions ${idle} KiB, with event streams ${withEvents} KiB`);

    const idlePer = (idle - baseline) / SESSIONS;
    const eventsPer = (withEvents - baseline) / SESSIONS;
    return [
      { section: 'memory', measure: 'gateway RSS at start (warmed up)', size: '-', median: baseline / 1024, unit: 'MB', budget: '', met: null },
      { section: 'memory', measure: `RSS per idle session (${SESSIONS} sessions)`, size: '-', median: idlePer / 1024, unit: 'MB', budget: '<= 1 MB', met: idlePer <= IDLE_BUDGET_KB },
      { section: 'memory', measure: `RSS per session with event stream`, size: '-', median: eventsPer / 1024, unit: 'MB', budget: '', met: null },
    ];
  } finally {
    await Promise.all(streams.map((s) => s.close()));
    await gateway.stop();
  }
}
