// @vitest-environment jsdom
// Remote content tells the sender that, when and where a mail was read. It stays out until the
// user allows it, every withheld reference is counted for the "images were blocked" bar, and
// what was withheld is kept in data-original-* so "show images" can bring it back.
import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from '../../src/shared/sanitize/index.js';

const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function body(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html').body;
}

/** Every URL-valued attribute and style text left in the output, which must hold no remote URL. */
function liveReferences(html: string): string[] {
  const refs: string[] = [];
  for (const el of Array.from(body(html).querySelectorAll('*'))) {
    for (const { name, value } of Array.from(el.attributes)) {
      if (['src', 'srcset', 'poster', 'background', 'style'].includes(name)) refs.push(value);
    }
    if (el.localName === 'style') refs.push(el.textContent ?? '');
  }
  return refs.filter((ref) => /https?:|\/\//i.test(ref));
}

interface RemoteCase {
  name: string;
  html: string;
  blocked: number;
  /** data-original-* attributes the blocked references must have moved to. */
  originals?: Record<string, string>;
}

const remoteCases: RemoteCase[] = [
  { name: 'img src', html: '<img src="http://images.example/a.png" alt="a">', blocked: 1, originals: { 'data-original-src': 'http://images.example/a.png' } },
  {
    name: 'img src and srcset',
    html: '<img src="https://images.example/a.png" srcset="https://images.example/a.png 1x, https://images.example/a2.png 2x">',
    blocked: 2,
    originals: { 'data-original-srcset': 'https://images.example/a.png 1x, https://images.example/a2.png 2x' },
  },
  {
    name: 'picture source',
    html: '<picture><source srcset="https://images.example/a.webp" type="image/webp"><img src="https://images.example/a.png"></picture>',
    blocked: 2,
    originals: { 'data-original-srcset': 'https://images.example/a.webp' },
  },
  { name: 'CSS background in a style attribute', html: '<div style="color: red; background: url(http://images.example/bg.png)">x</div>', blocked: 1 },
  { name: 'two url()s in one declaration', html: `<div style="background-image: url('https://a.example/1.png'), url(https://a.example/2.png)">x</div>`, blocked: 2 },
  { name: 'url() hidden by a CSS escape', html: '<div style="background: \\75 rl(http://images.example/a.png)">x</div>', blocked: 1 },
  { name: 'image-set() strings', html: `<div style="background-image: image-set('https://images.example/a.png' 1x)">x</div>`, blocked: 1 },
  { name: 'custom property carrying a url()', html: '<div style="--bg: url(https://images.example/a.png); background: var(--bg)">x</div>', blocked: 1 },
  { name: 'list-style, cursor, border-image, content', html: '<p style="list-style: url(https://a.example/1.png); cursor: url(https://a.example/2.cur), auto; border-image: url(https://a.example/3.png) 30; content: url(https://a.example/4.png)">x</p>', blocked: 4 },
  { name: 'CSS background in a style element', html: `<style>.a { background-image: url('https://images.example/1.png') } .b { color: blue }</style><p class="a b">x</p>`, blocked: 1 },
  { name: '@font-face src', html: '<style>@font-face { font-family: F; src: url(https://fonts.example/f.woff2) format("woff2"), url(https://fonts.example/f.woff) format("woff") }</style>', blocked: 2 },
  { name: 'url() inside @media', html: '<style>@media (min-width: 600px) { .a { background: url(https://images.example/wide.png) } }</style>', blocked: 1 },
  { name: '@import', html: '<style>@import url(https://css.example/a.css); p { color: red }</style>', blocked: 1 },
  {
    name: 'background attributes',
    html: '<table background="http://images.example/t.png"><tr><td background="https://images.example/td.png">x</td></tr></table>',
    blocked: 2,
    originals: { 'data-original-background': 'http://images.example/t.png' },
  },
  { name: 'video poster and src', html: '<video poster="https://media.example/p.jpg" src="https://media.example/v.mp4" controls></video>', blocked: 2, originals: { 'data-original-poster': 'https://media.example/p.jpg' } },
  { name: 'audio with track', html: '<audio src="https://media.example/a.mp3"><track src="https://media.example/t.vtt"></audio>', blocked: 2 },
  { name: 'protocol-relative img', html: '<img src="//cdn.example/a.png">', blocked: 1, originals: { 'data-original-src': 'https://cdn.example/a.png' } },
  { name: 'protocol-relative CSS', html: '<div style="background: url(//cdn.example/a.png)">x</div>', blocked: 1 },
  { name: 'body background', html: '<html><body background="https://images.example/bg.png" bgcolor="#eeeeee"><p>x</p></body></html>', blocked: 1, originals: { 'data-original-background': 'https://images.example/bg.png' } },
];

describe('remote content is blocked until allowed', () => {
  it.each(remoteCases)('blocks and counts: $name', ({ html, blocked, originals }) => {
    const result = sanitizeMailHtml(html, { allowRemote: false });
    expect(result.blocked).toBe(blocked);
    expect(liveReferences(result.html)).toEqual([]);
    for (const [name, value] of Object.entries(originals ?? {})) {
      expect(body(result.html).querySelector(`[${name}]`)?.getAttribute(name)).toBe(value);
    }
  });

  it('keeps the rest of a style when one declaration is withheld, and the original aside', () => {
    const div = body(sanitizeMailHtml('<div style="color: red; background: url(http://images.example/bg.png)">x</div>', { allowRemote: false }).html).querySelector('div');
    expect(div?.getAttribute('style')).toBe('color: red');
    expect(div?.getAttribute('data-original-style')).toBe('color: red; background: url(http://images.example/bg.png)');
  });

  it('keeps the rest of a style element', () => {
    const result = sanitizeMailHtml(`<style>.a { background-image: url('https://images.example/1.png') } .b { color: blue }</style>`, { allowRemote: false });
    expect(result.html).toContain('.b { color: blue }');
  });

  it.each([
    ['width and height 1', '<img src="https://t.example/open.gif" width="1" height="1">'],
    ['width 0', '<img src="https://t.example/open.gif" width="0">'],
    ['1px in the style', '<img src="https://t.example/open.gif" style="width:1px;height:1px">'],
    ['display:none', '<img src="https://t.example/open.gif" style="display: none">'],
  ])('removes a tracking pixel entirely and counts it (%s)', (_name, html) => {
    for (const allowRemote of [false, true]) {
      const result = sanitizeMailHtml(`<p>hello</p>${html}`, { allowRemote });
      expect(body(result.html).querySelector('img')).toBeNull();
      expect(result.html).not.toContain('t.example');
      expect(result.blocked).toBe(1);
    }
  });

  it('keeps a 1x1 inline image: it reports nothing to anyone', () => {
    const result = sanitizeMailHtml(`<img src="${PIXEL}" width="1" height="1">`, { allowRemote: false });
    expect(body(result.html).querySelector('img')?.getAttribute('src')).toBe(PIXEL);
    expect(result.blocked).toBe(0);
  });

  it('keeps data:image/png and refuses other data: types without counting them', () => {
    const result = sanitizeMailHtml(`<img src="${PIXEL}"><img src="data:image/svg+xml,<svg/>"><img src="data:text/plain,hi">`, { allowRemote: false });
    const srcs = Array.from(body(result.html).querySelectorAll('img')).map((img) => img.getAttribute('src'));
    expect(srcs).toEqual([PIXEL, null, null]);
    expect(result.blocked).toBe(0);
  });
});

describe('cid: images come from the message itself', () => {
  const html = '<img src="cid:logo@example.com"><table background="cid:bg%40example.com"><tr><td>x</td></tr></table><img src="cid:logo@example.com">';

  it('keeps cid references and reports each Content-ID once', () => {
    const result = sanitizeMailHtml(html, { allowRemote: false });
    expect(result.cids).toEqual(['logo@example.com', 'bg@example.com']);
    expect(result.blocked).toBe(0);
    expect(body(result.html).querySelector('img')?.getAttribute('src')).toBe('cid:logo@example.com');
  });

  it('rewrites cid references to the blob: and data: URLs of the parts', () => {
    const cidUrls = { 'logo@example.com': 'blob:https://mail.example/1b2c', 'bg@example.com': PIXEL };
    const doc = body(sanitizeMailHtml(html, { allowRemote: false, cidUrls }).html);
    expect(Array.from(doc.querySelectorAll('img')).map((img) => img.getAttribute('src'))).toEqual([
      'blob:https://mail.example/1b2c',
      'blob:https://mail.example/1b2c',
    ]);
    expect(doc.querySelector('table')?.getAttribute('background')).toBe(PIXEL);
  });

  it('never rewrites a cid reference to the network or to script', () => {
    const cidUrls = { 'logo@example.com': 'https://evil.example/track.png', 'bg@example.com': 'javascript:alert(1)' };
    const result = sanitizeMailHtml(html, { allowRemote: false, cidUrls });
    expect(result.html).not.toMatch(/evil\.example|javascript:/);
    expect(result.blocked).toBe(0);
  });

  it('refuses a blob: URL the mail wrote itself', () => {
    const result = sanitizeMailHtml('<img src="blob:https://mail.example/guessed">', { allowRemote: false });
    expect(body(result.html).querySelector('img')?.hasAttribute('src')).toBe(false);
  });
});

describe('with remote content allowed', () => {
  it('keeps http(s) images, srcset, backgrounds and fonts, and makes //host absolute', () => {
    const html =
      '<img src="http://images.example/a.png" srcset="https://images.example/a2.png 2x"><img src="//cdn.example/b.png">' +
      '<div style="background: url(https://images.example/bg.png)">x</div>' +
      '<style>@font-face { font-family: F; src: url(https://fonts.example/f.woff2) }</style>';
    const result = sanitizeMailHtml(html, { allowRemote: true });
    const doc = body(result.html);
    expect(Array.from(doc.querySelectorAll('img')).map((img) => img.getAttribute('src'))).toEqual(['http://images.example/a.png', 'https://cdn.example/b.png']);
    expect(doc.querySelector('img')?.getAttribute('srcset')).toBe('https://images.example/a2.png 2x');
    expect(doc.querySelector('div')?.getAttribute('style')).toBe('background: url(https://images.example/bg.png)');
    expect(result.html).toContain('https://fonts.example/f.woff2');
    expect(result.blocked).toBe(0);
  });

  it('still refuses every other scheme', () => {
    const html = '<img src="javascript:alert(1)"><img src="data:text/html,x"><div style="background:url(vbscript:x)">x</div>';
    const result = sanitizeMailHtml(html, { allowRemote: true });
    expect(result.html).not.toMatch(/javascript:|data:text|vbscript:/);
  });
});

describe('links', () => {
  it('collects http(s) and mailto targets once each and opens them in a new tab without opener', () => {
    const html =
      '<a href="https://shop.example/offer">offer</a><a href="mailto:help@shop.example">mail</a>' +
      '<a href=" https://shop.example/offer ">again</a><a href="javascript:alert(1)">bad</a><a href="/relative">rel</a>';
    const result = sanitizeMailHtml(html, { allowRemote: false });
    expect(result.links).toEqual(['https://shop.example/offer', 'mailto:help@shop.example']);
    const anchors = Array.from(body(result.html).querySelectorAll('a'));
    expect(anchors).toHaveLength(5);
    for (const a of anchors) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual([
      'https://shop.example/offer',
      'mailto:help@shop.example',
      'https://shop.example/offer',
      null,
      null,
    ]);
  });
});
