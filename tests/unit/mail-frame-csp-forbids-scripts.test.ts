// @vitest-environment jsdom
// The frame around a mail body is the second wall: its CSP allows no script at all and loads
// from the web only what the user allowed; its sandbox grants only popups for links.
import { describe, expect, it } from 'vitest';
import { buildFrameDocument, MAIL_FRAME_SANDBOX, sanitizeMailHtml } from '../../src/shared/sanitize/index.js';

function frame(allowRemote?: boolean, lang?: string): Document {
  const sanitized = sanitizeMailHtml('<p>Hello</p><img src="https://images.example/a.png">', { allowRemote: allowRemote === true });
  return new DOMParser().parseFromString(buildFrameDocument(sanitized, { lang, allowRemote }), 'text/html');
}

function directives(doc: Document): Map<string, string[]> {
  const metas = doc.head.querySelectorAll('meta[http-equiv="Content-Security-Policy"]');
  expect(metas).toHaveLength(1);
  const csp = metas[0]?.getAttribute('content') ?? '';
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('the mail frame', () => {
  it('forbids scripts: default-src none and no script-src to widen it', () => {
    for (const allowRemote of [false, true]) {
      const csp = directives(frame(allowRemote));
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.has('script-src')).toBe(false);
      expect(csp.has('script-src-elem')).toBe(false);
      expect(csp.has('script-src-attr')).toBe(false);
      expect(csp.get('style-src')).toEqual(["'unsafe-inline'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('form-action')).toEqual(["'none'"]);
    }
  });

  it('allows images from the web only when remote content was allowed', () => {
    expect(directives(frame(false)).get('img-src')).toEqual(['data:', 'blob:', 'cid:']);
    expect(directives(frame()).get('img-src')).toEqual(['data:', 'blob:', 'cid:']);
    expect(directives(frame(true)).get('img-src')).toEqual(['data:', 'blob:', 'cid:', 'https:', 'http:']);
    expect(directives(frame(false)).has('font-src')).toBe(false);
  });

  it('puts the CSP before any mail content and sends no referrer', () => {
    const doc = frame();
    expect(doc.head.firstElementChild?.getAttribute('charset')).toBe('utf-8');
    expect(doc.head.querySelector('meta[name="referrer"]')?.getAttribute('content')).toBe('no-referrer');
    expect(doc.body.querySelector('p')?.textContent).toBe('Hello');
  });

  it('sets only a well-formed language tag', () => {
    expect(frame(false, 'de-DE').documentElement.getAttribute('lang')).toBe('de-DE');
    expect(frame(false, 'de" onload="x').documentElement.hasAttribute('lang')).toBe(false);
  });

  it('sandboxes without scripts and without our origin', () => {
    const flags = MAIL_FRAME_SANDBOX.split(' ');
    expect(flags).toEqual(['allow-popups', 'allow-popups-to-escape-sandbox']);
    expect(flags).not.toContain('allow-scripts');
    expect(flags).not.toContain('allow-same-origin');
  });
});
