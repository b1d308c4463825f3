// JSON schemas of the compose routes. Subject and address entries are only bounded here: a line
// break in them is refused by the compose service as HEADER_INJECTION, which tells the user
// more than a generic BAD_REQUEST would.
import { folderPath, NO_CONTROL_CHARACTERS, uid } from '../mail-schemas.js';

/** Client-made UUID of a message being written. */
export const composeId = { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' } as const;
/** The upload store's random ids: 16 bytes in base64url. */
export const attachmentId = { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' } as const;

const addressList = { type: 'array', maxItems: 500, items: { type: 'string', maxLength: 2000 } } as const;

export const original = {
  type: 'object',
  required: ['folder', 'uid', 'kind'],
  additionalProperties: false,
  properties: { folder: folderPath, uid, kind: { enum: ['reply', 'replyAll', 'forward'] } },
} as const;

const composeMessageProperties = {
  composeId,
  to: addressList,
  cc: addressList,
  bcc: addressList,
  subject: { type: 'string', maxLength: 2000 },
  text: { type: 'string' },
  html: { type: 'string' },
  attachments: { type: 'array', maxItems: 200, items: attachmentId },
  original,
} as const;

const composeMessageRequired = ['composeId', 'to', 'cc', 'bcc', 'subject', 'text', 'attachments'] as const;

export const sendSchema = {
  body: {
    type: 'object',
    required: composeMessageRequired,
    additionalProperties: false,
    properties: { ...composeMessageProperties, draftUid: uid },
  },
} as const;

export const saveDraftSchema = {
  body: {
    type: 'object',
    required: composeMessageRequired,
    additionalProperties: false,
    properties: { ...composeMessageProperties, replaceUid: uid },
  },
} as const;

export const loadDraftSchema = {
  body: {
    type: 'object',
    required: ['folder', 'uid', 'compose'],
    additionalProperties: false,
    properties: { folder: folderPath, uid, compose: composeId },
  },
} as const;

export const startSchema = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      lang: { enum: ['de', 'en'] },
      /** IANA time zone for the dates in the quote header, e.g. Europe/Berlin. */
      tz: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9_+/-]+$' },
    },
  },
  body: {
    type: 'object',
    required: ['composeId', 'original'],
    additionalProperties: false,
    properties: { composeId, original },
  },
} as const;

export const uploadSchema = {
  querystring: {
    type: 'object',
    required: ['compose'],
    additionalProperties: false,
    properties: { compose: composeId },
  },
} as const;

export const removeUploadSchema = {
  querystring: {
    type: 'object',
    required: ['compose', 'id'],
    additionalProperties: false,
    properties: { compose: composeId, id: attachmentId },
  },
} as const;

export const contactsSchema = {
  querystring: {
    type: 'object',
    required: ['q'],
    additionalProperties: false,
    properties: { q: { type: 'string', maxLength: 200, pattern: NO_CONTROL_CHARACTERS } },
  },
} as const;
