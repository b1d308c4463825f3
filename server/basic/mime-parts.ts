// IMAP section numbers (RFC 3501 §6.4.5) of a message's leaves, read from its raw source, so
// the no-JavaScript page can offer each attachment postal-mime found through MESSAGE_API.part.
// postal-mime gives no part numbers; it does walk the tree depth-first like this, so its
// attachments are matched to leaves of the same type and Content-ID, in order.

export interface MimeLeaf {
  part: string;
  type: string;
  contentId: string | null;
}

const MAX_DEPTH = 20;
const MAX_LEAVES = 500;

/** Unfolded header fields of one header block, names lower-cased (RFC 5322 §2.2.3). */
function headerFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
    }
  }
  return fields;
}

function splitEntity(text: string): { fields: Map<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { fields: headerFields(text), body: '' };
  // A part that starts with its empty line has no headers at all.
  if (/^\r?\n/.test(text)) return { fields: new Map(), body: text.replace(/^\r?\n/, '') };
  return { fields: headerFields(text.slice(0, match.index)), body: text.slice(match.index + match[0].length) };
}

function contentTypeOf(fields: Map<string, string>, parentDigest: boolean): { type: string; boundary: string | null } {
  const raw = fields.get('content-type') ?? '';
  // RFC 2045 §5.2 / RFC 2046 §5.1.5: the defaults.
  const type = (/^\s*([\w!#$&^.+-]+\/[\w!#$&^.+-]+)/.exec(raw)?.[1] ?? (parentDigest ? 'message/rfc822' : 'text/plain')).toLowerCase();
  const boundary = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(raw);
  return { type, boundary: boundary ? (boundary[1] ?? boundary[2] ?? null) : null };
}

function bodyParts(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const delimiter = `--${boundary}`;
  const lines = body.split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(current.join('\r\n'));
      if (line.slice(delimiter.length).startsWith('--')) return parts;
      current = [];
    } else if (current) current.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function walk(text: string, part: string, leaves: MimeLeaf[], depth: number, parentDigest: boolean, prefix: string): void {
  if (depth > MAX_DEPTH || leaves.length >= MAX_LEAVES) return;
  const { fields, body } = splitEntity(text);
  const { type, boundary } = contentTypeOf(fields, parentDigest);
  if (type.startsWith('multipart/') && boundary) {
    bodyParts(body, boundary).forEach((child, index) =>
      walk(child, `${prefix}${index + 1}`, leaves, depth + 1, type === 'multipart/digest', `${prefix}${index + 1}.`),
    );
    return;
  }
  const contentId = fields.get('content-id')?.replace(/^<|>$/g, '').trim() || null;
  leaves.push({ part, type, contentId });
  // An encapsulated message's own parts are n.1, n.2 … (a single-part one: n.1).
  if (type === 'message/rfc822') walk(body, `${part}.1`, leaves, depth + 1, false, `${part}.`);
}

/** The leaves of a raw message in depth-first order; a single-part message is part 1. */
export function mimeLeaves(raw: Buffer): MimeLeaf[] {
  const leaves: MimeLeaf[] = [];
  walk(raw.toString('latin1'), '1', leaves, 0, false, '');
  return leaves;
}

/**
 * For each attachment (in postal-mime's order), the part of the first unused leaf after the last
 * match with the same type and Content-ID, or null when none fits.
 */
export function matchParts(leaves: MimeLeaf[], attachments: { mimeType: string; contentId: string | null }[]): (string | null)[] {
  let from = 0;
  return attachments.map((attachment) => {
    for (let i = from; i < leaves.length; i++) {
      const leaf = leaves[i]!;
      if (leaf.type === attachment.mimeType.toLowerCase() && leaf.contentId === attachment.contentId) {
        from = i + 1;
        return leaf.part;
      }
    }
    return null;
  });
}
