// The "lite" source of a large message: the message re-assembled from its BODYSTRUCTURE with
// every large leaf left out, so a message with big attachments shows its text without the
// attachments travelling first. Text bodies (text/plain, text/html) are always kept; any other
// leaf larger than SOURCE_PART_LIMIT keeps its MIME headers, gains `OMITTED_HEADER: <size>`,
// and gets a one-line body saying where to download it (OMITTED_MARKER), encoded like the part
// so a MIME parser decodes it cleanly. Preambles and epilogues of multiparts are dropped.
import type { MessageStructureObject } from 'imapflow';
import { OMITTED_HEADER, OMITTED_MARKER, SOURCE_PART_LIMIT } from '../../src/shared/api.js';

/** A piece of the re-assembled message: fixed text, a fetched section, or headers plus a note. */
type Piece =
  | { kind: 'text'; value: string }
  | { kind: 'section'; section: string }
  | { kind: 'omitted-headers'; section: string; size: number };

export interface LitePlan {
  pieces: Piece[];
  /** IMAP sections to fetch, in FETCH spelling (HEADER, 1.MIME, 2, 3.HEADER, 3.TEXT). */
  sections: string[];
}

const KEPT_TYPES = new Set(['text/plain', 'text/html']);

class CannotAssemble extends Error {}

function markerBody(part: string, size: number, encoding: string | undefined): string {
  const text = `${OMITTED_MARKER}${part} bytes=${size}`;
  if (encoding === 'base64') return Buffer.from(text).toString('base64');
  // RFC 2045 §6.7: "=" is the escape character of quoted-printable.
  if (encoding === 'quoted-printable') return text.replace(/=/g, '=3D');
  return text;
}

/**
 * Appends the pieces of one MIME entity. `headerSection` and `bodySection` name its header and
 * body; `part` is the section `MESSAGE_API.part` downloads it by. RFC 3501 §6.4.5: the parts of
 * a multipart are n.1, n.2 …; an encapsulated message (message/rfc822) at n has its header at
 * n.HEADER and its body at n.TEXT, and a non-multipart body inside it is part n.1.
 */
function addEntity(pieces: Piece[], node: MessageStructureObject, headerSection: string, bodySection: string, part: string): void {
  if (node.type.startsWith('multipart/')) {
    const boundary = node.parameters?.boundary;
    if (!boundary || !node.childNodes?.length) throw new CannotAssemble();
    pieces.push({ kind: 'section', section: headerSection });
    for (const child of node.childNodes) {
      if (!child.part) throw new CannotAssemble();
      // RFC 2046 §5.1.1: the CRLF before a boundary line belongs to the boundary.
      pieces.push({ kind: 'text', value: `--${boundary}\r\n` });
      addEntity(pieces, child, `${child.part}.MIME`, child.part, child.part);
      pieces.push({ kind: 'text', value: '\r\n' });
    }
    pieces.push({ kind: 'text', value: `--${boundary}--\r\n` });
    return;
  }
  const size = node.size ?? 0;
  const inner = node.childNodes?.[0];
  if (node.type === 'message/rfc822' && size > SOURCE_PART_LIMIT && inner && node.part) {
    pieces.push({ kind: 'section', section: headerSection });
    addEntity(pieces, inner, `${node.part}.HEADER`, `${node.part}.TEXT`, `${node.part}.1`);
    return;
  }
  if (size <= SOURCE_PART_LIMIT || KEPT_TYPES.has(node.type)) {
    pieces.push({ kind: 'section', section: headerSection }, { kind: 'section', section: bodySection });
    return;
  }
  pieces.push({ kind: 'omitted-headers', section: headerSection, size }, { kind: 'text', value: markerBody(part, size, node.encoding) });
}

/** The plan for a message's lite source, or null when nothing would be left out (or it cannot be re-assembled). */
export function litePlan(structure: MessageStructureObject | undefined): LitePlan | null {
  if (!structure) return null;
  const pieces: Piece[] = [];
  try {
    addEntity(pieces, structure, 'HEADER', 'TEXT', '1');
  } catch (error) {
    if (error instanceof CannotAssemble) return null;
    throw error;
  }
  if (!pieces.some((piece) => piece.kind === 'omitted-headers')) return null;
  const sections = [...new Set(pieces.flatMap((piece) => (piece.kind === 'text' ? [] : [piece.section])))];
  return { pieces, sections };
}

/** Adds a header line at the end of a header block (which ends with its empty line). */
function withHeader(headers: Buffer, line: string): Buffer {
  const text = headers.toString('latin1').replace(/(\r?\n)*$/, '');
  return Buffer.from(`${text}${text ? '\r\n' : ''}${line}\r\n\r\n`, 'latin1');
}

/** Puts the fetched sections (keyed as in the plan) together into the lite source. */
export function assembleLite(plan: LitePlan, sections: (section: string) => Buffer | undefined): Buffer {
  const chunks = plan.pieces.map((piece) => {
    if (piece.kind === 'text') return Buffer.from(piece.value, 'latin1');
    let fetched = sections(piece.section) ?? Buffer.alloc(0);
    // A part without any header still needs the empty line that ends its (empty) header block.
    if (fetched.length === 0 && /(^|\.)(MIME|HEADER)$/.test(piece.section)) fetched = Buffer.from('\r\n');
    return piece.kind === 'section' ? fetched : withHeader(fetched, `${OMITTED_HEADER}: ${piece.size}`);
  });
  return Buffer.concat(chunks);
}
