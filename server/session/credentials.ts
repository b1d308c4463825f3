// The mailbox password is kept in the server-side session encrypted with AES-256-GCM under a
// key that lives only in the user's cookie (ARCHITECTURE: Credentials). A dump of the store
// alone yields no password, and neither does a cookie alone. GCM's tag makes a tampered key or
// ciphertext fail loudly instead of decrypting to garbage.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealedSecret {
  iv: string;
  tag: string;
  ciphertext: string;
}

export const KEY_BYTES = 32;

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** `aad` binds the ciphertext to its session, so a sealed password cannot be moved to another. */
export function seal(plain: string, key: Buffer, aad: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** Returns null when the key, the AAD or the sealed data was changed. */
export function unseal(sealed: SealedSecret, key: Buffer, aad: string): string | null {
  if (key.length !== KEY_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
