import { createHash, randomBytes } from 'node:crypto';

/** A new device token: 32 random bytes, URL-safe. Shown once, stored only as its hash. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Device tokens are long random secrets, not passwords, so a fast hash is enough:
 * nobody can guess one, and the hash lets the server find the device without storing it.
 */
export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
