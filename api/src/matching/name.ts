import { foldText, tokenize } from './text';
import {
  ALIAS_MARKERS,
  CANONICAL_TOKENS,
  LEGAL_PREFIXES,
  LEGAL_SUFFIXES,
  NAME_TLD_RE,
  STOP_WORDS,
  WEAK_SUFFIXES,
} from './vocabulary';

/** A company name reduced to what identifies the company. */
export interface NormalizedName {
  /** Tokens joined without spaces: "Sales Force" and "Salesforce" both give "salesforce". */
  key: string;
  /** Identity-bearing tokens of the primary name, for fuzzy comparison. */
  tokens: string[];
  /** Keys of other names the record carries (DBA, "formerly", "t/a"). */
  aliasKeys: string[];
}

const PARENTHESES_RE = /\(([^)]*)\)/g;

/**
 * Normalizes a company name: accents, case, punctuation, "&"/"and", "The", legal forms from
 * many countries, weak words ("Group", "Holdings") and common CRM abbreviations.
 * Pure and deterministic; used for both sides so it must never depend on which side calls it.
 */
export function normalizeName(name: string): NormalizedName {
  let folded = foldText(name);
  if (mayHaveNameTld(folded)) folded = folded.replace(NAME_TLD_RE, '$1');
  if (folded.includes('(')) return withParentheses(folded);
  const tokens = tokenize(folded);
  // Most names carry no second name: one segment, no alias bookkeeping.
  if (!hasAliasStart(tokens)) {
    const primary = cleanSegment(tokens);
    return { key: primary.join(''), tokens: primary, aliasKeys: [] };
  }
  return fromSegments(splitAliases(tokens));
}

/**
 * The general path for every name, skipping the shortcuts of {@link normalizeName}: the
 * reference those shortcuts must equal (checked by a property test).
 */
export function normalizeNameGeneral(name: string): NormalizedName {
  return withParentheses(foldText(name).replace(NAME_TLD_RE, '$1'));
}

/** The general path, for names with parenthesized text. */
function withParentheses(text: string): NormalizedName {
  // Parenthesized text is usually a region or a former name: "(UK)", "(formerly Widget)".
  // Keep it only as an alias, and only when it is introduced by an alias marker.
  const parenthesized: string[] = [];
  const folded = text.replace(PARENTHESES_RE, (_m, inner: string) => {
    parenthesized.push(inner);
    return ' | ';
  });
  const segments = splitAliases(tokenize(folded));
  for (const inner of parenthesized) {
    const innerTokens = tokenize(inner);
    // Only text introduced by a marker is a name: "(formerly Widget Inc)" → "widget";
    // "(UK)" or "(EMEA HQ)" is dropped.
    if (startsWithAliasMarker(innerTokens)) segments.push(...splitAliases(innerTokens));
  }
  return fromSegments(segments);
}

/** The primary name (first non-empty segment) and the other segments as alias keys. */
function fromSegments(segments: string[][]): NormalizedName {
  const cleaned = segments.map(cleanSegment).filter((tokens) => tokens.length > 0);
  const primary = cleaned[0] ?? [];
  const key = primary.join('');
  const aliasKeys: string[] = [];
  for (let i = 1; i < cleaned.length; i++) {
    const alias = cleaned[i].join('');
    if (alias && alias !== key && !aliasKeys.includes(alias)) aliasKeys.push(alias);
  }
  return { key, tokens: primary, aliasKeys };
}

/**
 * Whether NAME_TLD_RE can match: some "." followed by one of its endings and no further
 * letter or digit, after at least three letters or digits. A scan is much cheaper than the
 * regex, and most dotted names ("Inc.", "S.A.") have no such ending.
 */
function mayHaveNameTld(s: string): boolean {
  for (let dot = s.indexOf('.', 3); dot >= 0; dot = s.indexOf('.', dot + 1)) {
    if (!isAlnum(s.charCodeAt(dot - 1)) || !isAlnum(s.charCodeAt(dot - 2))) continue;
    if (!isAlnum(s.charCodeAt(dot - 3))) continue;
    for (const tld of NAME_TLDS)
      if (s.startsWith(tld, dot + 1) && !isAlnum(s.charCodeAt(dot + 1 + tld.length))) return true;
  }
  return false;
}

/** The endings NAME_TLD_RE strips. */
const NAME_TLDS = ['com', 'net', 'org', 'io', 'ai', 'co', 'app'];

function isAlnum(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57); // NaN (past the end) is not
}

const ALIAS_STARTS = new Set([...ALIAS_MARKERS, 'd', 't', 'trading', 'operating', 'doing', 'a']);
function hasAliasStart(tokens: string[]): boolean {
  for (const t of tokens) {
    // Every alias start begins with a, d, f, o or t: skip the set lookup for other tokens.
    const c = t.charCodeAt(0);
    if ((c === 97 || c === 100 || c === 102 || c === 111 || c === 116) && ALIAS_STARTS.has(t))
      return true;
  }
  return false;
}

function startsWithAliasMarker(tokens: string[]): boolean {
  return aliasMarkerLength(tokens, 0) > 0;
}

/** Length in tokens of the alias marker starting at i, or 0. */
function aliasMarkerLength(tokens: string[], i: number): number {
  const t = tokens[i];
  if (ALIAS_MARKERS.has(t)) return 1;
  if (t === 'd' && tokens[i + 1] === 'b' && tokens[i + 2] === 'a') return 3;
  if (t === 't' && tokens[i + 1] === 'a') return 2;
  if ((t === 'trading' || t === 'operating') && tokens[i + 1] === 'as') return 2;
  if (t === 'doing' && tokens[i + 1] === 'business' && tokens[i + 2] === 'as') return 3;
  if (t === 'a' && tokens[i + 1] === 'k' && tokens[i + 2] === 'a') return 3;
  return 0;
}

/** Splits a token list at alias markers ("dba", "d/b/a", "t/a", "trading as", "aka"). */
function splitAliases(tokens: string[]): string[][] {
  if (!hasAliasStart(tokens)) return [tokens];
  const segments: string[][] = [[]];
  for (let i = 0; i < tokens.length; i++) {
    const marker = aliasMarkerLength(tokens, i);
    if (marker > 0) {
      if (segments[segments.length - 1].length > 0) segments.push([]);
      i += marker - 1;
      continue;
    }
    segments[segments.length - 1].push(tokens[i]);
  }
  return segments;
}

/** Canonicalizes tokens and strips "The", legal forms and weak words from one name. */
function cleanSegment(raw: string[]): string[] {
  const tokens: string[] = [];
  for (const t of raw) {
    if (STOP_WORDS.has(t)) continue;
    tokens.push(CANONICAL_TOKENS.get(t) ?? t);
  }
  let start = 0;
  if (tokens.length > 1 && tokens[0] === 'the') start++;
  if (tokens.length - start > 1 && LEGAL_PREFIXES.has(tokens[start])) start++;
  // Strip from the end while a legal form or weak word remains; never strip the whole name,
  // so "The Company" or "Group SA" still produce a key.
  let end = tokens.length;
  while (end - start > 1) {
    const joined = trailingLegalForm(tokens, start, end);
    if (joined === 0) break;
    end -= joined;
  }
  if (start === 0 && end === tokens.length) return tokens;
  return tokens.slice(start, end);
}

/**
 * How many tokens at `end` form a legal form or weak word (never reaching before `start`).
 * Short tokens are joined first so spaced spellings such as "S A S", "Sp. z o.o." or
 * "S.A. de C.V." are recognized.
 */
function trailingLegalForm(tokens: string[], start: number, end: number): number {
  const last = tokens[end - 1];
  // Spaced spellings always end in a short token; most names skip the joining entirely.
  for (let k = last.length <= 3 ? Math.min(3, end - start - 1) : 0; k >= 2; k--) {
    let allShort = true;
    for (let i = end - k; i < end; i++) if (tokens[i].length > 3) allShort = false;
    if (!allShort) continue;
    let joined = '';
    for (let i = end - k; i < end; i++) joined += tokens[i];
    if (LEGAL_SUFFIXES.has(joined)) return k;
  }
  return LEGAL_SUFFIXES.has(last) || WEAK_SUFFIXES.has(last) ? 1 : 0;
}
