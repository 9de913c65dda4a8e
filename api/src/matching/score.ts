import type { PreparedRecord } from './prepare';
import { DISTINCTIVE_WEIGHT, INDUSTRY_WEIGHT } from './rarity';
import type { MatchMethod } from './types';

export interface PairScore {
  method: MatchMethod;
  confidence: number;
}

/** Fuzzy names must be at least this similar (rarity-weighted token Jaccard). */
export const FUZZY_MIN_SIMILARITY = 0.85;
/** Lower bar when one name only adds industry or generic words to the other. */
export const FUZZY_EXTENSION_MIN_SIMILARITY = 0.7;
/** A token with one typo counts for this share of its weight. */
const TYPO_CREDIT = 0.9;

/**
 * Decides whether two records name the same company, and how sure we are.
 * Pure and symmetric: the two records are put in a canonical order first, so
 * scorePair(a, b) and scorePair(b, a) always agree. Returns null for "not the same company".
 *
 * The rules, strongest first (see docs/matching.md for the reasoning):
 * 1. Same registrable domain → domain.
 * 2. Different websites (different brand labels) → never the same company: this is how a
 *    subsidiary with its own domain stays apart from its parent.
 * 3. Equal normalized name (or DBA) → name, if corroborated by the domain label or country,
 *    and a common-word name ("Delta") needs the domain label.
 * 4. Similar names → fuzzy, only with corroboration and a shared rare token.
 */
export function scorePair(x: PreparedRecord, y: PreparedRecord): PairScore | null {
  const [a, b] = canonicalOrder(x, y);
  if (a.domain !== null && a.domain === b.domain) {
    // Same website but unrelated names is usually a data-entry slip (a parent's website
    // typed on a subsidiary); still the strongest signal we have, so keep it but lower.
    return { method: 'domain', confidence: sharesKeyOrToken(a, b) ? 0.99 : 0.9 };
  }
  const labelAgree = a.label !== null && a.label === b.label;
  if (a.label !== null && b.label !== null && !labelAgree) return null;
  const countryAgree = a.country !== null && a.country === b.country;
  const countryConflict = a.country !== null && b.country !== null && !countryAgree;

  const nameKey = sharedNameKey(a, b);
  if (nameKey !== null) {
    const distinctive = nameKey.weight >= DISTINCTIVE_WEIGHT;
    // Same name and brand label but different countries can be two companies ("Sky" in the
    // UK and in New Zealand): keep it below the default threshold.
    if (labelAgree) return { method: 'name', confidence: countryConflict ? 0.78 : 0.96 };
    if (countryConflict) return null;
    if (!distinctive) return countryAgree ? { method: 'name', confidence: 0.7 } : null;
    if (countryAgree) return { method: 'name', confidence: 0.93 };
    return { method: 'name', confidence: nameKey.weight >= 5 ? 0.85 : 0.75 };
  }

  if (!labelAgree && !countryAgree) return null;
  if (countryConflict && !labelAgree) return null;
  const fuzzy = weightedSimilarity(a, b);
  if (fuzzy.sharedWeight < DISTINCTIVE_WEIGHT) return null;
  // A country is weak corroboration: "Starbucks" and "Starbucks Dental LLC" share one, and so
  // do "Gap" and "GAP Solutions". Without an agreeing domain, every word must be on both
  // sides (up to a typo or word order); added or changed words need domain evidence.
  if (!labelAgree && fuzzy.unmatchedMaxTokenWeight > 0) return null;
  // "Acme" vs "Acme Energy": one name is the other plus industry words only. Dropping such
  // words is the commonest CRM variation, while "Acme Software" vs "Acme Hardware" (a word
  // *different* on each side) must stay apart, so only one-sided extras get the lower bar.
  const industryExtension =
    fuzzy.unmatchedMin === 0 && fuzzy.unmatchedMaxTokenWeight <= INDUSTRY_WEIGHT;
  const threshold = industryExtension ? FUZZY_EXTENSION_MIN_SIMILARITY : FUZZY_MIN_SIMILARITY;
  if (fuzzy.similarity < threshold) return null;
  const base = 0.5 + 0.45 * fuzzy.similarity;
  return { method: 'fuzzy', confidence: round3(labelAgree ? base : base - 0.04) };
}

function canonicalOrder(x: PreparedRecord, y: PreparedRecord): [PreparedRecord, PreparedRecord] {
  const kx = x.nameKey;
  const ky = y.nameKey;
  if (kx < ky) return [x, y];
  if (ky < kx) return [y, x];
  return (x.domain ?? '') <= (y.domain ?? '') ? [x, y] : [y, x];
}

function sharesKeyOrToken(a: PreparedRecord, b: PreparedRecord): boolean {
  if (sharedNameKey(a, b) !== null) return true;
  for (let i = 0; i < a.tokens.length; i++) {
    if (a.weights[i] >= DISTINCTIVE_WEIGHT && b.tokens.includes(a.tokens[i])) return true;
  }
  // "Alphabet" with website abc.xyz shares nothing; "IBM" with ibm.com does via its label.
  return (
    (a.label !== null && b.nameKeys.includes(a.label)) ||
    (b.label !== null && a.nameKeys.includes(b.label))
  );
}

/** The shared name key with its identity weight, or null. */
function sharedNameKey(a: PreparedRecord, b: PreparedRecord): { weight: number } | null {
  if (a.nameKey && a.nameKey === b.nameKey) return { weight: Math.min(a.nameWeight, b.nameWeight) };
  if (a.aliasKeys === null && b.aliasKeys === null) return null;
  const ak = a.nameKeys;
  const bk = b.nameKeys;
  for (let i = 0; i < ak.length; i++) {
    const j = bk.indexOf(ak[i]);
    if (j < 0) continue;
    // Aliases carry no token list; treat them as distinctive only when long.
    const weight =
      i === 0 && a.nameKey
        ? a.nameWeight
        : j === 0 && b.nameKey
          ? b.nameWeight
          : ak[i].length >= 6
            ? 5
            : 2;
    return { weight };
  }
  return null;
}

/**
 * Rarity-weighted Jaccard over tokens: shared weight / union weight. Tokens that differ by
 * one edit (length ≥ 5) count as shared at reduced credit, so "Microsft" still meets "Microsoft"
 * but "Acme Software" stays far from "Acme Hardware".
 */
export interface Similarity {
  similarity: number;
  sharedWeight: number;
  /** Weight left unmatched on the side with less of it (0 = one name contains the other). */
  unmatchedMin: number;
  /** Heaviest single unmatched token on either side. */
  unmatchedMaxTokenWeight: number;
}

export function weightedSimilarity(a: PreparedRecord, b: PreparedRecord): Similarity {
  let total = 0;
  for (const w of a.weights) total += w;
  for (const w of b.weights) total += w;
  const used = new Array<boolean>(b.tokens.length).fill(false);
  let shared = 0;
  let sharedBoth = 0;
  const pending: number[] = [];
  const pendingMatched = new Set<number>();
  for (let i = 0; i < a.tokens.length; i++) {
    const j = indexUnused(b.tokens, a.tokens[i], used);
    if (j >= 0) {
      used[j] = true;
      shared += a.weights[i];
      sharedBoth += a.weights[i] + b.weights[j];
    } else pending.push(i);
  }
  for (const i of pending) {
    const t = a.tokens[i];
    if (t.length < 5) continue;
    for (let j = 0; j < b.tokens.length; j++) {
      if (used[j] || !isTypo(t, b.tokens[j])) continue;
      used[j] = true;
      pendingMatched.add(i);
      const w = Math.min(a.weights[i], b.weights[j]) * TYPO_CREDIT;
      shared += w;
      sharedBoth += a.weights[i] + b.weights[j];
      break;
    }
  }
  // union = total - shared part counted twice; typo credit lowers the numerator only.
  const union = total - sharedBoth / 2;
  let unmatchedA = 0;
  let unmatchedB = 0;
  let unmatchedMaxTokenWeight = 0;
  const matchedA = new Array<boolean>(a.tokens.length).fill(true);
  for (const i of pending) matchedA[i] = pendingMatched.has(i);
  for (let i = 0; i < a.tokens.length; i++) {
    if (matchedA[i]) continue;
    unmatchedA += a.weights[i];
    unmatchedMaxTokenWeight = Math.max(unmatchedMaxTokenWeight, a.weights[i]);
  }
  for (let j = 0; j < b.tokens.length; j++) {
    if (used[j]) continue;
    unmatchedB += b.weights[j];
    unmatchedMaxTokenWeight = Math.max(unmatchedMaxTokenWeight, b.weights[j]);
  }
  return {
    similarity: union > 0 ? shared / union : 0,
    sharedWeight: shared,
    unmatchedMin: Math.min(unmatchedA, unmatchedB),
    unmatchedMaxTokenWeight,
  };
}

function indexUnused(tokens: string[], t: string, used: boolean[]): number {
  for (let j = 0; j < tokens.length; j++) if (!used[j] && tokens[j] === t) return j;
  return -1;
}

/**
 * Two tokens are one typo apart when they differ by swapping two adjacent letters (length
 * ≥ 5), or by any single edit when both are long (≥ 8). Short names one substitution apart
 * are often different companies ("Bayer" and "Bauer" are both German AGs).
 */
export function isTypo(s: string, t: string): boolean {
  if (s.length !== t.length) return s.length >= 8 && t.length >= 8 && withinOneEdit(s, t);
  if (s.length < 5) return false;
  if (s.length >= 8) return withinOneEdit(s, t);
  let i = 0;
  while (i < s.length && s[i] === t[i]) i++;
  return (
    i < s.length - 1 && s[i] === t[i + 1] && s[i + 1] === t[i] && s.slice(i + 2) === t.slice(i + 2)
  );
}

/** True when s and t differ by one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(s: string, t: string): boolean {
  if (s === t) return true;
  const ls = s.length;
  const lt = t.length;
  if (Math.abs(ls - lt) > 1) return false;
  let i = 0;
  while (i < ls && i < lt && s[i] === t[i]) i++;
  if (ls === lt) {
    if (s.slice(i + 1) === t.slice(i + 1)) return true;
    return s[i] === t[i + 1] && s[i + 1] === t[i] && s.slice(i + 2) === t.slice(i + 2);
  }
  return ls > lt ? s.slice(i + 1) === t.slice(i) : s.slice(i) === t.slice(i + 1);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
