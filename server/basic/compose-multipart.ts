// Reads the /basic compose form (multipart/form-data) as it streams in: text fields into memory,
// files straight into the compose service's upload store under the message's compose id, held
// to the same attachment limit as the SPA's uploads while the bytes arrive (uploads.ts). The
// form puts its CSRF token and compose id before every other field, so both are known before
// the first file byte; a file that comes before a valid token is read and thrown away, and
// the request is refused.
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { UploadedAttachment } from '../../src/shared/api.js';
import type { ErrorCode } from '../../src/shared/errors.js';
import { Failure } from '../failure.js';
import type { IncomingFile, UploadStore } from '../mail/uploads.js';
import { assertFormToken, FORM_CSRF_FIELD } from '../session/form-csrf.js';

/** The form's single-valued fields; `remove` (checkboxes) and `files` may come several times. */
export const TEXT_FIELDS = ['to', 'cc', 'bcc', 'subject', 'text', 'originalFolder', 'originalUid', 'originalKind', 'draftUid', 'action'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const FILE_FIELD = 'files';
export const REMOVE_FIELD = 'remove';
export const COMPOSE_ID_FIELD = 'composeId';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isTextField = (name: string): name is TextField => (TEXT_FIELDS as readonly string[]).includes(name);

export interface PostedCompose {
  /** A valid form token came before any file; without it nothing of the request may be used. */
  verified: boolean;
  composeId: string | null;
  fields: Partial<Record<TextField, string>>;
  remove: string[];
  uploaded: UploadedAttachment[];
  /** Why a file (or the rest of the form) was refused; the fields read so far are still kept. */
  refusal: ErrorCode | null;
}

/** Multipart parser limits for this form (the files' bytes are bounded by the upload store). */
export function composeMultipartLimits(maxAttachmentBytes: number, maxMessageBytes: number) {
  // fileSize is the whole limit; the bytes still allowed for this message are counted below.
  return { fileSize: maxAttachmentBytes, files: 50, fields: 300, parts: 400, fieldSize: maxMessageBytes, headerPairs: 20 };
}

/**
 * The file part as the upload store takes it, cut off at `remainingBytes`: the parser's own
 * limit is per file, but the attachment limit is for all files of the message together.
 */
function limitedFile(part: MultipartFile, remainingBytes: number): IncomingFile {
  let seen = 0;
  let over = false;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > remainingBytes && !over) {
        over = true;
        this.emit('limit');
      }
      // Past the limit nothing more is passed on: the store removes what it wrote.
      done(null, over ? undefined : chunk);
    },
  });
  part.file.once('limit', () => {
    if (over) return;
    over = true;
    counted.emit('limit');
  });
  part.file.pipe(counted);
  return { stream: counted, filename: part.filename, contentType: part.mimetype, truncated: () => over || part.file.truncated };
}

/** Reads a part's remaining bytes into nothing, so the parser goes on to the next part. */
async function drain(part: MultipartFile): Promise<void> {
  part.file.resume();
  await finished(part.file).catch(() => undefined);
}

export async function readComposePost(request: FastifyRequest, uploads: UploadStore, sessionKey: string, maxMessageBytes: number): Promise<PostedCompose> {
  const posted: PostedCompose = { verified: false, composeId: null, fields: {}, remove: [], uploaded: [], refusal: null };
  let fieldBytes = 0;
  let tokenSeen = false;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        const field = part as MultipartValue<unknown>;
        const value = typeof field.value === 'string' ? field.value : '';
        fieldBytes += Buffer.byteLength(value);
        if (field.valueTruncated || fieldBytes > maxMessageBytes) posted.refusal ??= 'MESSAGE_TOO_LARGE';
        if (field.fieldname === FORM_CSRF_FIELD && !tokenSeen) {
          tokenSeen = true;
          try {
            assertFormToken(request, value);
            posted.verified = true;
          } catch {
            posted.verified = false;
          }
        } else if (field.fieldname === COMPOSE_ID_FIELD) {
          posted.composeId = UUID.test(value.toLowerCase()) ? value.toLowerCase() : null;
        } else if (field.fieldname === REMOVE_FIELD) {
          posted.remove.push(value);
        } else if (isTextField(field.fieldname) && !field.valueTruncated) {
          posted.fields[field.fieldname] = value;
        }
        continue;
      }
      // A token that only follows a file counts for nothing: the form always sends it first.
      tokenSeen = true;
      // An empty file input still sends a part, with no file name and no bytes.
      const composeId = posted.composeId;
      if (!posted.verified || !composeId || part.fieldname !== FILE_FIELD || part.filename === '') {
        await drain(part);
        continue;
      }
      try {
        posted.uploaded.push(await uploads.receive(sessionKey, composeId, async (remainingBytes) => limitedFile(part, remainingBytes)));
      } catch (error) {
        if (!(error instanceof Failure)) throw error;
        request.log.info({ code: error.code, ...error.context }, 'basic compose: attachment refused');
        posted.refusal ??= error.code;
      } finally {
        await drain(part);
      }
    }
  } catch (error) {
    if (error instanceof Failure) throw error;
    // Too many parts, a body cut off: the fields read so far are still what the user typed.
    request.log.info({ err: error }, 'basic compose: form body refused');
    posted.refusal ??= 'BAD_REQUEST';
  }
  return posted;
}
