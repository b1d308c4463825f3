// XML for mail programs (Thunderbird's autoconfig, Apple's configuration profiles), built as a
// tree of elements and serialized in one place: every text and attribute value passes through
// escapeXml, so neither a setting nor an address someone asked about can become markup.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string | number;

// XML 1.0 §2.2 (Char): C0 controls other than tab, LF and CR, lone surrogates, U+FFFE and
// U+FFFF may not appear in a document at all, not even escaped; they are dropped.
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function element(name: string, attributes: Record<string, string> = {}, ...children: XmlNode[]): XmlElement {
  return { name, attributes, children };
}

function serialize(node: XmlNode, indent: string): string {
  if (typeof node !== 'object') return escapeXml(String(node));
  const attributes = Object.entries(node.attributes).map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('');
  if (node.children.length === 0) return `${indent}<${node.name}${attributes}/>`;
  // Text stays on the element's line: whitespace around a value would become part of it.
  if (node.children.every((child) => typeof child !== 'object')) {
    return `${indent}<${node.name}${attributes}>${node.children.map((child) => serialize(child, '')).join('')}</${node.name}>`;
  }
  const inner = node.children.map((child) => serialize(child, `${indent}  `)).join('\n');
  return `${indent}<${node.name}${attributes}>\n${inner}\n${indent}</${node.name}>`;
}

/** A whole document: declaration, optional doctype line, the root element. */
export function xmlDocument(root: XmlElement, doctype?: string): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', ...(doctype ? [doctype] : []), serialize(root, ''), ''].join('\n');
}
