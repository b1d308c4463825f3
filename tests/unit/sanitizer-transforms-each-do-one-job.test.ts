// @vitest-environment jsdom
// Each transform alone, over the same DOMPurify pass: it does its own job and leaves the
// others' alone, so a change to one cannot hide behind another. Also the pure CSS and URL
// readers they share, and that hooks never outlive a run.
import { describe, expect, it } from 'vitest';
import {
  baseTransform,
  cidImagesTransform,
  linksTransform,
  remoteContentTransform,
  runTransforms,
  stylesTransform,
  type MailTransform,
} from '../../src/shared/sanitize/index.js';
import { compactCss, cssUrls, rewriteDeclarations, rewriteStylesheet, stripComments } from '../../src/shared/sanitize/css-text.js';
import { classifyResource, normalizeUrl, parseSrcset } from '../../src/shared/sanitize/urls.js';

const run = (html: string, transform: MailTransform, allowRemote = false) => runTransforms(html, [transform], { allowRemote });

describe('base', () => {
  it('removes forbidden elements with their contents and every handler, and nothing else', () => {
    const result = run('<form><p>inside</p></form><svg><text>vector</text></svg><p onclick="x()">kept</p><img src="http://images.example/a.png"><a href="https://a.example/">a</a>', baseTransform);
    expect(result.html).toBe('<p>kept</p><img src="http://images.example/a.png"><a href="https://a.example/">a</a>');
    expect(result.blocked).toBe(0);
  });
});

describe('links', () => {
  it('sets target and rel, keeps only link schemes, collects them, and leaves images alone', () => {
    const result = run('<a href="https://a.example/">a</a><a href="ftp://files.example/">f</a><img src="http://images.example/a.png">', linksTransform);
    expect(result.html).toBe(
      '<a href="https://a.example/" target="_blank" rel="noopener noreferrer">a</a><a target="_blank" rel="noopener noreferrer">f</a><img src="http://images.example/a.png">',
    );
    expect(result.links).toEqual(['https://a.example/']);
  });
});

describe('cid images', () => {
  it('records and resolves cid: sources, and leaves remote ones alone', () => {
    const result = runTransforms('<img src="cid:%3Cpart1%40host%3E"><img src="http://images.example/a.png">', [cidImagesTransform], {
      allowRemote: false,
      cidUrls: { 'part1@host': 'blob:https://mail.example/42' },
    });
    expect(result.cids).toEqual(['part1@host']);
    expect(result.html).toBe('<img src="blob:https://mail.example/42"><img src="http://images.example/a.png">');
    expect(result.blocked).toBe(0);
  });
});

describe('remote content', () => {
  it('withholds and counts remote references, and leaves unrelated CSS to the styles step', () => {
    const result = run('<img src="http://images.example/a.png"><div style="position: fixed; background: url(https://images.example/b.png)">x</div>', remoteContentTransform);
    expect(result.html).toBe(
      '<img data-original-src="http://images.example/a.png"><div style="position: fixed" data-original-style="position: fixed; background: url(https://images.example/b.png)">x</div>',
    );
    expect(result.blocked).toBe(2);
  });
});

describe('styles', () => {
  it('drops what is unsafe and leaves remote urls to the remote step', () => {
    const result = run('<div style="position: fixed; color: red; background: url(https://images.example/b.png)">x</div><style>p { behavior: url(x.htc); margin: 0 } .o { position: sticky }</style>', stylesTransform);
    expect(result.html).toBe('<div style="color: red; background: url(https://images.example/b.png)">x</div><style>p { margin: 0 }</style>');
    expect(result.blocked).toBe(0);
  });

  it('keeps scroll-behavior and background-position, which only look like the forbidden ones', () => {
    const result = run('<div style="scroll-behavior: smooth; background-position: fixed">x</div>', stylesTransform);
    expect(result.html).toBe('<div style="scroll-behavior: smooth; background-position: fixed">x</div>');
  });
});

describe('hooks do not outlive a run', () => {
  it('removes its hooks even when a transform throws', () => {
    let calls = 0;
    const throwing: MailTransform = {
      name: 'throws',
      afterSanitizeAttributes() {
        calls++;
        throw new Error('boom');
      },
    };
    expect(() => runTransforms('<p>x</p>', [throwing], { allowRemote: false })).toThrow('boom');
    const before = calls;
    runTransforms('<p>x</p>', [], { allowRemote: false });
    expect(calls).toBe(before);
  });
});

describe('the CSS reader', () => {
  it('strips comments outside strings only, leaving a space so tokens never join', () => {
    expect(stripComments('a/**/b "/*keep*/"')).toBe('a b "/*keep*/"');
  });

  it('decodes escapes, so checks see what the browser sees', () => {
    expect(compactCss('E\\58 pression (')).toBe('expression(');
    expect(compactCss('u\\rl( http://x )')).toBe('url(http://x)');
  });

  it('finds url() and image-set() strings, unquoted or quoted', () => {
    expect(cssUrls(`background: url( "https://a.example/1.png" ), url(https://a.example/2.png); x: image-set('//a.example/3.png' 1x)`)).toEqual([
      'https://a.example/1.png',
      'https://a.example/2.png',
      '//a.example/3.png',
    ]);
  });

  it('splits declarations outside strings and parentheses', () => {
    expect(rewriteDeclarations(`content: "a;b"; background: url(data:image/png;base64,AA); color: red`, (d) => !d.startsWith('color'))).toBe(
      `content: "a;b"; background: url(data:image/png;base64,AA)`,
    );
  });

  it('keeps nested @media rules, drops unknown at-rules and every statement', () => {
    const sheet = '@charset "utf-8"; @media screen { p { color: red } } @-moz-document url-prefix() { p { color: blue } } @namespace x url(y);';
    const dropped: string[] = [];
    expect(rewriteStylesheet(sheet, { keep: () => true, droppedStatement: (s) => dropped.push(s) })).toBe('@media screen { p { color: red } }');
    expect(dropped).toEqual(['@charset "utf-8"', '@namespace x url(y)']);
  });

  it('drops a whole sheet that would still hold a "<"', () => {
    expect(rewriteStylesheet('p { color: red } a { content: "</style>" }', { keep: () => true })).toBe('');
  });
});

describe('the URL reader', () => {
  it('reads URLs as the browser does: trimmed, without tabs and newlines', () => {
    expect(normalizeUrl(' \u0001java\tscr\nipt:x ')).toBe('javascript:x');
  });

  it('keeps data: URLs whole in srcset, and drops smuggled descriptors', () => {
    expect(parseSrcset('data:image/png;base64,AA,BB 1x, https://a.example/b.png 2x, https://a.example/c.png onerror=x')).toEqual([
      { url: 'data:image/png;base64,AA,BB', descriptor: '1x' },
      { url: 'https://a.example/b.png', descriptor: '2x' },
      { url: 'https://a.example/c.png', descriptor: '' },
    ]);
  });

  it('classifies resources', () => {
    const trusted = new Set(['blob:https://mail.example/1']);
    expect(
      ['https://a', '//a', 'HTTP://a', 'data:image/png;base64,A', 'data:image/svg+xml,<svg/>', 'cid:x', 'blob:https://mail.example/1', 'blob:https://mail.example/2', '/rel', '\\\\host\\x'].map((u) =>
        classifyResource(u, trusted),
      ),
    ).toEqual(['remote', 'remote', 'remote', 'inline', 'refused', 'cid', 'inline', 'refused', 'refused', 'refused']);
  });
});
