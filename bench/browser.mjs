// Browser section: Debian's Chromium through playwright-core, against the bench's gateway.
// Sign-in to first rows with an empty cache; reload to first rows with a warm cache (as the
// harness sees it and as the page does), beside a reload of a page without script; opening an
// uncached and a cached message; scrolling a whole folder end to end (frames over 50 ms).
import { chromium } from 'playwright-core';
import { log, median, RUNS, WARMUPS } from './stack.mjs';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WARM_RELOAD_BUDGET_MS = 100;

/**
 * Notes, in the page, when the first row with a subject is in the DOM: performance.now() counts
 * from the navigation's start, so this leaves out what the harness adds around a reload (about
 * 45 ms until waitForSelector sees an element that is already there, on these machines).
 */
function recordFirstRows() {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.list-row .row-subject')) return;
    window.__firstRowsAt = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

async function signIn(page, base, user) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email address').fill(user.address);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  const started = performance.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('.list-row .row-subject');
  return performance.now() - started;
}

async function openMessage(page, index) {
  const started = performance.now();
  await page.locator('.list-row').nth(index).click();
  await page.waitForSelector('iframe.message-frame, .plain-body');
  const took = performance.now() - started;
  await page.getByRole('button', { name: 'Back to the list' }).click();
  return took;
}

/** Scrolls the list from top to bottom in steps, one per animation frame; counts slow frames. */
async function scrollEndToEnd(page) {
  return page.evaluate(async () => {
    const viewport = document.querySelector('.list-viewport');
    const steps = 300;
    const stride = (viewport.scrollHeight - viewport.clientHeight) / steps;
    const frames = [];
    let last = performance.now();
    for (let i = 1; i <= steps; i++) {
      viewport.scrollTop = Math.round(stride * i);
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    frames.sort((a, b) => a - b);
    return { slow: frames.filter((f) => f > 50).length, frames: frames.length, p50: frames[Math.floor(frames.length / 2)], max: frames[frames.length - 1] };
  });
}

export async function browserSection(ctx) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS, headless: true });
  const rows = [];
  try {
    for (const folder of ctx.folders) {
      const cold = [];
      const warm = [];
      const warmInPage = [];
      const uncached = [];
      const cached = [];
      for (let run = 0; run < WARMUPS + RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        await context.addInitScript(recordFirstRows);
        const page = await context.newPage();
        const signInMs = await signIn(page, ctx.gateway.base, folder.user);
        const uncachedMs = await openMessage(page, 3 + run);
        let started = performance.now();
        await page.reload();
        await page.waitForSelector('.list-row .row-subject');
        const warmMs = performance.now() - started;
        const warmInPageMs = await page.evaluate(() => window.__firstRowsAt);
        const cachedMs = await openMessage(page, 3 + run);
        if (run >= WARMUPS) {
          cold.push(signInMs);
          uncached.push(uncachedMs);
          warm.push(warmMs);
          warmInPage.push(warmInPageMs);
          cached.push(cachedMs);
        }
        await context.close();
      }
      const size = folder.label;
      const warmMedian = median(warm);
      rows.push(
        { section: 'browser', measure: 'sign-in to first rows (empty cache)', size, median: median(cold), unit: 'ms', budget: '', met: null },
        { section: 'browser', measure: 'reload to first rows (warm cache)', size, median: warmMedian, unit: 'ms', budget: `<= ${WARM_RELOAD_BUDGET_MS} ms`, met: warmMedian <= WARM_RELOAD_BUDGET_MS },
        { section: 'browser', measure: 'the same, in the page (navigation start)', size, median: median(warmInPage), unit: 'ms', budget: '', met: null },
        { section: 'browser', measure: 'open an uncached message', size, median: median(uncached), unit: 'ms', budget: '', met: null },
        { section: 'browser', measure: 'open a cached message', size, median: median(cached), unit: 'ms', budget: '', met: null },
      );
      log(`browser ${size}: cold ${median(cold).toFixed(0)} ms, warm ${warmMedian.toFixed(0)} ms`);
    }
    // The harness's own share of a reload: the same reload and wait for a page that runs no script.
    const floor = [];
    for (let run = 0; run < WARMUPS + RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${ctx.gateway.base}/basic/login`);
      const started = performance.now();
      await page.reload();
      await page.waitForSelector('form input[name="username"]');
      if (run >= WARMUPS) floor.push(performance.now() - started);
      await context.close();
    }
    rows.push({
      section: 'browser', measure: 'reload a page without script (/basic/login)', size: '-', median: median(floor), unit: 'ms', budget: '', met: null,
      note: 'what the harness and one gateway round trip cost a reload by themselves: the floor under "reload to first rows"',
    });

    // Scrolling end to end: the largest folder there is (100k unless BENCH_QUICK).
    const largest = ctx.folders[ctx.folders.length - 1];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, ctx.gateway.base, largest.user);
    const scroll = await scrollEndToEnd(page);
    await context.close();
    rows.push({
      section: 'browser', measure: 'scroll end to end: frames over 50 ms', size: largest.label, median: scroll.slow, unit: 'frames', budget: '', met: null,
      note: `${scroll.frames} frames, median ${scroll.p50.toFixed(1)} ms, longest ${scroll.max.toFixed(0)} ms`,
    });
  } finally {
    await browser.close();
  }
  return rows;
}
