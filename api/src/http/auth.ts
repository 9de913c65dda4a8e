import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppContext } from '../context';
import { readDb } from '../db/knex';
import { digestsEqual, hashSecret, looksLikeApiKey, type KeyScope } from '../mapping/apiKeys';
import { findLiveKey, readApiKeysVersion } from '../mapping/apiKeyLookup';
import { AuthCache } from './authCache';
import { AuthenticationError, ForbiddenError, RateLimitError } from './errors';

export interface Auth {
  workspaceId: string;
  keyId: string;
  scope: KeyScope;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Auth;
  }
}

function bearer(req: Request): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : null;
}

/** Fixed-window counter per key; in memory, which is right for one API process. */
export class KeyRateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns seconds to wait, or 0 when the request may go ahead. */
  take(keyId: string): number {
    const t = this.now();
    const w = this.windows.get(keyId);
    if (!w || t - w.start >= 60_000) {
      // Windows are keyed by client address too, so drop the expired ones now and then to keep
      // the map bounded by the traffic of the last minute.
      if (this.windows.size >= 10_000) this.prune(t);
      this.windows.set(keyId, { start: t, count: 1 });
      return 0;
    }
    if (w.count >= this.perMinute) return Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
    w.count++;
    return 0;
  }

  /** How many windows are held (for tests). */
  get size(): number {
    return this.windows.size;
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= 60_000) this.windows.delete(k);
  }
}

/** Failed key checks allowed per client address per minute before it gets 429s (slows guessing). */
export const FAILED_AUTH_PER_MINUTE = 60;

/**
 * Authenticates `Authorization: Bearer <key>` against stored sha256 digests (never the key
 * itself), enforces the key's rate limit, and requires `admin` scope for writes when asked.
 * A key seen before costs one prepared read of the `api_keys` cache counter (authCache.ts), so a
 * revoke or delete takes effect on the next request from any process.
 */
export function authenticate(
  ctx: AppContext,
  limiter = new KeyRateLimiter(ctx.config.rateLimitPerMinute),
  failures = new KeyRateLimiter(FAILED_AUTH_PER_MINUTE),
  cache = new AuthCache(),
): RequestHandler {
  const refuse = (req: Request, err: AuthenticationError) => {
    const wait = failures.take(`ip:${req.ip}`);
    return wait > 0 ? new RateLimitError(wait) : err;
  };
  return async (req: Request, _res: Response, next: NextFunction) => {
    const key = bearer(req);
    if (!key || !looksLikeApiKey(key)) return next(refuse(req, new AuthenticationError()));
    const digest = hashSecret(key);
    const reader = readDb(ctx.db);
    let live = cache.get(digest, await readApiKeysVersion(reader));
    if (!live) {
      const found = await findLiveKey(reader, digest);
      // The lookup is by digest; compare again in constant time so timing says nothing about near misses.
      if (!found || !digestsEqual(found.hash, digest))
        return next(refuse(req, new AuthenticationError('Unknown or revoked API key')));
      cache.set(digest, (live = found));
    }
    const wait = limiter.take(live.id);
    if (wait > 0) return next(new RateLimitError(wait));
    req.auth = { workspaceId: live.workspaceId, keyId: live.id, scope: live.scope };
    // last_used_at is advisory: update at most once a minute per key to keep reads cheap.
    const now = Date.now();
    if (now - live.lastUsedAt > 60_000) {
      live.lastUsedAt = now;
      void ctx
        .db('api_keys')
        .where({ id: live.id })
        .update({ last_used_at: new Date(now).toISOString() })
        .catch(() => {});
    }
    next();
  };
}

/** Writes need an admin-scoped key; read keys may only GET. */
export const requireAdminForWrites: RequestHandler = (req, _res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.auth?.scope !== 'admin') {
    return next(
      new ForbiddenError('This key has read scope; writes need an admin key', 'insufficient_scope'),
    );
  }
  next();
};

export function workspaceId(req: Request): string {
  if (!req.auth) throw new AuthenticationError();
  return req.auth.workspaceId;
}
