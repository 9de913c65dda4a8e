import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type KeyScope = 'admin' | 'read';

/** A new API key: `ovl_<8-char prefix>_<43-char secret>`; only its sha256 is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('base64url').slice(0, 8);
  const secret = randomBytes(32).toString('base64url');
  const key = `ovl_${prefix}_${secret}`;
  return { key, prefix, hash: hashSecret(key) };
}

export function hashSecret(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests of equal length. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function looksLikeApiKey(value: string): boolean {
  return /^ovl_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/.test(value);
}
