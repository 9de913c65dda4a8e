import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { Connection } from 'jsforce';
import { ADMIN_USERNAME, createEmulator, type Emulator } from '../emulator';
import { rejection } from './helpers';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function jwt(claims: Record<string, unknown>, key: KeyObject): string {
  const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${enc({ alg: 'RS256' })}.${enc(claims)}`;
  return `${data}.${sign('RSA-SHA256', Buffer.from(data), key).toString('base64url')}`;
}

describe('emulator: OAuth token endpoint and session expiry', () => {
  let sf: Emulator;
  let clock = new Date('2026-04-01T00:00:00Z');
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    sf = await createEmulator({
      now: () => clock,
      tokenTtlMs: 60_000,
      clients: [
        {
          clientId: 'jwt-app',
          certificate: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      ],
    });
  });
  afterAll(() => sf.close());

  const oauthConn = (clientId = sf.clientId, clientSecret?: string): Connection =>
    new Connection({
      oauth2: { loginUrl: sf.url, clientId, clientSecret },
      version: sf.apiVersion,
    });

  it('issues a token for the client credentials flow that jsforce can use', async () => {
    const conn = oauthConn(sf.clientId, sf.clientSecret);
    const info = await conn.authorize({ grant_type: 'client_credentials' });
    expect(info).toMatchObject({ id: sf.adminUserId, organizationId: sf.org.orgId });
    expect(conn.instanceUrl).toBe(sf.url);
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0);
    const wrong = await rejection(
      oauthConn(sf.clientId, 'nope').authorize({ grant_type: 'client_credentials' }),
    );
    expect(wrong.name).toBe('invalid_client');
    const unknown = await rejection(
      oauthConn('who', 'x').authorize({ grant_type: 'client_credentials' }),
    );
    expect(unknown.name).toBe('invalid_client_id');
  });

  it('accepts a JWT bearer assertion signed with the configured key and checks iss, sub, aud, exp and signature', async () => {
    const exp = Math.floor(clock.getTime() / 1000) + 180;
    const good = { iss: 'jwt-app', sub: ADMIN_USERNAME, aud: sf.url, exp };
    const conn = oauthConn('jwt-app');
    await conn.authorize({ grant_type: JWT_GRANT, assertion: jwt(good, privateKey) });
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(0);
    const cases: Array<[Record<string, unknown>, KeyObject, string]> = [
      [good, other.privateKey, 'invalid_grant'],
      [{ ...good, aud: 'https://evil.example' }, privateKey, 'invalid_grant'],
      [{ ...good, sub: 'nobody@x.example' }, privateKey, 'invalid_grant'],
      [{ ...good, exp: exp - 3600 }, privateKey, 'invalid_grant'],
      [{ ...good, iss: 'unknown-app' }, privateKey, 'invalid_client_id'],
    ];
    for (const [claims, key, code] of cases) {
      const err = await rejection(
        oauthConn('jwt-app').authorize({ grant_type: JWT_GRANT, assertion: jwt(claims, key) }),
      );
      expect(err.name).toBe(code);
    }
  });

  it('answers 401 INVALID_SESSION_ID once a token expires, and jsforce refreshes with a refresh token', async () => {
    const token = sf.issueAccessToken();
    const plain = new Connection({
      instanceUrl: sf.url,
      accessToken: token,
      version: sf.apiVersion,
    });
    await plain.query('SELECT Id FROM User');
    clock = new Date(clock.getTime() + 61_000);
    const expired = await rejection(plain.query('SELECT Id FROM User'));
    expect(expired.errorCode).toBe('INVALID_SESSION_ID');

    const refreshing = new Connection({
      oauth2: { loginUrl: sf.url, clientId: sf.clientId, clientSecret: sf.clientSecret },
      instanceUrl: sf.url,
      accessToken: token,
      refreshToken: sf.issueRefreshToken(),
      version: sf.apiVersion,
    });
    const refreshed = jest.fn();
    refreshing.on('refresh', refreshed);
    sf.stats.reset();
    expect((await refreshing.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0);
    expect(refreshed).toHaveBeenCalledTimes(1);
    expect(sf.stats.get('oauth')).toBe(1);

    sf.expireTokens();
    const revoked = await rejection(
      new Connection({
        instanceUrl: sf.url,
        accessToken: refreshing.accessToken!,
        version: sf.apiVersion,
      }).query('SELECT Id FROM User'),
    );
    expect(revoked.errorCode).toBe('INVALID_SESSION_ID');
    const badRefresh = await rejection(
      oauthConn(sf.clientId, sf.clientSecret).oauth2.refreshToken('made-up'),
    );
    expect(badRefresh.name).toBe('invalid_grant');
  });
});
