import { normalizeCountry } from './country';
import { domainParts } from './domain';
import { normalizeName } from './name';
import { BLOCKING_WEIGHT, tokenWeight } from './rarity';
import {
  F_ALIASES,
  F_COUNTRY,
  F_DOMAIN,
  F_ID,
  F_LABEL,
  F_NAME_KEY,
  F_PARENT,
  F_TOKENS,
  FIELD_COUNT,
  HEADER_LENGTH,
  packedHeader,
  unpackInto,
} from './packed';
import type { AccountInput } from './types';

/**
 * A record with what blocking and scoring need. Index-side records are stored {@link pack}ed
 * (one flat string each) and rebuilt with {@link PreparedRecord.fromPacked} only when they
 * meet a candidate; what only scoring needs (token list, weights, normalized country) is
 * computed on first use, as most records of a large list never meet one.
 */
export class PreparedRecord {
  private cachedTokens: string[] | null;
  private cachedWeights: number[] | null = null;
  private cachedCountry: string | null | undefined = undefined;

  constructor(
    readonly id: string,
    readonly parentId: string | null,
    /** Primary name key ("" when the name normalizes to nothing). */
    readonly nameKey: string,
    /** Keys of DBA / former names, or null. */
    readonly aliasKeys: string[] | null,
    /** Name tokens joined by spaces, or null when `tokens` is given. */
    private readonly tokenText: string | null,
    readonly domain: string | null,
    /** The domain's brand label ("acme" for acme.co.uk), hyphens removed. */
    readonly label: string | null,
    private readonly rawCountry: string | null,
    tokens: string[] | null = null,
  ) {
    this.cachedTokens = tokens;
  }

  static fromPacked(packed: string): PreparedRecord {
    const f = unpackInto(packed, SCRATCH);
    return new PreparedRecord(
      f[F_ID],
      f[F_PARENT] || null,
      f[F_NAME_KEY],
      f[F_ALIASES] ? f[F_ALIASES].split(' ') : null,
      f[F_TOKENS],
      f[F_DOMAIN] || null,
      f[F_DOMAIN] ? f[F_LABEL] : null,
      f[F_COUNTRY] || null,
    );
  }

  /** The record as one flat string (see packed.ts). */
  pack(): string {
    const parts: string[] = [];
    this.packInto(parts);
    return parts.join('');
  }

  /**
   * Appends the packed record's pieces to `parts` and returns its length: a batch joins the
   * pieces of all its records once, with no string per record in between.
   */
  packInto(parts: string[]): number {
    const aliasLength = this.aliasKeys ? spacedLength(this.aliasKeys) : 0;
    const tokenLength = this.tokenText?.length ?? spacedLength(this.cachedTokens!);
    const parent = this.parentId ?? '';
    const domain = this.domain ?? '';
    const label = this.label ?? '';
    const country = this.rawCountry ?? '';
    LENGTHS[F_ID] = this.id.length;
    LENGTHS[F_PARENT] = parent.length;
    LENGTHS[F_NAME_KEY] = this.nameKey.length;
    LENGTHS[F_ALIASES] = aliasLength;
    LENGTHS[F_TOKENS] = tokenLength;
    LENGTHS[F_DOMAIN] = domain.length;
    LENGTHS[F_LABEL] = label.length;
    LENGTHS[F_COUNTRY] = country.length;
    parts.push(packedHeader(LENGTHS), this.id, parent, this.nameKey);
    if (this.aliasKeys) pushSpaced(parts, this.aliasKeys);
    if (this.tokenText !== null) parts.push(this.tokenText);
    else pushSpaced(parts, this.cachedTokens!);
    parts.push(domain, label, country);
    return (
      HEADER_LENGTH +
      this.id.length +
      parent.length +
      this.nameKey.length +
      aliasLength +
      tokenLength +
      domain.length +
      label.length +
      country.length
    );
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

const SCRATCH = new Array<string>(FIELD_COUNT).fill('');
const LENGTHS = new Int32Array(FIELD_COUNT);

/** Length of strings joined by single spaces. */
function spacedLength(items: readonly string[]): number {
  let n = items.length > 0 ? items.length - 1 : 0;
  for (const s of items) n += s.length;
  return n;
}

function pushSpaced(parts: string[], items: readonly string[]): void {
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(' ');
    parts.push(items[i]);
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
    null,
    site?.domain ?? null,
    site?.label ?? null,
    record.country || null,
    name.tokens,
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
  const [first, second] = pickBlockingTokens(tokens);
  if (first >= 0 && tokens[first] !== r.nameKey) visit(tokens[first]);
  if (second >= 0 && tokens[second] !== tokens[first] && tokens[second] !== r.nameKey)
    visit(tokens[second]);
}

/**
 * The longest rare token, whose letters (in any order) form one more blocking key: the same
 * for "workday" and the typo "workady", so a swapped pair of letters still meets candidates.
 */
export function typoBlockingToken(r: PreparedRecord): string | null {
  const typo = pickBlockingTokens(r.tokens)[2];
  return typo >= 0 ? r.tokens[typo] : null;
}

/** Output of {@link pickBlockingTokens}, reused. */
const PICKS = new Int32Array(3);

/**
 * Indexes of the blocking tokens in one pass, -1 when none: [0] and [1] the two longest rare
 * tokens of ≥ 3 letters, [2] the longest rare token of ≥ 5 letters (the typo key). Ties go
 * to the earlier token. Returns a shared scratch array: read it before the next call.
 */
export function pickBlockingTokens(tokens: readonly string[]): Int32Array {
  let first = -1;
  let second = -1;
  let typo = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.length < 3 || tokenWeight(t) < BLOCKING_WEIGHT) continue;
    // Prefer longer tokens: they are rarer and a one-letter typo hurts them less.
    if (first < 0 || t.length > tokens[first].length) {
      second = first;
      first = i;
    } else if (second < 0 || t.length > tokens[second].length) {
      second = i;
    }
    if (t.length >= 5 && (typo < 0 || t.length > tokens[typo].length)) typo = i;
  }
  PICKS[0] = first;
  PICKS[1] = second;
  PICKS[2] = typo;
  return PICKS;
}

/** The blocking keys as a list (tests, diagnostics). */
export function blockingKeys(r: PreparedRecord): string[] {
  const keys: string[] = [];
  forEachBlockingKey(r, (k) => keys.push(k));
  return keys;
}
