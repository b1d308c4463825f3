#!/usr/bin/env node
// `npm test`: all three layers. Unit tests first; then the real mail system is started in a
// state dir of its own on free ports (so a demo or another run can go on beside it), the SPA is
// built for the browser tests, and the integration and e2e layers run against it. The mail
// system is stopped at the end, whatever happened. Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { privateStackEnv } from './mailstack/private-stack.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const layers = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['unit', 'integration', 'e2e'];
const totals = { passed: 0, failed: 0, skipped: 0 };

function sh(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  return result.status ?? 1;
}

function vitest(projects, name, env) {
  const output = join(results, `${name}.json`);
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${output}`];
  const status = sh('npx', args, env);
  let report = null;
  try {
    report = JSON.parse(readFileSync(output, 'utf8'));
  } catch {
    // No report: vitest died before writing one. Counted below as a failure.
  }
  const passed = report?.numPassedTests ?? 0;
  let failed = report?.numFailedTests ?? 0;
  // A file that fails to load, or an unhandled error, fails the run without failing a test.
  if (status !== 0 && failed === 0) failed = 1;
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  if (report && report.numTotalTests === 0) {
    console.error(`test: the ${name} layer ran no test`);
    totals.failed += 1;
  }
}

if (layers.includes('unit')) vitest(['unit'], 'unit', process.env);

const realLayers = layers.filter((l) => l === 'integration' || l === 'e2e');
if (realLayers.length > 0) {
  const { dir: stateDir, env } = await privateStackEnv('webmail-test-');
  try {
    if (sh('bash', ['scripts/mailstack/start.sh'], env) !== 0) {
      console.error('test: the mail system did not start; integration and e2e tests cannot run');
      totals.failed += 1;
    } else {
      if (realLayers.includes('e2e') && sh('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
        console.error('test: the SPA did not build');
        totals.failed += 1;
      }
      vitest(realLayers, 'integration-e2e', env);
    }
  } finally {
    sh('bash', ['scripts/mailstack/stop.sh'], env);
    if (!process.env.KEEP_MAILSTACK) rmSync(stateDir, { recursive: true, force: true });
  }
}

const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
