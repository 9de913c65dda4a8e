import { backoffMs, isFatal, isTransient, withRetry } from '../../api/src/salesforce/retry';
import { decryptJson, encryptJson, secretKey } from '../../api/src/salesforce/secrets';
import { firstWait, nextWait, toCsv } from '../../api/src/salesforce/bulkIngest';
import { overlapRow, type OverlapValues } from '../../api/src/salesforce/pushRows';
import { isAccountId } from '../../api/src/salesforce/fieldMap';
import { soqlDateTime } from '../../api/src/salesforce/pull';
import { jwtAssertion } from '../../api/src/salesforce/auth';
import { orgIdFromAccessToken } from '../../api/src/salesforce/connect';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync, createVerify } from 'node:crypto';
import { createLogger } from '../../api/src/logger';
import { loadConfig } from '../../api/src/config';

describe('retry', () => {
  const err = (props: Record<string, unknown>) =>
    Object.assign(new Error(String(props.message ?? 'x')), props);

  it.each([
    [{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }, true],
    [{ errorCode: 'UNABLE_TO_LOCK_ROW' }, true],
    [{ errorCode: 'ERROR_HTTP_503' }, true],
    [{ errorCode: 'ERROR_HTTP_429' }, true],
    [{ code: 'ECONNRESET' }, true],
    [{ message: 'socket hang up' }, true],
    [{ errorCode: 'INVALID_FIELD' }, false],
    [{ errorCode: 'ERROR_HTTP_400' }, false],
  ])('%j transient = %s', (props, expected) => {
    expect(isTransient(err(props))).toBe(expected);
  });

  it('treats a lost session as fatal', () => {
    expect(isFatal(err({ errorCode: 'INVALID_SESSION_ID' }))).toBe(true);
    expect(isFatal(err({ message: 'Unable to refresh session due to: no token' }))).toBe(true);
    expect(isFatal(err({ errorCode: 'UNABLE_TO_LOCK_ROW' }))).toBe(false);
  });

  it('backs off exponentially with jitter inside the cap, and gives up after the attempts', async () => {
    expect(backoffMs(1, { baseMs: 100, maxMs: 1000, random: () => 0 })).toBe(50);
    expect(backoffMs(3, { baseMs: 100, maxMs: 1000, random: () => 1 })).toBe(400);
    expect(backoffMs(10, { baseMs: 100, maxMs: 1000, random: () => 1 })).toBe(1000);
    const slept: number[] = [];
    let calls = 0;
    const fail = () => {
      calls++;
      return Promise.reject(err({ errorCode: 'REQUEST_LIMIT_EXCEEDED' }));
    };
    const o = {
      sleep: async (ms: number) => void slept.push(ms),
      attempts: 4,
      baseMs: 10,
      maxMs: 100,
      random: () => 1,
    };
    await expect(withRetry(fail, o)).rejects.toThrow();
    expect(calls).toBe(4);
    expect(slept).toEqual([10, 20, 40]);
    calls = 0;
    await expect(withRetry(() => (calls++ ? Promise.resolve('ok') : fail()), o)).resolves.toBe(
      'ok',
    );
    await expect(
      withRetry(() => Promise.reject(err({ errorCode: 'INVALID_FIELD' })), o),
    ).rejects.toThrow();
  });
});

describe('secrets at rest', () => {
  it('round-trips through AES-256-GCM and rejects a tampered envelope', () => {
    const key = Buffer.alloc(32, 7);
    const env = encryptJson(key, { accessToken: 'secret-token' });
    expect(env).not.toContain('secret-token');
    expect(decryptJson(key, env)).toEqual({ accessToken: 'secret-token' });
    const parts = env.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptJson(key, parts.join('.'))).toThrow();
    expect(() => decryptJson(Buffer.alloc(32, 8), env)).toThrow();
  });

  it('generates a development key once, mode 0600, when OVERLAP_SECRET_KEY is unset', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-key-'));
    const config = loadConfig({ OVERLAP_DATA_DIR: dir });
    const ctx = { config, logger: createLogger('silent') };
    const k1 = secretKey(ctx);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(secretKey(ctx).equals(k1)).toBe(true);
    expect(
      secretKey({ ...ctx, config: { ...config, secretKey: 'c'.repeat(64) } }).toString('hex'),
    ).toBe('c'.repeat(64));
  });
});

describe('push rows and formats', () => {
  const base: OverlapValues = {
    id: 'ov-1',
    accountSourceId: '001000000000001AAA',
    accountName: 'N'.repeat(100),
    partnerName: 'Globex',
    partnerSfId: 'a00000000000001AAA',
    myPopulations: ['Customers'],
    partnerPopulations: ['Prospects', 'Customers'],
    partnerOwnerName: null,
    partnerOwnerEmail: null,
    method: 'fuzzy',
    confidence: 0.87654,
    firstSeen: '2026-11-01T10:00:00Z',
    lastSeen: '2026-11-02T10:00:00Z',
    active: true,
  };

  it('fits text to the field length and rounds to the field scale', () => {
    const row = overlapRow(base);
    expect(String(row.Name)).toHaveLength(80);
    expect(row.Confidence__c).toBe(0.877);
    expect(row.Match_Method__c).toBe('Fuzzy');
    expect(row.Partner_Populations__c).toBe('Prospects;Customers');
  });

  it('tells Salesforce Account ids from CSV ids', () => {
    expect(isAccountId('001000000000001AAA')).toBe(true);
    expect(isAccountId('001000000000001')).toBe(true);
    expect(isAccountId('001Aa0000000001')).toBe(true);
    expect(isAccountId('001Aa0000000001IAA')).toBe(true);
    expect(isAccountId('001Aa00000000')).toBe(false); // too short
    expect(isAccountId('001Aa0000000001IAA1')).toBe(false); // too long
    expect(isAccountId('001Aa0000000-01IAA')).toBe(false);
    expect(isAccountId('003000000000001AAA')).toBe(false); // a Contact id
    expect(isAccountId('ACME-0001')).toBe(false);
    expect(isAccountId('csv-42')).toBe(false);
  });

  it('writes Bulk CSV with #N/A for null and blanks for fields a row leaves alone', () => {
    expect(
      toCsv([
        { Id: '1', A: null, B: 'x,y' },
        { Id: '2', C: true },
      ]),
    ).toBe('Id,A,B,C\n1,#N/A,"x,y",\n2,,,true\n');
  });

  it('paces Bulk job polls: by size first, then by the progress the job reports', () => {
    expect(firstWait(100_000)).toBe(2000);
    expect(firstWait(10)).toBe(200);
    expect(firstWait(10_000_000)).toBe(10_000);
    // 40k of 100k done after 2 s: 60k more at that rate is 3 s, plus half again
    expect(nextWait(100_000, 40_000, 2000, 2000)).toBe(4500);
    expect(nextWait(100_000, 99_990, 2000, 2000)).toBe(200);
    expect(nextWait(1_000_000, 1000, 2000, 2000)).toBe(30_000);
    // no progress to go by (still queued): double, up to 10 s
    expect(nextWait(100_000, 0, 2000, 2000)).toBe(4000);
    expect(nextWait(100_000, 0, 9000, 8000)).toBe(10_000);
  });

  it('writes SOQL datetimes in whole seconds', () => {
    expect(soqlDateTime('2026-11-27T03:14:41.987Z')).toBe('2026-11-27T03:14:41Z');
  });

  it('signs a JWT bearer assertion with RS256 for the login URL', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const jwt = jwtAssertion(
      {
        clientId: 'cid',
        username: 'u@x',
        loginUrl: 'https://login.salesforce.com/',
        privateKey: pem,
      },
      1_000_000,
    );
    const [h, c, s] = jwt.split('.');
    expect(JSON.parse(Buffer.from(c, 'base64url').toString())).toEqual({
      iss: 'cid',
      sub: 'u@x',
      aud: 'https://login.salesforce.com',
      exp: 1180,
    });
    expect(
      createVerify('RSA-SHA256').update(`${h}.${c}`).verify(publicKey, Buffer.from(s, 'base64url')),
    ).toBe(true);
  });
});

describe('orgIdFromAccessToken', () => {
  it('reads the 15-character org id before the ! of a session id, and nothing else', () => {
    expect(orgIdFromAccessToken('00D5g000004ABCDEFG!AQ8AQHxyz')).toBe('00D5g000004ABCD');
    expect(orgIdFromAccessToken('00D5g000004ABCD!AQ8AQHxyz')).toBe('00D5g000004ABCD');
    expect(orgIdFromAccessToken('emulator-token-123')).toBeNull();
    expect(orgIdFromAccessToken(undefined)).toBeNull();
  });
});
