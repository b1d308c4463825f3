// JSON schema pieces the message and folder routes share. Folder paths and search text go into
// IMAP commands: no control characters (CR/LF would end a command line), bounded lengths.
export const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u001f\\u007f]*$';

export const folderPath = { type: 'string', minLength: 1, maxLength: 1000, pattern: NO_CONTROL_CHARACTERS } as const;

/** UIDs are non-zero 32-bit numbers (RFC 3501 §2.3.1.1). */
export const uid = { type: 'integer', minimum: 1, maximum: 4294967295 } as const;

export const uids = { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: uid } as const;

/** An object of exactly these properties, every one required unless named in `optional`. */
export function strictObject(properties: Record<string, object>, optional: string[] = []) {
  return { type: 'object', required: Object.keys(properties).filter((key) => !optional.includes(key)), additionalProperties: false, properties };
}
