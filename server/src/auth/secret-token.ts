import { createHash, randomBytes } from 'node:crypto';

/** A new unguessable token: 32 random bytes as base64url (43 characters). */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/**
 * What is stored of a session or API token: its SHA-256 (base64url). A token has 256 random
 * bits, so a fast hash suffices; a leaked database then holds no usable credential.
 */
export const tokenDigest = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('base64url');
