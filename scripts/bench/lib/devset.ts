/**
 * Builds the labeled matching dev set (test/fixtures/matching/devset.csv) from hand-written
 * seed lists of real companies: companies.csv (name, domain, country, CRM aliases),
 * confusables.csv (different companies with similar names) and subsidiaries.csv
 * (subsidiaries with their own domain). The output is committed; rerun after editing seeds:
 *
 *   npx tsx scripts/bench/lib/devset.ts
 *
 * Every record carries an entity (its company's domain, or a made-up one for invented
 * look-alikes), which is the ground truth: same entity = same company.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  makeRng,
  oneWordDifferent,
  render,
  stripLegal,
  withTypo,
  type Company,
  type Rendered,
  type Rng,
} from './devsetRender';

const DIR = join(__dirname, '../../../test/fixtures/matching');

export interface DevPair {
  kind: string;
  label: 0 | 1;
  left: Rendered;
  right: Rendered;
}

function readSeeds<T>(file: string): T[] {
  return parse(readFileSync(join(DIR, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as T[];
}

const FREE = [
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'yahoo.com',
  'icloud.com',
  'gmx.de',
  'aol.com',
];
const HOSTING = [
  'herokuapp.com',
  'github.io',
  'wixsite.com',
  'myshopify.com',
  'blogspot.com',
  'netlify.app',
];
const OTHER_WORDS = [
  'Ventures',
  'Partners',
  'Logistics',
  'Foods',
  'Realty',
  'Dental',
  'Roofing',
  'Media',
  'Capital',
  'Consulting',
  'Marine',
  'Textiles',
];
const COMMON = [
  'Delta',
  'Apex',
  'Summit',
  'Pinnacle',
  'Atlas',
  'Eagle',
  'Phoenix',
  'Horizon',
  'Vertex',
  'Liberty',
  'Premier',
  'Keystone',
  'Beacon',
  'Sterling',
  'Frontier',
];

function positives(companies: Company[], rng: Rng): DevPair[] {
  const pairs: DevPair[] = [];
  companies.forEach((c, i) => {
    const aliases = c.aliases ? c.aliases.split(';').filter(Boolean) : [];
    // 1. Both websites, in different shapes; names vary freely.
    pairs.push({
      kind: 'pos:domain',
      label: 1,
      left: render(c, rng, { website: 'any' }),
      right: render(c, rng, { website: 'any', alias: aliases }),
    });
    // 2. Website on one side only; the country (spelled differently) corroborates the name.
    pairs.push({
      kind: 'pos:name+country',
      label: 1,
      left: render(c, rng, { website: 'any', country: 'always' }),
      right: render(c, rng, { website: 'none', country: 'always' }),
    });
    // 3. DBA on one side, the trading name on the other; or no websites at all.
    if (aliases.length > 0 && i % 2 === 0) {
      const alias = aliases[i % aliases.length];
      pairs.push({
        kind: 'pos:dba',
        label: 1,
        left: render(c, rng, { website: 'any', dba: alias }),
        right: render({ ...c, name: alias }, rng, {
          website: 'none',
          country: 'always',
          keepName: true,
        }),
      });
    } else {
      pairs.push({
        kind: 'pos:name-only',
        label: 1,
        left: render(c, rng, { website: 'none', country: 'always' }),
        right: render(c, rng, { website: 'none', country: 'always' }),
      });
    }
    // Every fourth company also gets a typo in its longest word on one side.
    if (i % 4 === 3) {
      pairs.push({
        kind: 'pos:typo',
        label: 1,
        left: render(c, rng, { website: 'any', country: 'always' }),
        right: render({ ...c, name: withTypo(c.name) }, rng, {
          website: 'none',
          country: 'always',
          keepName: true,
        }),
      });
    }
    // 4. Country-code domain on one side (acme.de vs acme.com), or a free-mail address on one side.
    if (i % 2 === 0) {
      pairs.push({
        kind: 'pos:cctld',
        label: 1,
        left: render(c, rng, { website: 'any' }),
        right: render(c, rng, { website: 'cctld', country: 'maybe' }),
      });
    } else {
      pairs.push({
        kind: 'pos:freemail-one-side',
        label: 1,
        left: render(c, rng, { website: 'free', country: 'always' }),
        right: render(c, rng, { website: 'any', country: 'always' }),
      });
    }
  });
  return pairs;
}

function negatives(
  companies: Company[],
  confusables: Array<Company & { group: string }>,
  subsidiaries: Array<Company & { parent_domain: string }>,
  rng: Rng,
): DevPair[] {
  const pairs: DevPair[] = [];
  const byGroup = new Map<string, Company[]>();
  for (const c of confusables) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
  for (const group of byGroup.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        for (const mode of ['both', 'left', 'none'] as const) {
          pairs.push({
            kind: `neg:similar-name(${mode === 'both' ? 'websites' : mode === 'left' ? 'one website' : 'no websites'})`,
            label: 0,
            left: render(group[i], rng, {
              website: mode === 'none' ? 'none' : 'any',
              country: 'always',
            }),
            right: render(group[j], rng, {
              website: mode === 'both' ? 'any' : 'none',
              country: 'always',
            }),
          });
        }
      }
    }
  }
  const byDomain = new Map(companies.map((c) => [c.domain, c]));
  for (const s of subsidiaries) {
    const parent = byDomain.get(s.parent_domain) ?? {
      name: s.parent_domain.split('.')[0],
      domain: s.parent_domain,
      country: s.country,
    };
    pairs.push({
      kind: 'neg:subsidiary(websites)',
      label: 0,
      left: render(parent, rng, { website: 'any' }),
      right: render(s, rng, { website: 'any' }),
    });
    pairs.push({
      kind: 'neg:subsidiary(one website)',
      label: 0,
      left: render(parent, rng, { website: 'none', country: 'always' }),
      right: render(s, rng, { website: 'any', country: 'always' }),
    });
  }
  companies.forEach((c, i) => {
    const other = companies[(i * 7 + 3) % companies.length];
    if (other.domain === c.domain) return;
    const free = FREE[i % FREE.length];
    pairs.push({
      kind: 'neg:same-freemail',
      label: 0,
      left: render(c, rng, { website: free }),
      right: render({ ...other, country: c.country }, rng, { website: free, country: 'always' }),
    });
    if (i % 2 === 0) {
      const host = HOSTING[i % HOSTING.length];
      pairs.push({
        kind: 'neg:same-hosting',
        label: 0,
        left: render(c, rng, { website: host }),
        right: render(other, rng, { website: `https://${host}/` }),
      });
    }
    // An invented company one word away ("Palo Alto Networks" vs "Palo Alto Ventures").
    const lookalike = oneWordDifferent(c, OTHER_WORDS[i % OTHER_WORDS.length]);
    pairs.push({
      kind: 'neg:one-word-different',
      label: 0,
      left: render(c, rng, { website: i % 3 === 0 ? 'none' : 'any', country: 'always' }),
      right: render(lookalike, rng, {
        website: i % 3 === 1 ? 'none' : 'any',
        country: 'always',
        keepName: true,
      }),
    });
    // An invented company that adds words to a famous short name ("Stripe" vs "Stripe Logistics").
    const extended = {
      name: `${stripLegal(c.name)} ${OTHER_WORDS[(i + 5) % OTHER_WORDS.length]} LLC`,
      domain: `fake-ext-${i}.example`,
      country: c.country,
    };
    pairs.push({
      kind: 'neg:name-plus-word',
      label: 0,
      left: render(c, rng, { website: 'any', country: 'always' }),
      right: render({ ...extended, domain: i % 2 ? `${extended.domain}` : '' }, rng, {
        website: i % 2 ? 'own' : 'none',
        country: 'always',
        keepName: true,
      }),
    });
  });
  for (let i = 0; i < 120; i++) {
    const word = COMMON[i % COMMON.length];
    const country = ['US', 'GB', 'DE', 'AU'][i % 4];
    const a = {
      name: `${word} ${['Inc.', 'LLC', 'Ltd', 'GmbH'][i % 4]}`,
      domain: `${word.toLowerCase()}-a${i}.com`,
      country,
    };
    const b = {
      name: `${word} ${['Corp', 'Co.', 'Limited', 'AG'][(i + 1) % 4]}`,
      domain: `${word.toLowerCase()}${i}.net`,
      country,
    };
    pairs.push({
      kind: 'neg:common-word-name',
      label: 0,
      left: render(a, rng, { website: i % 2 ? 'own' : 'none', country: 'always', keepName: true }),
      right: render(b, rng, { website: i % 3 ? 'none' : 'own', country: 'always', keepName: true }),
    });
  }
  return pairs;
}

export function buildDevset(): DevPair[] {
  const rng = makeRng(20261127);
  const companies = readSeeds<Company>('companies.csv');
  const confusables = readSeeds<Company & { group: string }>('confusables.csv');
  const subsidiaries = readSeeds<Company & { parent_domain: string }>('subsidiaries.csv');
  return [...positives(companies, rng), ...negatives(companies, confusables, subsidiaries, rng)];
}

if (require.main === module) {
  const pairs = buildDevset();
  const rows = pairs.map((p, i) => [
    i + 1,
    p.label,
    p.kind,
    ...flat('L', i, p.left),
    ...flat('R', i, p.right),
  ]);
  const header = [
    'pair_id',
    'label',
    'kind',
    'left_id',
    'left_name',
    'left_website',
    'left_country',
    'left_entity',
    'right_id',
    'right_name',
    'right_website',
    'right_country',
    'right_entity',
  ];
  writeFileSync(join(DIR, 'devset.csv'), stringify([header, ...rows]));
  const pos = pairs.filter((p) => p.label === 1).length;
  console.log(
    `wrote ${pairs.length} pairs: ${pos} same-company, ${pairs.length - pos} hard negatives`,
  );
}

function flat(side: string, i: number, r: Rendered): string[] {
  return [`${side}${i + 1}`, r.name, r.website ?? '', r.country ?? '', r.entity];
}
