// Deterministic randomness and the small binary files (PNG, PDF) the seeded mail carries.
// Everything here is pure: the same inputs give the same bytes, so a seed reproduces a mailbox.
import { deflateSync } from 'node:zlib';

export type Rng = () => number;

/** mulberry32: tiny, fast, and good enough to pick demo content; not for anything secret. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Folds several integers into one 32-bit seed (murmur3's finaliser per step), so message i of
 * seed s gets its own stream without drawing i numbers first — that keeps building message i pure.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function hex(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rng() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** Pseudo-random bytes for the large attachments; four bytes per draw keeps 1 MB at a few ms. */
export function randomBytes(rng: Rng, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += 4) {
    const word = Math.floor(rng() * 0x100000000);
    for (let k = 0; k < 4 && offset + k < size; k++) bytes[offset + k] = (word >>> (8 * k)) & 0xff;
  }
  return bytes;
}

// Windows-1252 places these characters in 0x80–0x9F, where ISO-8859-1 has C1 controls.
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

/** Encodes text as ISO-8859-1 or windows-1252 bytes; a character neither holds becomes '?'. */
export function encodeLegacy(text: string, charset: 'iso-8859-1' | 'windows-1252'): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    const high = charset === 'windows-1252' ? CP1252_HIGH[char] : undefined;
    if (high !== undefined) bytes.push(high);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else bytes.push(0x3f);
  }
  return Buffer.from(bytes);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const pngCache = new Map<string, Buffer>();

/**
 * A real RGB PNG (PNG spec §11: IHDR, IDAT, IEND): a coloured disc on a gradient, so an inline
 * image is visibly an image and decoders accept it. Cached because only a few variants exist.
 */
export function makePng(width: number, height: number, hue: number): Buffer {
  const key = `${width}x${height}:${hue}`;
  const cached = pngCache.get(key);
  if (cached) return cached;
  const rowBytes = width * 3 + 1; // filter byte 0 (None) before every row
  const raw = Buffer.alloc(rowBytes * height);
  const [r, g, b] = [(hue * 97) % 256, (hue * 57 + 80) % 256, (hue * 31 + 160) % 256];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x - width / 2, dy = y - height / 2;
      const inDisc = dx * dx + dy * dy < (Math.min(width, height) * 0.35) ** 2;
      const shade = Math.floor((255 * (x + y)) / (width + height));
      const at = y * rowBytes + 1 + x * 3;
      raw[at] = inDisc ? r : shade;
      raw[at + 1] = inDisc ? g : 255 - shade;
      raw[at + 2] = inDisc ? b : 200;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  pngCache.set(key, png);
  return png;
}

/**
 * A one-page PDF 1.4 with a correct xref table, so viewers open it without repair. Text is in
 * WinAnsiEncoding (≈ windows-1252), which lets umlauts and € appear on the page.
 */
export function makePdf(title: string, lines: readonly string[]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const textOps = [`BT /F1 18 Tf 72 770 Td (${escape(title)}) Tj ET`];
  lines.forEach((line, n) => textOps.push(`BT /F1 11 Tf 72 ${730 - n * 16} Td (${escape(line)}) Tj ET`));
  const stream = encodeLegacy(textOps.join('\n'), 'windows-1252');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, written from bytes below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let size = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, n) => {
    offsets.push(size);
    const part = body === null
      ? Buffer.concat([Buffer.from(`${n + 1} 0 obj\n<< /Length ${stream.length} >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')])
      : Buffer.from(`${n + 1} 0 obj\n${body}\nendobj\n`);
    parts.push(part);
    size += part.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`]
    .concat(offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`))
    .join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
  return Buffer.concat(parts);
}
