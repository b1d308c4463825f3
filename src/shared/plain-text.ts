// Plain-text bodies as HTML. Every character of the mail is text; the only markup in the result
// is what we add: links, line breaks and quote levels. Show it in an element with
// `white-space: pre-wrap` so indentation and runs of spaces survive.

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** http(s) and mailto only; `<` and quotes end a URL so `<https://x>` (RFC 3986 App. C) works. */
const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;

/** Sentence punctuation after a URL is not part of it; a `)` is, when the URL opened one. */
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url.charAt(end - 1);
    const body = url.slice(0, end);
    const unbalanced = last === ')' && body.split('(').length < body.split(')').length;
    if (!/[.,;:!?\]}]/.test(last) && !unbalanced) return body;
    end--;
  }
}

function linkify(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    const url = trimUrl(match[0]);
    if (!/^(?:https?:\/\/|mailto:)./i.test(url)) continue;
    const href = escapeHtml(url);
    html += `${escapeHtml(line.slice(last, match.index))}<a href="${href}" target="_blank" rel="noopener noreferrer">${href}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(line.slice(last));
}

/** `> > text` and `>>text` are both level 2 (RFC 3676 §4.5 writes the latter). */
function quoteLevel(line: string): { level: number; text: string } {
  const prefix = /^(?:>[ \t]?)+/.exec(line)?.[0] ?? '';
  return { level: prefix.split('>').length - 1, text: line.slice(prefix.length) };
}

export function renderPlainText(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const parts: string[] = [];
  let depth = 0;
  lines.forEach((line, index) => {
    const { level, text: content } = quoteLevel(line);
    if (level > depth) parts.push('<blockquote class="quote">'.repeat(level - depth));
    else if (level < depth) parts.push('</blockquote>'.repeat(depth - level));
    else if (index > 0) parts.push('<br>');
    depth = level;
    parts.push(linkify(content));
  });
  parts.push('</blockquote>'.repeat(depth));
  return parts.join('');
}
