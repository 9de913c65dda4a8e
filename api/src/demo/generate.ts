import { mulberry32 } from './prng';

/**
 * Deterministic demo data: two companies (Acme Cloud and Globex Data) whose CRMs share a few
 * hundred real-looking accounts, written the way different CRMs write them (suffixes, www, case),
 * plus opportunities. The same seed always yields the same data, so demos and tests agree.
 */
export interface DemoAccount {
  Id: string;
  Name: string;
  Website: string | null;
  BillingCountry: string | null;
  ParentId: string | null;
  Type: string;
  OwnerName: string;
  OwnerEmail: string;
}

export interface DemoOpportunity {
  Id: string;
  AccountId: string;
  Name: string;
  StageName: string;
  IsClosed: boolean;
  IsWon: boolean;
  Amount: number;
  CurrencyIsoCode: string;
  CreatedDate: string;
  CloseDate: string;
  OwnerId: string;
}

export interface DemoCompany {
  name: string;
  accounts: DemoAccount[];
  opportunities: DemoOpportunity[];
}

/** The demo's seeded PRNG (mulberry32), so the same seed always yields the same companies. */
export const prng = mulberry32;

const FIRST = [
  'Blue',
  'Summit',
  'Harbor',
  'Pioneer',
  'Northwind',
  'Vertex',
  'Cobalt',
  'Granite',
  'Lumen',
  'Meridian',
  'Nimbus',
  'Orchid',
  'Quartz',
  'Redwood',
  'Sierra',
  'Tidal',
  'Umbra',
  'Velvet',
  'Willow',
  'Zephyr',
  'Aurora',
  'Beacon',
  'Cascade',
  'Driftwood',
  'Ember',
  'Falcon',
  'Glacier',
  'Horizon',
  'Ironclad',
  'Juniper',
  'Keystone',
  'Lighthouse',
  'Maple',
  'Nova',
  'Onyx',
  'Polaris',
  'Quill',
  'Riverstone',
  'Sapphire',
  'Timber',
  'Unity',
  'Vantage',
  'Westbrook',
  'Yellowstone',
  'Zenith',
  'Atlas',
  'Brightline',
  'Crescent',
  'Dune',
  'Evergreen',
  'Fairview',
  'Goldleaf',
  'Highland',
  'Indigo',
  'Jasper',
  'Kestrel',
  'Larkspur',
  'Mosaic',
  'Northstar',
  'Oakridge',
];
const SECOND = [
  'Logistics',
  'Health',
  'Foods',
  'Robotics',
  'Analytics',
  'Energy',
  'Capital',
  'Biosciences',
  'Media',
  'Software',
  'Freight',
  'Apparel',
  'Pharma',
  'Networks',
  'Insurance',
  'Motors',
  'Labs',
  'Retail',
  'Hospitality',
  'Aerospace',
  'Payments',
  'Security',
  'Textiles',
  'Semiconductors',
  'Learning',
  'Realty',
  'Marine',
  'Brewing',
  'Outfitters',
  'Systems',
];
const MIDDLE = [
  'River',
  'Peak',
  'Bay',
  'Stone',
  'Park',
  'Field',
  'Point',
  'Ridge',
  'Valley',
  'Lake',
  'Creek',
  'Grove',
  'Hill',
  'Bridge',
  'Gate',
  'Port',
  'Rock',
  'Wood',
  'Star',
  'Line',
];
const SUFFIX: Record<string, string[]> = {
  'United States': ['Inc.', 'LLC', 'Corp.', 'Incorporated', ''],
  'United Kingdom': ['Ltd', 'Limited', 'plc', ''],
  Germany: ['GmbH', 'AG', ''],
  France: ['S.A.', 'S.A.S.', ''],
  Netherlands: ['B.V.', 'N.V.', ''],
  Sweden: ['AB', ''],
  Australia: ['Pty Ltd', ''],
  Canada: ['Inc.', 'Ltd.', ''],
  Japan: ['K.K.', 'Co., Ltd.', ''],
  Finland: ['Oy', ''],
};
const TLD: Record<string, string> = {
  'United States': 'com',
  'United Kingdom': 'co.uk',
  Germany: 'de',
  France: 'fr',
  Netherlands: 'nl',
  Sweden: 'se',
  Australia: 'com.au',
  Canada: 'ca',
  Japan: 'co.jp',
  Finland: 'fi',
};
const COUNTRIES = Object.keys(SUFFIX);
const PEOPLE = [
  'Ana Ruiz',
  'Ben Okafor',
  'Chloe Martin',
  'Dev Patel',
  'Elena Rossi',
  'Felix Braun',
  'Grace Kim',
  'Hiro Tanaka',
  'Isla Murray',
  'Jonas Berg',
  'Kara Singh',
  'Liam Walsh',
];
const OPEN_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
];

interface Company {
  base: string;
  country: string;
  domain: string;
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

function sfId(prefix: string, n: number): string {
  return `${prefix}${n.toString(36).toUpperCase().padStart(12, '0')}`.slice(0, 18).padEnd(18, 'A');
}

/** The universe of companies both CRMs draw from; each has one true domain. */
function universe(rnd: () => number, size: number): Company[] {
  const seen = new Set<string>();
  const out: Company[] = [];
  while (out.length < size) {
    const middle = rnd() < 0.7 ? ` ${pick(rnd, MIDDLE)}` : '';
    const base = `${pick(rnd, FIRST)}${middle} ${pick(rnd, SECOND)}`;
    if (seen.has(base)) continue;
    seen.add(base);
    const country = pick(rnd, COUNTRIES);
    out.push({
      base,
      country,
      domain: `${base.toLowerCase().replace(/\s+/g, '')}.${TLD[country]}`,
    });
  }
  return out;
}

/** How one CRM writes a company: suffix, case and website style vary between the two sides. */
function spell(rnd: () => number, c: Company): { name: string; website: string | null } {
  const suffix = pick(rnd, SUFFIX[c.country]);
  const name = rnd() < 0.05 ? `The ${c.base} ${suffix}`.trim() : `${c.base} ${suffix}`.trim();
  const r = rnd();
  const website =
    r < 0.08
      ? null
      : r < 0.4
        ? `https://www.${c.domain}/`
        : r < 0.6
          ? `www.${c.domain}`
          : r < 0.75
            ? `http://${c.domain}/en/home?ref=crm`
            : r < 0.85
              ? `https://shop.${c.domain}`
              : c.domain.toUpperCase();
  return { name: rnd() < 0.1 ? name.toUpperCase() : name, website };
}

function company(
  seed: number,
  label: string,
  idPrefix: string,
  pool: Company[],
  total: number,
  anchor: Date,
): DemoCompany {
  const rnd = prng(seed);
  const accounts: DemoAccount[] = [];
  const opportunities: DemoOpportunity[] = [];
  const emailDomain = label.toLowerCase().replace(/\s+/g, '') + '.example';
  for (let i = 0; i < total; i++) {
    const c = pool[i];
    const { name, website } = spell(rnd, c);
    const owner = pick(rnd, PEOPLE);
    const t = rnd();
    const type =
      t < 0.3
        ? 'Customer - Direct'
        : t < 0.4
          ? 'Customer - Channel'
          : t < 0.8
            ? 'Prospect'
            : t < 0.93
              ? 'Lead'
              : 'Other';
    accounts.push({
      Id: sfId(`001${idPrefix}`, i + 1),
      Name: name,
      Website: website,
      BillingCountry: rnd() < 0.9 ? c.country : null,
      ParentId: null,
      Type: type,
      OwnerName: owner,
      OwnerEmail: `${owner.split(' ')[0].toLowerCase()}@${emailDomain}`,
    });
  }
  // Opportunities on about two thirds of accounts; open ones on prospects, won/lost history on customers.
  let n = 0;
  for (const a of accounts) {
    if (a.Type === 'Lead' || rnd() > 0.66) continue;
    const count = 1 + Math.floor(rnd() * 2);
    for (let k = 0; k < count; k++) {
      const created = new Date(anchor.getTime() - Math.floor(rnd() * 540) * 86400_000);
      const cycle = 20 + Math.floor(rnd() * 120);
      const closeAt = new Date(created.getTime() + cycle * 86400_000);
      const closed = closeAt < anchor && rnd() < 0.9;
      const won = closed && rnd() < (a.Type.startsWith('Customer') ? 0.6 : 0.25);
      n++;
      opportunities.push({
        Id: sfId(`006${idPrefix}`, n),
        AccountId: a.Id,
        Name: `${a.Name.replace(/\s+(Inc\.|LLC|Ltd|GmbH|AG)$/i, '')} — ${pick(rnd, ['Platform', 'Expansion', 'Renewal', 'Pilot', 'Services'])}`,
        StageName: closed ? (won ? 'Closed Won' : 'Closed Lost') : pick(rnd, OPEN_STAGES),
        IsClosed: closed,
        IsWon: won,
        Amount: Math.round((5 + rnd() * 195) * 1000),
        CurrencyIsoCode: 'USD',
        CreatedDate: created.toISOString(),
        CloseDate: closeAt.toISOString().slice(0, 10),
        OwnerId: sfId('005', 1 + PEOPLE.indexOf(a.OwnerName)),
      });
    }
  }
  return { name: label, accounts, opportunities };
}

/**
 * Two companies over one universe: Acme holds companies [0, size), Globex holds [offset, offset+size),
 * so they share size-offset companies, each spelled by its own CRM.
 */
export function generateDemo(options: { size?: number; shared?: number; seed?: number } = {}) {
  const size = options.size ?? 3000;
  const shared = options.shared ?? 600;
  const seed = options.seed ?? 20261127;
  const anchor = new Date('2026-11-01T00:00:00Z');
  const pool = universe(prng(seed), size * 2 - shared);
  const acme = company(seed + 1, 'Acme Cloud', 'A', pool, size, anchor);
  const globex = company(seed + 2, 'Globex Data', 'G', pool.slice(size - shared), size, anchor);
  return { acme, globex, anchor };
}
