import { webcrypto } from 'node:crypto';
import { signPayload, verifySignature } from '../../api/src/notify/signature';

// An independent implementation (WebCrypto, not node's createHmac) of what a receiver would do.
async function independentVerify(secret: string, header: string, body: string): Promise<boolean> {
  const [tPart, vPart] = header.split(',');
  const t = tPart.replace('t=', '');
  const key = await webcrypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await webcrypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${t}.${body}`));
  return Buffer.from(mac).toString('hex') === vPart.replace('v1=', '');
}

describe('webhook signatures', () => {
  const secret = 'whsec-test-0123456789';
  const body = JSON.stringify({ type: 'overlap.created', data: { account: 'Ünïcødé GmbH' } });

  it('is verified by an independent HMAC-SHA256 implementation', async () => {
    const header = signPayload(secret, 1_795_000_000, body);
    expect(header).toMatch(/^t=1795000000,v1=[0-9a-f]{64}$/);
    expect(await independentVerify(secret, header, body)).toBe(true);
    expect(await independentVerify('other-secret-000000', header, body)).toBe(false);
  });

  it('rejects a changed body, a changed timestamp, a wrong secret and stale or malformed headers', () => {
    const t = 1_795_000_000;
    const header = signPayload(secret, t, body);
    expect(verifySignature(secret, header, body, t)).toBe(true);
    expect(verifySignature(secret, header, body + ' ', t)).toBe(false);
    expect(verifySignature(secret, header.replace(`t=${t}`, `t=${t + 1}`), body, t)).toBe(false);
    expect(verifySignature('wrong-secret-0000000', header, body, t)).toBe(false);
    expect(verifySignature(secret, header, body, t + 301)).toBe(false);
    expect(verifySignature(secret, 'v1=abc', body, t)).toBe(false);
  });
});
