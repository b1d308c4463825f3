#!/usr/bin/env node
// `npm run bench`: starts its own mail system, seeds it, starts a gateway, runs the sections,
// prints one table and writes bench/results/latest.json. The mail system and every gateway child
// are stopped at the end, whatever happened. See bench/README.md.
//   BENCH_QUICK=1          skip the 100,000-message folder
//   BENCH_SECTIONS=a,b     run only these sections (names below)
//   BENCH_RUNS=7           timed runs per figure (after 2 warm-ups)
//   BENCH_LOAD_SECONDS=10  duration of each load level
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { browserSection } from './browser.mjs';
import { gatewaySection } from './gateway.mjs';
import { loadSection } from './load.mjs';
import { memorySection } from './memory.mjs';
import {
  buildServer, createUsers, ensureSpa, fillInboxes, log, root, seed, signIn, signOut, startGateway, startStack,
} from './stack.mjs';
import { formatTable } from './table.mjs';
import { weightSection } from './weight.mjs';

/**
 * The sections, in order. Each is `{ name, needsSpa, run: async (ctx) => rows[] }`; a section
 * that throws is reported as one MISSED row and the others still run.
 */
export const sections = [
  { name: 'gateway', needsSpa: false, run: gatewaySection },
  { name: 'weight', needsSpa: true, run: weightSection },
  { name: 'browser', needsSpa: true, run: browserSection },
  { name: 'memory', needsSpa: false, run: memorySection },
  { name: 'load', needsSpa: false, run: loadSection },
];

// seed.ts puts 88.75 % of its messages in INBOX (the rest in Sent, Trash, Junk): these give
// INBOXes of 10,000 and 100,000.
const SEED_10K = 11_268;
const SEED_100K = 112_676;
const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_SECTIONS ? new Set(process.env.BENCH_SECTIONS.split(',').map((s) => s.trim())) : null;
const chosen = sections.filter((s) => !only || only.has(s.name));
const started = performance.now();
const rows = [];
let stack;
let gateway;
const sessions = [];

async function main() {
  log(`sections: ${chosen.map((s) => s.name).join(', ')}${quick ? ' (quick: no 100k folder)' : ''}`);
  buildServer();
  if (chosen.some((s) => s.needsSpa)) ensureSpa();

  stack = await startStack();
  const [small] = await createUsers(stack, 1, 'bench10k');
  const big = quick ? null : (await createUsers(stack, 1, 'bench100k'))[0];
  const [sink] = await createUsers(stack, 1, 'sink');
  const many = await createUsers(stack, 200, 'load');
  log('seeding (10k' + (big ? ' and 100k in parallel' : '') + ') and filling 200 small inboxes');
  await Promise.all([seed(stack, small, SEED_10K), big && seed(stack, big, SEED_100K), fillInboxes(stack, many, 30)]);

  gateway = await startGateway(stack);
  const folders = [];
  for (const [label, user, fullSync] of [['10k', small, true], ['100k', big, false]]) {
    if (!user) continue;
    const session = await signIn(gateway.base, user);
    sessions.push(session);
    const total = (await (await fetch(`${gateway.base}/api/messages?folder=INBOX&offset=0&limit=1`, { headers: session.headers() })).json()).total;
    folders.push({ label: `${label} (INBOX ${total})`, user, session, fullSync, total });
  }

  /** The context every section gets (documented in bench/README.md). */
  const ctx = {
    root,
    quick,
    stack: { dir: stack.dir, domain: stack.domain, imapPort: stack.imapPort, submissionPort: stack.submissionPort, managesievePort: stack.managesievePort, env: stack.file },
    users: { small, big, sink, many },
    folders,
    gateway: { base: gateway.base, pid: gateway.pid },
    startGateway: (settings, options) => startGateway(stack, settings, options),
    signIn: (user, base = gateway.base) => signIn(base, user),
  };

  for (const section of chosen) {
    const t = performance.now();
    log(`section ${section.name}`);
    try {
      rows.push(...(await section.run(ctx)));
    } catch (error) {
      log(`section ${section.name} failed: ${error.stack ?? error}`);
      rows.push({ section: section.name, measure: 'section failed', size: '-', median: undefined, unit: '', budget: 'runs', met: false, note: String(error.message ?? error).slice(0, 300) });
    }
    log(`section ${section.name} took ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
}

// Ctrl-C or a kill: stop the mail system before going (the gateway children get the signal too).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the mail system`);
    stack?.stop();
    process.exit(130);
  });
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  log(`bench failed: ${error.stack ?? error}`);
} finally {
  if (gateway) {
    for (const session of sessions) await signOut(gateway.base, session);
    await gateway.stop();
  }
  if (stack) stack.stop();
}

const seconds = (performance.now() - started) / 1000;
const table = formatTable(rows);
console.log(table);
console.log(`\n${rows.length} figures in ${seconds.toFixed(0)} s on ${cpus().length} cores${quick ? ' (BENCH_QUICK: no 100k folder)' : ''}`);
const dir = join(root, 'bench/results');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'latest.json');
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), quick, seconds, node: process.version, cores: cpus().length, rows, table }, null, 2));
console.log(`results: ${file}`);
process.exit(failed || rows.some((row) => row.measure === 'section failed') ? 1 : 0);
