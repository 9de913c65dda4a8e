import { normalizeCountry } from './country';
import { domainParts } from './domain';
import { normalizeName } from './name';
import { BLOCKING_WEIGHT, tokenWeight } from './rarity';
import type { AccountInput } from './types';

/**
 * A record with what blocking needs computed up front. What only scoring needs (token
 * weights, the normalized country) is computed on first use: most records of a large list
 * never meet a candidate. Index-side records are {@link compact}ed after their keys are
 * stored, keeping a handful of strings per record: on million-record indexes the number of
 * retained objects, through garbage-collector marking, dominated the run time.
 */
export class PreparedRecord {
  private cachedTokens: string[] | null;
  private cachedWeights: number[] | null = null;
  private cachedCountry: string | null | undefined = undefined;
  private readonly tokenText: string;

  constructor(
    readonly id: string,
    readonly parentId: string | null,
    /** Primary name key ("" when the name normalizes to nothing). */
    readonly nameKey: string,
    /** Keys of DBA / former names, or null. */
    readonly aliasKeys: string[] | null,
    tokens: string[],
    readonly domain: string | null,
    /** The domain's brand label ("acme" for acme.co.uk), hyphens removed. */
    readonly label: string | null,
    private readonly rawCountry: string | null,
  ) {
    this.cachedTokens = tokens;
    this.tokenText = tokens.join(' ');
  }

  /** Drops what can be recomputed, for records that sit in an index. */
  compact(): void {
    this.cachedTokens = null;
  }

  /** All name keys: primary first, then aliases. */
  get nameKeys(): string[] {
    if (this.aliasKeys === null) return this.nameKey ? [this.nameKey] : [];
    return this.nameKey ? [this.nameKey, ...this.aliasKeys] : this.aliasKeys;
  }

  get tokens(): string[] {
    if (this.cachedTokens === null)
      this.cachedTokens = this.tokenText ? this.tokenText.split(' ') : [];
    return this.cachedTokens;
  }

  /** Token weights, parallel to `tokens`. */
  get weights(): number[] {
    if (this.cachedWeights === null) this.cachedWeights = this.tokens.map(tokenWeight);
    return this.cachedWeights;
  }

  get nameWeight(): number {
    let sum = 0;
    for (const w of this.weights) sum += w;
    return sum;
  }

  get country(): string | null {
    if (this.cachedCountry === undefined) this.cachedCountry = normalizeCountry(this.rawCountry);
    return this.cachedCountry;
  }
}

export function prepareRecord(record: AccountInput): PreparedRecord {
  const name = normalizeName(record.name ?? '');
  const site = domainParts(record.website);
  return new PreparedRecord(
    record.id,
    record.parentId || null,
    name.key,
    name.aliasKeys.length > 0 ? name.aliasKeys : null,
    name.tokens,
    site?.domain ?? null,
    site?.label ?? null,
    record.country || null,
  );
}

/**
 * Blocking keys: two records are compared only if they share one. All kinds share one
 * namespace without prefixes (no string building per key): domains always contain a dot,
 * names and tokens never do. Every method's evidence implies a shared key:
 * - the registrable domain (domain method),
 * - every name key (name method, DBA aliases),
 * - the two longest rare tokens (the fuzzy method requires a shared rare token). A token
 *   and a one-word name are the same string, so "Kara" meets "Kara Energy" through "kara",
 * - and, through {@link typoBlockingToken}, the letters of the longest rare token.
 */
export function forEachBlockingKey(r: PreparedRecord, visit: (key: string) => void): void {
  if (r.domain) visit(r.domain);
  if (r.nameKey) visit(r.nameKey);
  if (r.aliasKeys) for (const k of r.aliasKeys) visit(k);
  const tokens = r.tokens;
  let first = -1;
  let second = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].length < 3 || tokenWeight(tokens[i]) < BLOCKING_WEIGHT) continue;
    // Prefer longer tokens: they are rarer and a one-letter typo hurts them less.
    if (first < 0 || tokens[i].length > tokens[first].length) {
      second = first;
      first = i;
    } else if (second < 0 || tokens[i].length > tokens[second].length) {
      second = i;
    }
  }
  if (first >= 0 && tokens[first] !== r.nameKey) visit(tokens[first]);
  if (second >= 0 && tokens[second] !== tokens[first] && tokens[second] !== r.nameKey)
    visit(tokens[second]);
}

/**
 * The longest rare token, whose letters (in any order) form one more blocking key: the same
 * for "workday" and the typo "workady", so a swapped pair of letters still meets candidates.
 */
export function typoBlockingToken(r: PreparedRecord): string | null {
  let best: string | null = null;
  for (const t of r.tokens) {
    if (
      t.length >= 5 &&
      (best === null || t.length > best.length) &&
      tokenWeight(t) >= BLOCKING_WEIGHT
    )
      best = t;
  }
  return best;
}

/** The blocking keys as a list (tests, diagnostics). */
export function blockingKeys(r: PreparedRecord): string[] {
  const keys: string[] = [];
  forEachBlockingKey(r, (k) => keys.push(k));
  return keys;
}
