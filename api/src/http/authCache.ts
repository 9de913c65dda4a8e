import type { LiveKey } from '../mapping/apiKeyLookup';

/**
 * Key digest → the live key it authenticated, so a request need not look its key up again. An
 * entry counts only while the `api_keys` counter still has the value it was read with (a revoke
 * or delete anywhere moves it, so the very next request re-reads) and for at most `ttlMs`
 * besides, which bounds how long a key that changed some other way could linger. Only keys that
 * were valid are held, never failures, so a guessing client cannot fill it.
 */
export class AuthCache {
  private entries = new Map<string, { key: LiveKey; expires: number }>();
  constructor(
    private readonly ttlMs = 60_000,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(digest: string, version: number): LiveKey | undefined {
    const e = this.entries.get(digest);
    if (!e) return undefined;
    if (e.key.version !== version || this.now() >= e.expires) {
      this.entries.delete(digest);
      return undefined;
    }
    return e.key;
  }

  set(digest: string, key: LiveKey): void {
    this.entries.delete(digest);
    // Oldest first out: Map iteration follows insertion order.
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(digest, { key, expires: this.now() + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
