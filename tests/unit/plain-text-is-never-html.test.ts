// @vitest-environment jsdom
// A text/plain body is text, whatever it looks like: markup in it is shown, never run. The only
// elements in the result are the ones we add (links, line breaks, quote levels).
import { describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/shared/plain-text.js';

function parse(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html').body;
}

/** Tag names in the result, which must only ever be ours. */
function tagsIn(html: string): Set<string> {
  return new Set(Array.from(parse(html).querySelectorAll('*')).map((el) => el.localName));
}

describe('plain text is never HTML', () => {
  it('shows markup as text', () => {
    const text = '<script>alert(1)</script> <img src=x onerror=alert(1)> &amp; "quoted" \'single\'';
    const html = renderPlainText(text);
    expect(tagsIn(html)).toEqual(new Set());
    expect(parse(html).textContent).toBe(text);
  });

  it('makes http(s) and mailto links clickable in a new tab without opener', () => {
    const html = renderPlainText('See https://shop.example/a?b=1&c=2, or write to mailto:help@shop.example.');
    const anchors = Array.from(parse(html).querySelectorAll('a'));
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual(['https://shop.example/a?b=1&c=2', 'mailto:help@shop.example']);
    for (const a of anchors) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(parse(html).textContent).toBe('See https://shop.example/a?b=1&c=2, or write to mailto:help@shop.example.');
  });

  it('never links other schemes, and a URL cannot break out of its attribute', () => {
    const html = renderPlainText('javascript:alert(1) data:text/html,x https://a.example/"onmouseover="alert(1) <https://b.example/x>');
    const anchors = Array.from(parse(html).querySelectorAll('a'));
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual(['https://a.example/', 'https://b.example/x']);
    expect(anchors.every((a) => a.getAttributeNames().every((name) => ['href', 'target', 'rel'].includes(name)))).toBe(true);
  });

  it('keeps a closing parenthesis that belongs to the URL', () => {
    const html = renderPlainText('(see https://en.wikipedia.org/wiki/Mail_(disambiguation))');
    expect(parse(html).querySelector('a')?.getAttribute('href')).toBe('https://en.wikipedia.org/wiki/Mail_(disambiguation)');
  });

  it('nests quote levels in blockquotes', () => {
    const html = renderPlainText('Answer\n> Question\n> > Original\n>> still original\n> back to one\nEnd\n');
    const doc = parse(html);
    const outer = doc.querySelector(':scope > blockquote.quote');
    const inner = outer?.querySelector(':scope > blockquote.quote');
    expect(inner?.textContent).toBe('Originalstill original');
    expect(outer?.textContent).toBe('QuestionOriginalstill originalback to one');
    expect(doc.querySelectorAll('blockquote')).toHaveLength(2);
    expect(doc.textContent).toBe('AnswerQuestionOriginalstill originalback to oneEnd');
    expect(tagsIn(html)).toEqual(new Set(['blockquote', 'br']));
  });

  it('keeps lines and blank lines as line breaks', () => {
    expect(renderPlainText('one\r\n\r\nthree')).toBe('one<br><br>three');
  });
});
