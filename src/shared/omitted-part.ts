// Reading the note the gateway puts in place of a large leaf it left out of a message's lite
// source (OMITTED_MARKER), so both the SPA and the no-JavaScript pages offer that part through
// MESSAGE_API.part instead of showing a one-line stub as the attachment.
import { OMITTED_MARKER } from './api.js';

export interface OmittedPart {
  /** IMAP section to download it by. */
  part: string;
  /** Its size as stored, still transfer-encoded. */
  bytes: number;
}

const MARKER = new RegExp(`^${OMITTED_MARKER.replace(/[-]/g, '\\-')}([0-9.]+) bytes=(\\d+)`);

export function omittedOf(bytes: ArrayBuffer | Uint8Array): OmittedPart | null {
  if (bytes.byteLength > 200) return null;
  const match = MARKER.exec(new TextDecoder().decode(bytes));
  return match ? { part: match[1]!, bytes: Number(match[2]) } : null;
}
