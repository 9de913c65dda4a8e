/**
 * OAuth 2.0 token endpoint, POST /services/oauth2/token (Salesforce Help: "OAuth 2.0 Client
 * Credentials Flow for Server-to-Server Integration", "OAuth 2.0 JWT Bearer Flow for
 * Server-to-Server Integration", "OAuth 2.0 Refresh Token Flow"). Errors are
 * `{ error, error_description }` with HTTP 400, as the token endpoint answers them.
 */
import { createHmac, createPublicKey, verify, X509Certificate, type KeyObject } from 'node:crypto';
import express, { Router, type Response } from 'express';
import type { EmulatorContext } from './context';

export interface OAuthClient {
  clientId: string;
  /** Required for client_credentials (and for refresh_token when set). */
  clientSecret?: string;
  /** PEM public key or X.509 certificate that JWT bearer assertions must be signed with. */
  certificate?: string;
  /** The run-as user for client_credentials: a User.Username in the org. */
  runAsUsername?: string;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

class OAuthError extends Error {
  constructor(
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

function publicKeyOf(pem: string): KeyObject {
  return pem.includes('BEGIN CERTIFICATE')
    ? new X509Certificate(pem).publicKey
    : createPublicKey(pem);
}

function decodePart(part: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new OAuthError('invalid_grant', 'invalid assertion');
  }
}

export function oauthRouter(ctx: EmulatorContext, clients: OAuthClient[]): Router {
  const r = Router();
  const clientById = (id: unknown): OAuthClient => {
    const c = clients.find((x) => x.clientId === id);
    if (!c) throw new OAuthError('invalid_client_id', 'client identifier invalid');
    return c;
  };
  const userIdByUsername = (username: unknown): string => {
    const id =
      typeof username === 'string' ? ctx.org.findIdBy('User', 'Username', username) : undefined;
    if (!id) throw new OAuthError('invalid_grant', 'user hasn\u2019t approved this consumer');
    return id;
  };

  const answer = (res: Response, userId: string, clientId: string): void => {
    const accessToken = ctx.tokens.issue(userId, clientId);
    const issuedAt = String(ctx.org.now().getTime());
    const id = `${ctx.url()}/id/${ctx.org.orgId}/${userId}`;
    res.json({
      access_token: accessToken,
      instance_url: ctx.url(),
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      scope: 'api',
      signature: createHmac('sha256', clientId)
        .update(id + issuedAt)
        .digest('base64'),
    });
  };

  const jwtBearer = (assertion: unknown): { userId: string; clientId: string } => {
    const parts = typeof assertion === 'string' ? assertion.split('.') : [];
    if (parts.length !== 3) throw new OAuthError('invalid_grant', 'invalid assertion');
    const header = decodePart(parts[0]);
    const claims = decodePart(parts[1]);
    if (header.alg !== 'RS256')
      throw new OAuthError('invalid_grant', 'invalid assertion: alg must be RS256');
    const client = clientById(claims.iss);
    if (!client.certificate)
      throw new OAuthError('invalid_client', 'no certificate configured for this client');
    const ok = verify(
      'RSA-SHA256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      publicKeyOf(client.certificate),
      Buffer.from(parts[2], 'base64url'),
    );
    if (!ok) throw new OAuthError('invalid_grant', 'invalid assertion signature');
    const audiences = [ctx.url(), 'https://login.salesforce.com', 'https://test.salesforce.com'];
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.some((a) => typeof a === 'string' && audiences.includes(a.replace(/\/$/, '')))) {
      throw new OAuthError('invalid_grant', 'audience is invalid');
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= ctx.org.now().getTime()) {
      throw new OAuthError('invalid_grant', 'expired authorization code');
    }
    return { userId: userIdByUsername(claims.sub), clientId: client.clientId };
  };

  r.post('/services/oauth2/token', express.urlencoded({ extended: false }), (req, res) => {
    ctx.stats.count('oauth');
    const p = (req.body ?? {}) as Record<string, unknown>;
    try {
      if (p.grant_type === 'client_credentials') {
        const client = clientById(p.client_id);
        if (!client.clientSecret || client.clientSecret !== p.client_secret) {
          throw new OAuthError('invalid_client', 'invalid client credentials');
        }
        if (!client.runAsUsername)
          throw new OAuthError('invalid_grant', 'no client credentials user enabled');
        answer(res, userIdByUsername(client.runAsUsername), client.clientId);
      } else if (p.grant_type === JWT_GRANT) {
        const { userId, clientId } = jwtBearer(p.assertion);
        answer(res, userId, clientId);
      } else if (p.grant_type === 'refresh_token') {
        const client = clientById(p.client_id);
        if (client.clientSecret && client.clientSecret !== p.client_secret) {
          throw new OAuthError('invalid_client', 'invalid client credentials');
        }
        const grant =
          typeof p.refresh_token === 'string'
            ? ctx.tokens.redeemRefresh(p.refresh_token)
            : undefined;
        if (!grant || grant.clientId !== client.clientId)
          throw new OAuthError('invalid_grant', 'expired access/refresh token');
        answer(res, grant.userId, client.clientId);
      } else {
        throw new OAuthError('unsupported_grant_type', 'grant type not supported');
      }
    } catch (e) {
      if (!(e instanceof OAuthError)) throw e;
      res.status(400).json({ error: e.error, error_description: e.message });
    }
  });
  return r;
}
