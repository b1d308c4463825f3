// What HTML mail may contain once sanitized. Pure data, shared by the browser (DOMPurify over
// the page's window) and the no-JS path (DOMPurify over jsdom), so both show the same message
// the same way. src/shared/sanitize/ applies it (in the browser and, over jsdom, on the server); nothing here touches a DOM.

/** The only namespace we accept: SVG and MathML carry the mXSS namespace-confusion tricks. */
export const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** Elements a mail body may keep. `html`, `head` and `body` are added by WHOLE_DOCUMENT. */
export const MAIL_ALLOWED_TAGS: readonly string[] = [
  'a', 'abbr', 'acronym', 'address', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'big',
  'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del',
  'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'footer', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'i', 'img', 'ins', 'kbd', 'li',
  'main', 'mark', 'nav', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp',
  'section', 'small', 'source', 'span', 'strike', 'strong', 'style', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'track', 'tt', 'u', 'ul',
  'var', 'video', 'wbr',
];

/**
 * Elements removed with everything inside them, even if someone widens the allowlist: they run
 * code, load documents, submit data, redirect, re-base URLs, or (svg, math) switch the parser
 * into a foreign namespace where mXSS lives.
 */
export const MAIL_FORBIDDEN_TAGS: readonly string[] = [
  'applet', 'base', 'button', 'datalist', 'dialog', 'embed', 'form', 'frame', 'frameset',
  'iframe', 'input', 'isindex', 'keygen', 'link', 'math', 'meta', 'noembed', 'noframes',
  'noscript', 'object', 'optgroup', 'option', 'param', 'plaintext', 'portal', 'script',
  'select', 'svg', 'template', 'textarea', 'title', 'xmp',
];

/** Attributes a mail body may keep (no `on*`, no `ping`, no `target`: we set that ourselves). */
export const MAIL_ALLOWED_ATTRIBUTES: readonly string[] = [
  'abbr', 'align', 'alt', 'axis', 'background', 'bgcolor', 'border', 'cellpadding',
  'cellspacing', 'char', 'charoff', 'class', 'clear', 'color', 'cols', 'colspan', 'compact',
  'controls', 'datetime', 'default', 'dir', 'face', 'frame', 'headers', 'height', 'href',
  'hreflang', 'hspace', 'id', 'kind', 'label', 'lang', 'loop', 'media', 'muted', 'name',
  'noshade', 'nowrap', 'open', 'poster', 'reversed', 'role', 'rows', 'rowspan', 'rules',
  'scope', 'size', 'sizes', 'span', 'src', 'srclang', 'srcset', 'start', 'style', 'summary',
  'text', 'title', 'type', 'valign', 'value', 'vspace', 'width',
];

/** Attributes refused everywhere: inline documents, form targets, foreign links, beacons. */
export const MAIL_FORBIDDEN_ATTRIBUTES: readonly string[] = [
  'action', 'formaction', 'http-equiv', 'ping', 'srcdoc', 'xlink:href', 'xmlns:xlink',
];

/**
 * DOMPurify tests every non-"URI-safe" attribute value against this, so besides the schemes we
 * accept it must let plain values through (`100`, `center`, `Arial, sans-serif`): the
 * scheme-less branches are DOMPurify's own. Relative and protocol-relative values pass here and
 * are judged per attribute by the links, cid and remote transforms.
 */
export const MAIL_ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|cid):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** Schemes a clickable link may use. */
export const LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];

/** Schemes of remote content: blocked until the user allows it. `//host` counts too. */
export const REMOTE_SCHEMES: readonly string[] = ['http:', 'https:'];

/** `data:` images we render (no SVG: an SVG image is a document with its own tricks). */
export const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/gif', 'image/jpeg', 'image/webp'];

/** Which attribute fetches on which elements; the same attribute elsewhere is dropped. */
export const FETCHING_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  src: ['img', 'video', 'audio', 'source', 'track'],
  srcset: ['img', 'source'],
  poster: ['video'],
  background: ['body', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th'],
};

/**
 * CSS functions whose arguments are fetched. We look for these in every declaration rather than
 * listing the properties that take images (background, list-style, cursor, border-image,
 * content, mask, `@font-face` src, …), because custom properties (`--x: url(…)`) and
 * shorthands let any property carry one. Quoted strings count as URLs inside the image ones.
 */
export const CSS_URL_FUNCTIONS: readonly string[] = ['url('];
export const CSS_STRING_URL_FUNCTIONS: readonly string[] = ['image-set(', 'image(', 'cross-fade('];

/**
 * Declarations or rules matching any of these are dropped. They are tested on the text with
 * comments removed, CSS escapes decoded, lower-cased and without whitespace, so neither a
 * comment, nor an escape like `\73`, nor a space can hide one. expression(), behavior and
 * -moz-binding ran script in old engines; progid filters loaded remote files in IE; @import
 * would pull in a stylesheet we never filtered.
 */
export const CSS_FORBIDDEN_PATTERNS: readonly RegExp[] = [
  /expression\(/, /javascript:/, /vbscript:/, /livescript:/, /-moz-binding/, /progid:/,
  /@import/, /(?:^|[^a-z-])(?:-ms-)?behavior:/,
  // A fixed or sticky box can sit over the whole frame and pose as our own UI.
  /(?:^|[^a-z-])position:[^;]*(?:fixed|sticky)/,
];

/** At-rules whose block holds more rules. */
export const CSS_NESTING_AT_RULES: readonly string[] = [
  'media', 'supports', 'container', 'layer', 'keyframes', '-webkit-keyframes', '-moz-keyframes',
];
/** At-rules whose block holds declarations. Every other at-rule is dropped. */
export const CSS_DECLARATION_AT_RULES: readonly string[] = ['font-face', 'page'];

/** An image this wide or high (in CSS px), or hidden, with a remote source is a tracking pixel. */
export const TRACKING_PIXEL_MAX_PX = 1;
