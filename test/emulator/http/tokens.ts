/**
 * Access and refresh tokens. Access tokens expire after `ttlMs` on the emulator's clock (or all at
 * once with expireAll), after which API calls answer 401 INVALID_SESSION_ID.
 */
import { randomBytes } from 'node:crypto';

export interface Session {
  userId: string;
  clientId: string;
  expiresAt: number;
}

export class TokenStore {
  private readonly access = new Map<string, Session>();
  private readonly refresh = new Map<string, { userId: string; clientId: string }>();

  constructor(
    private readonly orgId: string,
    private readonly now: () => Date,
    public ttlMs: number,
  ) {}

  issue(userId: string, clientId: string): string {
    const token = `${this.orgId}!${randomBytes(24).toString('base64url')}`;
    this.access.set(token, { userId, clientId, expiresAt: this.now().getTime() + this.ttlMs });
    return token;
  }

  issueRefresh(userId: string, clientId: string): string {
    const token = `5Aep${randomBytes(32).toString('base64url')}`;
    this.refresh.set(token, { userId, clientId });
    return token;
  }

  /** The live session for a bearer token, or undefined when unknown or expired. */
  check(token: string): Session | undefined {
    const s = this.access.get(token);
    if (!s) return undefined;
    if (s.expiresAt <= this.now().getTime()) {
      this.access.delete(token);
      return undefined;
    }
    return s;
  }

  redeemRefresh(token: string): { userId: string; clientId: string } | undefined {
    return this.refresh.get(token);
  }

  expireAll(): void {
    this.access.clear();
  }
}
