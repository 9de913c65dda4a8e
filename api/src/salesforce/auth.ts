import { createSign } from 'node:crypto';
import { OAuth2 } from 'jsforce';
import type { Credentials } from './connectionStore';

export interface TokenResult {
  accessToken: string;
  instanceUrl: string;
  /** https://login…/id/<orgId>/<userId> when the token endpoint returns it */
  identityUrl?: string;
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

/**
 * JWT bearer assertion (RFC 7523) as Salesforce wants it: iss = client id, sub = username,
 * aud = login URL, a short expiry, RS256 with the connected app's certificate key.
 * Doc: "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration".
 */
export function jwtAssertion(
  c: { clientId: string; username: string; loginUrl: string; privateKey: string },
  now = Date.now(),
): string {
  const header = b64url(JSON.stringify({ alg: 'RS256' }));
  const claims = b64url(
    JSON.stringify({
      iss: c.clientId,
      sub: c.username,
      aud: c.loginUrl.replace(/\/$/, ''),
      exp: Math.floor(now / 1000) + 180,
    }),
  );
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(c.privateKey);
  return `${header}.${claims}.${b64url(signature)}`;
}

/**
 * A fresh access token from the stored credentials: client credentials or JWT bearer grant, or
 * the refresh token for the token method. Throws when the credentials cannot produce one.
 */
export async function requestToken(c: Credentials): Promise<TokenResult> {
  let res: { access_token: string; instance_url: string; id?: string };
  if (c.method === 'client_credentials') {
    const oauth2 = new OAuth2({
      loginUrl: c.loginUrl,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
    });
    res = await oauth2.requestToken({ grant_type: 'client_credentials' });
  } else if (c.method === 'jwt') {
    const oauth2 = new OAuth2({ loginUrl: c.loginUrl, clientId: c.clientId });
    res = await oauth2.requestToken({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: jwtAssertion(c),
    });
  } else {
    if (!c.refreshToken || !c.clientId) {
      throw new Error(
        'The access token expired and no refresh token with a client id was given; connect again',
      );
    }
    const oauth2 = new OAuth2({
      loginUrl: c.loginUrl ?? c.instanceUrl,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
    });
    res = await oauth2.refreshToken(c.refreshToken);
  }
  return {
    accessToken: res.access_token,
    instanceUrl: res.instance_url ?? ('instanceUrl' in c ? c.instanceUrl : ''),
    identityUrl: res.id,
  };
}

/** Org and user ids from an identity URL (…/id/<orgId>/<userId>). */
export function idsFromIdentityUrl(url: string | undefined): {
  orgId: string | null;
  userId: string | null;
} {
  const m = url ? /\/id\/([^/]+)\/([^/?#]+)/.exec(url) : null;
  return { orgId: m?.[1] ?? null, userId: m?.[2] ?? null };
}
