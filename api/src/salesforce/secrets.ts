import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../context';

const KEY_FILE = 'secret.key';

/**
 * The 32-byte key that encrypts Salesforce credentials at rest: OVERLAP_SECRET_KEY, or in
 * development a key generated once into `<data dir>/secret.key` (mode 0600) with a warning.
 */
export function secretKey(ctx: Pick<AppContext, 'config' | 'logger'>): Buffer {
  if (ctx.config.secretKey) return Buffer.from(ctx.config.secretKey, 'hex');
  const file = path.join(ctx.config.dataDir, KEY_FILE);
  try {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/i.test(hex)) return Buffer.from(hex, 'hex');
  } catch {
    // absent: generate below
  }
  const key = randomBytes(32);
  fs.mkdirSync(ctx.config.dataDir, { recursive: true });
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  ctx.logger.warn(
    { file },
    'OVERLAP_SECRET_KEY is unset: generated a development key; set it in production',
  );
  return key;
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url; tampering fails the tag check. */
export function encryptJson(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function decryptJson<T>(key: Buffer, envelope: string): T {
  const [version, iv, tag, data] = envelope.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined)
    throw new Error('Unrecognised secret envelope');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as T;
}
