import { mulberry32 } from '../../../api/src/demo/prng';
/**
 * Renders a seed company the way a CRM user might have typed it: legal form swapped or
 * dropped, case and punctuation changed, "The" added, "&" spelled out, abbreviations,
 * accents lost, and the website in any of the shapes found in real exports.
 */

export interface Company {
  name: string;
  domain: string;
  country: string;
  aliases?: string;
}

export interface Rendered {
  name: string;
  website: string | null;
  country: string | null;
  /** Ground truth: the company's real domain (or an invented one for look-alikes). */
  entity: string;
}

export type Rng = () => number;

/** Small deterministic PRNG (mulberry32) so the committed dev set can be rebuilt byte for byte. */
export const makeRng: (seed: number) => Rng = mulberry32;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const LEGAL_RE =
  /[,.]?\s+(Inc\.?|Incorporated|Corporation|Corp\.?|Ltd\.?|Limited|LLC|plc|PLC|p\.l\.c\.|AG|SE|S\.A\.|SA|N\.V\.|B\.V\.|A\/S|AB|Oyj|Oy|ASA|S\.p\.A\.|SpA|Co\.,? Ltd\.?|Co\.|GmbH|KGaA|S\.A\.B\. de C\.V\.|Pty Ltd|Private Limited)$/i;
const SUFFIXES_BY_COUNTRY: Record<string, string[]> = {
  US: ['Inc', 'Inc.', 'Incorporated', 'LLC', 'Corp', 'Corp.', 'Corporation', 'Co.'],
  GB: ['Ltd', 'Ltd.', 'Limited', 'plc', 'PLC'],
  DE: ['GmbH', 'AG', 'SE', 'GmbH & Co. KG'],
  FR: ['S.A.', 'SA', 'SAS', 'S.A.S.'],
  NL: ['B.V.', 'N.V.', 'BV'],
  JP: ['K.K.', 'Co., Ltd.', 'Corporation'],
  AU: ['Pty Ltd', 'Pty. Ltd.', 'Limited'],
  SE: ['AB', 'AB (publ)'],
  FI: ['Oy', 'Oyj'],
  IT: ['S.p.A.', 'SpA', 'S.r.l.'],
  ES: ['S.A.', 'S.L.'],
  CH: ['AG', 'SA', 'GmbH'],
};
const COUNTRY_SPELLINGS: Record<string, string[]> = {
  US: ['US', 'USA', 'United States', 'United States of America', 'U.S.'],
  GB: ['GB', 'UK', 'United Kingdom', 'England'],
  DE: ['DE', 'Germany', 'Deutschland'],
  FR: ['FR', 'France'],
  NL: ['NL', 'Netherlands', 'The Netherlands'],
  JP: ['JP', 'Japan'],
  AU: ['AU', 'Australia'],
  CH: ['CH', 'Switzerland'],
  SE: ['SE', 'Sweden'],
  IN: ['IN', 'India'],
  CN: ['CN', 'China'],
  KR: ['KR', 'South Korea', 'Korea'],
  CA: ['CA', 'Canada'],
  BR: ['BR', 'Brazil', 'Brasil'],
  MX: ['MX', 'Mexico'],
  ES: ['ES', 'Spain'],
  IT: ['IT', 'Italy'],
};
const CCTLD: Record<string, string> = {
  US: 'us',
  GB: 'co.uk',
  DE: 'de',
  FR: 'fr',
  JP: 'co.jp',
  AU: 'com.au',
  NL: 'nl',
  CH: 'ch',
  SE: 'se',
  IN: 'in',
  CA: 'ca',
  BR: 'com.br',
  ES: 'es',
  IT: 'it',
};
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bInternational\b/, 'Intl'],
  [/\bTechnologies\b/, 'Tech'],
  [/\bCorporation\b/, 'Corp'],
  [/\bCompany\b/, 'Co'],
  [/\bManufacturing\b/, 'Mfg'],
  [/\bServices\b/, 'Svcs'],
  [/\bLaboratories\b/, 'Labs'],
];

function foldAccents(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** One to three CRM-style edits of a company name. */
export function varyName(name: string, country: string, rng: Rng): string {
  let n = name;
  const edits = 1 + Math.floor(rng() * 3);
  for (let e = 0; e < edits; e++) {
    const r = rng();
    if (r < 0.3)
      n =
        n.replace(LEGAL_RE, '') +
        (rng() < 0.7
          ? (rng() < 0.3 ? ', ' : ' ') +
            pick(rng, SUFFIXES_BY_COUNTRY[country] ?? SUFFIXES_BY_COUNTRY.US)
          : '');
    else if (r < 0.4) n = n.toUpperCase();
    else if (r < 0.47) n = n.toLowerCase();
    else if (r < 0.55) n = n.startsWith('The ') ? n.slice(4) : 'The ' + n;
    else if (r < 0.65)
      n = n.includes('&') ? n.replace(/\s*&\s*/g, ' and ') : n.replace(/ and /g, ' & ');
    else if (r < 0.73) n = foldAccents(n);
    else if (r < 0.8) n = n.replace(/\.(?=\s|,|$)/g, '');
    else if (r < 0.9) {
      const [re, short] = pick(rng, ABBREVIATIONS);
      n = n.replace(re, short);
    } else n = n.replace(/ /g, rng() < 0.5 ? '  ' : ' ') + (rng() < 0.5 ? ' ' : '');
  }
  return n;
}

/** The website field in one of the shapes seen in CRM exports. */
export function varyWebsite(domain: string, rng: Rng): string {
  const shapes = [
    () => domain,
    () => `https://www.${domain}/`,
    () => `http://${domain}/about-us?utm_source=crm&ref=1`,
    () => `WWW.${domain.toUpperCase()}`,
    () => `${domain}.`,
    () => `https://app.${domain}:8443/login`,
    () => `https://${pick(rng, ['uk', 'de', 'fr', 'jp', 'en', 'shop', 'careers'])}.${domain}/`,
    () => `info@${domain}`,
    () => `https://${domain}/#contact`,
    () => `  www.${domain}  `,
  ];
  return pick(rng, shapes)();
}

export interface RenderOptions {
  /** 'any' a real shape, 'none' empty, 'cctld' label on the country TLD, 'free' a free-mail domain, 'own' the given domain verbatim, or a literal website. */
  website: string;
  country?: 'always' | 'maybe';
  alias?: string[];
  dba?: string;
  keepName?: boolean;
}

export function render(c: Company, rng: Rng, opts: RenderOptions): Rendered {
  let name = c.name;
  if (opts.alias && opts.alias.length > 0 && rng() < 0.35) name = pick(rng, opts.alias);
  if (!opts.keepName) name = varyName(name, c.country, rng);
  else if (rng() < 0.3) name = rng() < 0.5 ? name.toUpperCase() : name.toLowerCase();
  if (opts.dba) name = `${name} ${pick(rng, ['dba', 'DBA', 'd/b/a', 'D/B/A', 't/a'])} ${opts.dba}`;
  let website: string | null;
  if (opts.website === 'none') website = null;
  else if (opts.website === 'any') website = varyWebsite(c.domain, rng);
  else if (opts.website === 'own') website = c.domain || null;
  else if (opts.website === 'free')
    website = pick(rng, ['gmail.com', 'outlook.com', 'https://www.yahoo.com', 'hotmail.com']);
  else if (opts.website === 'cctld') {
    const label = c.domain.split('.')[0];
    website = varyWebsite(`${label}.${CCTLD[c.country] ?? 'de'}`, rng);
  } else website = opts.website;
  const spellings = COUNTRY_SPELLINGS[c.country] ?? [c.country];
  const country = opts.country === 'always' || rng() >= 0.25 ? pick(rng, spellings) : null;
  return { name, website, country, entity: c.domain || `invented:${c.name}` };
}

/** Swaps two inner letters of the longest word: "Salesforce" → "Salesfocre". */
export function withTypo(name: string): string {
  const words = stripLegal(name).split(' ');
  const legal = name.slice(words.join(' ').length);
  let longest = 0;
  words.forEach((w, i) => {
    if (w.length > words[longest].length) longest = i;
  });
  const w = words[longest];
  if (w.length >= 6) {
    const at = w.length - 3;
    words[longest] = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  }
  return words.join(' ') + legal;
}

export function stripLegal(name: string): string {
  return name
    .replace(
      /[,.]?\s+(Inc\.?|Incorporated|Corporation|Corp\.?|Ltd\.?|Limited|LLC|plc|PLC|p\.l\.c\.|AG|SE|S\.A\.|SA|N\.V\.|B\.V\.|A\/S|AB|Oyj|ASA|S\.p\.A\.|Co\.|Company|GmbH|Holdings|Group)$/i,
      '',
    )
    .trim();
}

export function oneWordDifferent(c: Company, word: string): Company {
  const words = stripLegal(stripLegal(c.name)).split(/\s+/);
  if (words.length === 1) words.push(word);
  else
    words[words.length - 1] =
      words[words.length - 1].toLowerCase() === word.toLowerCase() ? 'Textiles' : word;
  return {
    name: `${words.join(' ')} Inc.`,
    domain: `${words
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')}-${word.toLowerCase()}.com`,
    country: c.country,
  };
}
