// Turns DOMPurify's sanitized document into body markup for the frame: the <style> sheets from
// <head> first (mail keeps them there), then the body, in a <div> that carries what <body> said.

/** A colour keyword or hex value and nothing else: the value goes into a style we write. */
const PLAIN_COLOR = /^#?[a-z0-9]{1,32}$/i;

function childElement(parent: Node, localName: string): Element | undefined {
  for (const node of Array.from(parent.childNodes)) {
    if (node.nodeType === 1 && (node as Element).localName === localName) return node as Element;
  }
  return undefined;
}

/** A CSS string literal; the escapes keep a quote, backslash or newline in a URL inside it. */
function cssString(value: string): string {
  return `"${value.replace(/["\\\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * <body bgcolor text background style> as one inline style. The transforms have already judged
 * `background` (kept only if allowed, inline or from cidUrls) and `style`.
 */
function bodyStyle(body: Element): string {
  const parts: string[] = [];
  const bgcolor = body.getAttribute('bgcolor')?.trim();
  if (bgcolor && PLAIN_COLOR.test(bgcolor)) parts.push(`background-color: ${bgcolor}`);
  const text = body.getAttribute('text')?.trim();
  if (text && PLAIN_COLOR.test(text)) parts.push(`color: ${text}`);
  const background = body.getAttribute('background');
  if (background) parts.push(`background-image: url(${cssString(background)})`);
  const style = body.getAttribute('style');
  if (style) parts.push(style);
  return parts.join('; ');
}

export function serializeMailBody(root: Node): string {
  const head = childElement(root, 'head');
  const body = childElement(root, 'body');
  const sheets = head
    ? Array.from(head.children)
        .filter((el) => el.localName === 'style')
        .map((el) => el.outerHTML)
        .join('')
    : '';
  if (!body) return sheets;
  const style = bodyStyle(body);
  const originals = Array.from(body.attributes).filter((a) => a.name.startsWith('data-original-'));
  if (!style && originals.length === 0) return sheets + body.innerHTML;
  const wrapper = body.ownerDocument.createElement('div');
  if (style) wrapper.setAttribute('style', style);
  for (const attribute of originals) wrapper.setAttribute(attribute.name, attribute.value);
  while (body.firstChild) wrapper.appendChild(body.firstChild);
  return sheets + wrapper.outerHTML;
}
