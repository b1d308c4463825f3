// Every /basic page a user can reach by links, and the message-body frame documents, carry no
// script: no <script> element, no on…= handler attribute on any element, and a CSP that forbids
// scripts. Walked breadth-first in Chromium with JavaScript off, as a signed-in user with plain,
// HTML and hostile mail.
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.js';
import { appendAll, composeMessage } from '../support/messages.js';
import { createUser, rawMessage } from '../support/mailstack.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const MAX_PAGES = 60;

function scriptProblems(url: string, markup: string, csp: string | undefined): string[] {
  const problems: string[] = [];
  if (/<script/i.test(markup)) problems.push(`${url}: <script`);
  const { document } = new JSDOM(markup).window;
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) problems.push(`${url}: <${element.localName} ${attribute.name}>`);
      if (/^\s*javascript:/i.test(attribute.value)) problems.push(`${url}: ${attribute.name}=javascript:`);
    }
  }
  const directives = new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
  const scriptSrc = directives.get('script-src');
  if (!(scriptSrc === "'none'" || (scriptSrc === undefined && directives.get('default-src') === "'none'"))) problems.push(`${url}: CSP ${csp}`);
  return problems;
}

/** Same-origin /basic links and frames of a page, minus the ones that leave (switch) or download. */
function nextUrls(base: string, pageUrl: string, markup: string): string[] {
  const { document } = new JSDOM(markup).window;
  const targets = [...document.querySelectorAll('a[href], iframe[src]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src')!);
  return targets.flatMap((target) => {
    const url = new URL(target, pageUrl);
    if (url.origin !== base || !url.pathname.startsWith('/basic') || url.pathname === '/basic/switch' || url.pathname === '/basic/logout') return [];
    url.hash = '';
    // The language links lead to the same pages in the other language: one walk, not one per language.
    url.searchParams.delete('lang');
    return [url.toString()];
  });
}

describe('/basic pages without script', () => {
  it('finds no script element, handler attribute or script-allowing CSP on any page reachable by links', async () => {
    const user = await createUser('basic-walk');
    const hostile = await composeMessage({
      from: 'Böse <evil@spam.example>', to: user.address, subject: 'Hostile',
      html: '<body onload="alert(1)"><p onmouseover="alert(2)">x</p><script>alert(3)</script><img src="x" onerror="alert(4)"><svg><script>alert(5)</script></svg><a href="javascript:alert(6)">y</a></body>',
      attachments: [{ filename: 'a.txt', content: 'anhang', contentType: 'text/plain' }],
    });
    await appendAll(user, 'INBOX', [{ raw: rawMessage(user.address, user.address, 'Plain', 'Hallo <script>alert(1)</script>') }, { raw: hostile }]);
    await appendAll(user, 'Trash', [{ raw: rawMessage(user.address, user.address, 'Im Papierkorb') }]);

    const context = await e2e.browser.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    const base = new URL(e2e.base).origin;
    const problems: string[] = [];
    const check = async (url: string) => {
      const response = await page.goto(url);
      if (!response) throw new Error(`no response for ${url}`);
      expect(response.status(), url).toBeLessThan(500);
      const markup = await response.text();
      problems.push(...scriptProblems(url, markup, response.headers()['content-security-policy']));
      return markup;
    };

    await check(`${base}/basic/login`);
    await page.getByLabel('Email address').fill(user.address);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/basic/mail`);

    const queue = [
      // German from here on (the choice is remembered); the sign-in page above was English.
      `${base}/basic/mail?lang=de`,
      `${base}/basic/mail?folder=Nowhere`,
      `${base}/basic/message?folder=INBOX&uid=999`,
      `${base}/basic/mail/confirm?folder=Trash&uid=1&back=${encodeURIComponent('/basic/mail?folder=Trash')}`,
    ];
    const seen = new Set(queue);
    const visited: string[] = [];
    while (queue.length > 0 && visited.length < MAX_PAGES) {
      const url = queue.shift()!;
      visited.push(url);
      const markup = await check(url);
      for (const next of nextUrls(base, page.url(), markup)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect(problems).toEqual([]);
    // The walk reached the list, a message, its frame body and the German pages.
    expect(visited.filter((url) => url.includes('/basic/message/body?'))).not.toEqual([]);
    expect(visited.filter((url) => url.includes('/basic/message?'))).not.toEqual([]);
    expect(visited.length).toBeGreaterThan(10);
    await context.close();
  });
});
