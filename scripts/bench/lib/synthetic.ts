/**
 * Synthetic account lists with realistic CRM variation and known ground truth.
 *
 * Each company ("entity") is a pure function of its number, so both sides can be streamed
 * without holding a list: `mine` holds entities [0, n), `theirs` shares the first
 * `overlap·n` of them and adds n·(1-overlap) of its own. Record ids carry the entity number
 * (`m123-0`, `t123-1`), which is the ground truth: two records are the same company iff
 * their entity numbers agree. The matcher never reads it.
 */
import type { AccountInput } from '../../../api/src/matching';

// prettier-ignore
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zen', 'qui', 'bra', 'dex', 'fin', 'gor', 'hal',
  'jun', 'kel', 'lum', 'mor', 'nix', 'pax', 'quo', 'rix', 'sol', 'tor', 'ul', 'vex', 'wen', 'xa', 'yor', 'zu',
  'ber', 'cal', 'dor', 'el', 'fa', 'gan', 'hy', 'ix', 'jo', 'ko'];
const INDUSTRY = [
  'Software',
  'Systems',
  'Foods',
  'Logistics',
  'Health',
  'Capital',
  'Energy',
  'Robotics',
  'Media',
  'Labs',
  'Motors',
  'Analytics',
  '',
];
const COMMON = [
  'Apex',
  'Summit',
  'Delta',
  'Pinnacle',
  'Atlas',
  'Eagle',
  'Phoenix',
  'Horizon',
  'Vertex',
  'Liberty',
];
const SUFFIXES = [
  'Inc',
  'Inc.',
  'Incorporated',
  'LLC',
  'Ltd',
  'Limited',
  'GmbH',
  'AG',
  'S.A.',
  'SAS',
  'B.V.',
  'N.V.',
  'Oy',
  'AB',
  'K.K.',
  'Pty Ltd',
  'plc',
  'Corp',
  'Corporation',
  'Co.',
  '',
];
const COUNTRIES: Array<[string, string[], string]> = [
  ['US', ['US', 'USA', 'United States', 'U.S.A.'], 'com'],
  ['GB', ['GB', 'UK', 'United Kingdom'], 'co.uk'],
  ['DE', ['DE', 'Germany', 'Deutschland'], 'de'],
  ['FR', ['FR', 'France'], 'fr'],
  ['JP', ['JP', 'Japan'], 'co.jp'],
  ['AU', ['AU', 'Australia'], 'com.au'],
  ['NL', ['NL', 'Netherlands'], 'nl'],
  ['SE', ['SE', 'Sweden'], 'se'],
];
const FREE = ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com'];
const HOSTING = ['github.io', 'herokuapp.com', 'myshopify.com', 'wixsite.com'];

/** Deterministic 32-bit hash of (a, b): a cheap stateless PRNG for streamed generation. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

interface Entity {
  brand: string;
  industry: string;
  country: number;
  domain: string | null;
}

/** Unique brand word per entity (its number written in syllables), or a common word for some. */
function entity(e: number): Entity {
  const r = mix(e, 1);
  let brand = '';
  let x = e;
  do {
    brand += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  } while (x > 0);
  brand = brand[0].toUpperCase() + brand.slice(1);
  if (brand.length < 5) brand += 'ra';
  const commonNamed = r % 50 === 0; // 2%: "Apex Software" style names, distinct company each
  const industry = INDUSTRY[(r >>> 8) % INDUSTRY.length];
  const country = (r >>> 16) % COUNTRIES.length;
  const tld = COUNTRIES[country][2];
  const name = commonNamed ? `${COMMON[(r >>> 4) % COMMON.length]} ${brand}` : brand;
  return {
    brand: name,
    industry,
    country,
    domain: `${brand.toLowerCase()}${commonNamed ? '-' + industry.toLowerCase() : ''}.${(r >>> 20) % 4 === 0 ? 'com' : tld}`,
  };
}

/** One side's rendition of an entity: the variation a CRM adds when people type records. */
function render(e: number, side: number, copy: number, id: string): AccountInput {
  const ent = entity(e);
  const r = mix(e, 1000 + side * 7 + copy);
  const r2 = mix(r, 99);
  let name = ent.brand;
  if (ent.industry && r % 5 !== 0) name += ' ' + ent.industry;
  const suffix = SUFFIXES[(r >>> 3) % SUFFIXES.length];
  if (suffix) name += (r & 4 ? ', ' : ' ') + suffix;
  if (r % 17 === 0) name = 'The ' + name;
  if (r % 11 === 0) name = name.toUpperCase();
  else if (r % 13 === 0) name = name.toLowerCase();
  if (r2 % 40 === 0) name = name.replace(/(.)(.)/, '$2$1'); // typo: adjacent swap
  let website: string | null = ent.domain;
  const w = r2 >>> 8;
  if (w % 10 === 0) website = null;
  else if (w % 50 === 1) website = FREE[w % FREE.length];
  else if (w % 50 === 2)
    website = `${ent.brand.toLowerCase().replace(/\s/g, '')}.${HOSTING[w % HOSTING.length]}`;
  else if (website) {
    const form = (w >>> 4) % 6;
    if (form === 1) website = `https://www.${website}/`;
    else if (form === 2) website = `http://${website}/about?utm_source=crm`;
    else if (form === 3) website = `WWW.${website.toUpperCase()}`;
    else if (form === 4) website = `https://app.${website}:443/login`;
    else if (form === 5) website = `${website}.`;
  }
  const [, spellings] = COUNTRIES[ent.country];
  const country = (r2 >>> 20) % 8 === 0 ? null : spellings[(r2 >>> 12) % spellings.length];
  return { id, name, website, country };
}

export interface SyntheticOptions {
  n: number;
  /** Share of entities present on both sides. */
  overlap?: number;
  /** Share of records duplicated on the same side (a second record, same company). */
  duplicates?: number;
}

/** Streams `n` of my records (plus duplicates). */
export function* generateMine(opts: SyntheticOptions): Generator<AccountInput> {
  yield* generateSide(opts, 0);
}

/** Streams `n` of their records: the first overlap·n entities shared with mine. */
export function* generateTheirs(opts: SyntheticOptions): Generator<AccountInput> {
  yield* generateSide(opts, 1);
}

function* generateSide(
  { n, overlap = 0.3, duplicates = 0.01 }: SyntheticOptions,
  side: number,
): Generator<AccountInput> {
  const shared = Math.floor(n * overlap);
  const prefix = side === 0 ? 'm' : 't';
  for (let i = 0; i < n; i++) {
    const e = side === 0 || i < shared ? i : n + i;
    yield render(e, side, 0, `${prefix}${e}-0`);
    if (mix(e, side + 5) % 1000 < duplicates * 1000) yield render(e, side, 1, `${prefix}${e}-1`);
  }
}

/**
 * One side held in memory compactly: all fields in one string plus their lengths (four per
 * record, -1 for null). Millions of small retained strings would slow every garbage
 * collection of whatever runs next, and both the matcher and the baseline read these.
 */
export interface SyntheticList {
  size: number;
  text: string;
  lengths: Int32Array;
}

/** Generates a side once, so every timed consumer reads the very same records. */
export function materialize(records: Iterable<AccountInput>): SyntheticList {
  const parts: string[] = [];
  let lengths = new Int32Array(4096);
  let n = 0;
  for (const r of records) {
    if (n * 4 + 4 > lengths.length) {
      const grown = new Int32Array(lengths.length * 2);
      grown.set(lengths);
      lengths = grown;
    }
    const fields = [r.id, r.name, r.website ?? null, r.country ?? null];
    for (let f = 0; f < 4; f++) {
      const v = fields[f];
      lengths[n * 4 + f] = v === null ? -1 : v.length;
      if (v !== null) parts.push(v);
    }
    n++;
  }
  return { size: n, text: parts.join(''), lengths: lengths.slice(0, n * 4) };
}

/** Streams a materialized side back as records. */
export function* recordsOf(list: SyntheticList): Generator<AccountInput> {
  const { text, lengths } = list;
  let at = 0;
  const field = (k: number): string | null => {
    const len = lengths[k];
    if (len < 0) return null;
    at += len;
    return text.slice(at - len, at);
  };
  for (let i = 0; i < list.size; i++) {
    const id = field(i * 4)!;
    const name = field(i * 4 + 1)!;
    const website = field(i * 4 + 2);
    const country = field(i * 4 + 3);
    yield { id, name, website, country };
  }
}

/** Entity number behind a synthetic record id. */
export function entityOf(id: string): number {
  return Number(id.slice(1, id.indexOf('-')));
}
