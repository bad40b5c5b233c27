import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe secret: session ids, invitation links. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Only hashes of secrets are stored, so a copy of the database does not give anyone a session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
