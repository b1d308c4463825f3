// A deliberately small CSS reader: enough structure to keep or drop whole declarations and
// rules, never a rewrite of their text. Every piece we keep is checked in full (strings
// included) on its decoded form, so where our split differs from the browser's, the browser can
// only regroup text that already passed the checks.
import {
  CSS_DECLARATION_AT_RULES,
  CSS_NESTING_AT_RULES,
  CSS_STRING_URL_FUNCTIONS,
  CSS_URL_FUNCTIONS,
} from '../sanitizer-policy.js';

/** Deeper nesting than any real mail uses; bounds the work a hostile sheet can cause. */
const MAX_RULE_DEPTH = 8;

/** Index just past the string that starts at `start` (CSS Syntax §4.3.5: a newline ends it too). */
function endOfString(css: string, start: number): number {
  const quote = css.charAt(start);
  for (let i = start + 1; i < css.length; i++) {
    const c = css.charAt(i);
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
    else if (c === '\n') return i;
  }
  return css.length;
}

/** First of `stops` outside strings and nested ()[]{} from `from`, or css.length. */
function findTopLevel(css: string, from: number, stops: string): number {
  let depth = 0;
  for (let i = from; i < css.length; i++) {
    const c = css.charAt(i);
    if (c === '\\') {
      i++;
    } else if (c === '"' || c === "'") {
      i = endOfString(css, i) - 1;
    } else if (depth === 0 && stops.includes(c)) {
      return i;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if ((c === ')' || c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return css.length;
}

/**
 * Removes comments outside strings. Each becomes a space, so removing one can never glue two
 * tokens together: `exp`+comment+`ression(` must not turn into `expression(`, nor
 * `<`+comment+`/style` into an end tag.
 */
export function stripComments(css: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const c = css.charAt(i);
    if (c === '"' || c === "'") {
      const end = endOfString(css, i);
      out += css.slice(i, end);
      i = end;
    } else if (c === '\\') {
      out += css.slice(i, i + 2);
      i += 2;
    } else if (c === '/' && css.charAt(i + 1) === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end === -1 ? css.length : end + 2;
      out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Decodes escapes (CSS Syntax §4.3.7): `\65 xpression` is `expression` to the browser. */
export function decodeEscapes(css: string): string {
  return css
    .replace(/\r\n?|\f/g, '\n')
    .replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n]?|([\s\S])|$)/g, (_m, hex: string | undefined, char: string | undefined) => {
      if (hex !== undefined) {
        const code = parseInt(hex, 16);
        const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
        return invalid ? '\uFFFD' : String.fromCodePoint(code);
      }
      // An escaped newline continues a string; dropping it joins the halves, which can only
      // reveal more to the checks, never hide something.
      return char === undefined || char === '\n' ? '' : char;
    });
}

/** The form every check reads: no comments, escapes decoded, lower case, no whitespace. */
export function compactCss(css: string): string {
  return decodeEscapes(stripComments(css)).toLowerCase().replace(/\s+/g, '');
}

/** Every URL the piece would fetch: url() arguments, and strings inside image-set() and kin. */
export function cssUrls(css: string): string[] {
  const compact = compactCss(css);
  const urls = new Set<string>();
  for (const fn of CSS_URL_FUNCTIONS) {
    for (let at = compact.indexOf(fn); at !== -1; at = compact.indexOf(fn, at + fn.length)) {
      // Positions, not slices of the rest: a sheet of many url( must stay linear.
      const open = at + fn.length;
      const quote = compact.charAt(open);
      const quoted = quote === '"' || quote === "'";
      const end = quoted ? compact.indexOf(quote, open + 1) : compact.indexOf(')', open);
      urls.add(compact.slice(quoted ? open + 1 : open, end === -1 ? compact.length : end));
    }
  }
  if (CSS_STRING_URL_FUNCTIONS.some((fn) => compact.includes(fn))) {
    for (const match of compact.matchAll(/"([^"]*)"|'([^']*)'/g)) urls.add(match[1] ?? match[2] ?? '');
  }
  return [...urls];
}

/** Keeps the declarations `keep` accepts, in order; `a:b; c:d` style text in, same shape out. */
export function rewriteDeclarations(css: string, keep: (declaration: string) => boolean): string {
  const text = stripComments(css);
  const kept: string[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const end = findTopLevel(text, pos, ';');
    const declaration = text.slice(pos, end).trim();
    if (declaration && keep(declaration)) kept.push(declaration);
    pos = end + 1;
  }
  return kept.join('; ');
}

export interface StylesheetChecks {
  /** Judges a selector or at-rule prelude, and each declaration. */
  keep(text: string): boolean;
  /** Told about each statement (`@import …;`, `@charset …;`): all of them are dropped. */
  droppedStatement?(text: string): void;
}

function rewriteRules(css: string, checks: StylesheetChecks, depth: number): string {
  if (depth > MAX_RULE_DEPTH) return '';
  const out: string[] = [];
  let pos = 0;
  while (pos < css.length) {
    const stop = findTopLevel(css, pos, ';{}');
    const prelude = css.slice(pos, stop).trim();
    if (css.charAt(stop) !== '{') {
      if (prelude) checks.droppedStatement?.(prelude);
      pos = stop + 1;
      continue;
    }
    const close = findTopLevel(css, stop + 1, '}');
    const block = css.slice(stop + 1, close);
    pos = close + 1;
    if (!prelude || !checks.keep(prelude)) continue;
    const atRule = /^@([-\w]+)/.exec(decodeEscapes(prelude).toLowerCase())?.[1];
    let body = '';
    if (atRule === undefined || CSS_DECLARATION_AT_RULES.includes(atRule)) {
      body = rewriteDeclarations(block, (d) => checks.keep(d));
    } else if (CSS_NESTING_AT_RULES.includes(atRule)) {
      body = rewriteRules(block, checks, depth + 1);
    }
    if (body) out.push(`${prelude} { ${body} }`);
  }
  return out.join('\n');
}

/**
 * Keeps the rules and declarations `checks` accept. A `<style>` element's text is raw text: a
 * `</style` left in it would close the element when the output is parsed again (the mXSS class
 * that breaks out of raw-text elements), so a sheet with any `<` left is dropped whole.
 */
export function rewriteStylesheet(css: string, checks: StylesheetChecks): string {
  const out = rewriteRules(stripComments(css), checks, 0);
  return out.includes('<') ? '' : out;
}
