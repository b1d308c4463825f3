// Section 2: what the first screen loads. dist/index.html's scripts, module preloads and style
// sheets, plus every chunk those scripts import statically (Vite writes them as `import … from
// "./chunk.js"` at the top of a chunk; dynamic `import()` is left out: it loads later).
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureSpa, log, root } from './stack.mjs';

const JS_BUDGET_GZIP = 60 * 1024;

/** Static imports of an ES module chunk: `import x from"./a.js"`, `import"./b.js"`, `export … from"./c.js"`. */
export function staticImports(code) {
  const found = [];
  const pattern = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.(?:js|mjs|css))["']/g;
  for (const match of code.matchAll(pattern)) found.push(match[1]);
  return found;
}

export function firstScreen(distDir) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const queue = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const src = /\b(?:src|href)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (!src || /^[a-z]+:/i.test(src)) continue;
    if (/^<script/i.test(tag)) queue.push(src);
    else if (/rel\s*=\s*["']?(modulepreload|stylesheet|icon)/i.test(tag)) queue.push(src);
  }
  const files = new Map(); // url path → { kind, raw, gzip }
  while (queue.length > 0) {
    const url = queue.shift();
    if (files.has(url)) continue;
    const path = join(distDir, url.replace(/^\//, ''));
    if (!existsSync(path)) {
      log(`weight: ${url} is referenced but not in dist/`);
      continue;
    }
    const bytes = readFileSync(path);
    const kind = url.endsWith('.css') ? 'css' : /\.m?js$/.test(url) ? 'js' : 'other';
    files.set(url, { kind, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    if (kind === 'js') {
      for (const spec of staticImports(bytes.toString('utf8'))) {
        if (/^[a-z]+:/i.test(spec) || !spec.startsWith('.') && !spec.startsWith('/')) continue;
        queue.push(spec.startsWith('/') ? spec : posix.join(posix.dirname(url), spec));
      }
    }
  }
  const htmlBytes = Buffer.from(html);
  return { html: { raw: htmlBytes.length, gzip: gzipSync(htmlBytes, { level: 9 }).length }, files };
}

export async function weightSection() {
  ensureSpa();
  const { html, files } = firstScreen(join(root, 'dist'));
  const sum = (kind, key) => [...files.values()].filter((f) => f.kind === kind).reduce((n, f) => n + f[key], 0);
  const js = { raw: sum('js', 'raw'), gzip: sum('js', 'gzip') };
  const css = { raw: sum('css', 'raw'), gzip: sum('css', 'gzip') };
  const requests = 1 + files.size; // the document plus each file
  log(`weight: first screen loads ${[...files.keys()].join(', ')}`);
  const kb = (n) => n / 1024;
  return [
    { section: 'weight', measure: 'first-screen JS, gzip', size: '-', median: kb(js.gzip), unit: 'KB', budget: '<= 60 KB', met: js.gzip <= JS_BUDGET_GZIP },
    { section: 'weight', measure: 'first-screen JS, raw', size: '-', median: kb(js.raw), unit: 'KB', budget: '', met: null },
    { section: 'weight', measure: 'first-screen CSS, gzip', size: '-', median: kb(css.gzip), unit: 'KB', budget: '', met: null },
    { section: 'weight', measure: 'first-screen CSS, raw', size: '-', median: kb(css.raw), unit: 'KB', budget: '', met: null },
    { section: 'weight', measure: 'index.html, gzip', size: '-', median: kb(html.gzip), unit: 'KB', budget: '', met: null },
    {
      section: 'weight', measure: 'first-screen requests (static)', size: '-', median: requests, unit: 'req', budget: '', met: null,
      note: `document + ${[...files.keys()].map((f) => posix.basename(f)).join(', ')}; API calls and the service worker not counted`,
    },
  ];
}

// `node bench/weight.mjs` on an existing dist/: the same numbers without the mail stack.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { html, files } = firstScreen(join(root, 'dist'));
  console.log(html, files);
}
