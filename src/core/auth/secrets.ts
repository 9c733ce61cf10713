import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An unguessable token for URLs and headers (256 bits, base64url). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored hashed, so a database leak does not leak working tokens. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Compares secrets in constant time. */
export function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
