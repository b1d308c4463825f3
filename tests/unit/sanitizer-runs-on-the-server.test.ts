// The no-JS pages sanitize on the server with the same policy: DOMPurify over a jsdom window,
// in plain Node with no DOM globals at all.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml, type WindowLike } from '../../src/shared/sanitize/index.js';

describe('sanitizing on the server', () => {
  it('runs on a jsdom window passed in, in an environment without window', () => {
    expect(typeof window).toBe('undefined');
    const serverWindow = new JSDOM("").window as unknown as WindowLike;
    const html = '<img src="https://images.example/a.png"><a href="https://shop.example/">x</a><script>alert(1)</script>';
    expect(sanitizeMailHtml(html, { allowRemote: false, window: serverWindow })).toEqual({
      html: '<img data-original-src="https://images.example/a.png"><a href="https://shop.example/" target="_blank" rel="noopener noreferrer">x</a>',
      blocked: 1,
      cids: [],
      links: ['https://shop.example/'],
    });
  });

  it('refuses to run without a window rather than pass the mail through', () => {
    expect(() => sanitizeMailHtml('<script>alert(1)</script>', { allowRemote: false })).toThrow(/window/);
  });
});
