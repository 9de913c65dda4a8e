import fc from 'fast-check';
import request from 'supertest';
import {
  matrixCells,
  policyFromRules,
  projectRecord,
  SHAREABLE_BASE_FIELDS,
  type FullRecord,
  type SharingLevel,
  type SharingPolicy,
  type SharingRule,
} from '../../api/src/mapping/sharing';
import { testDatabases } from '../helpers/context';
import { partnered, populationIds, putRecords, type Side } from './mappingSupport';
import { bearer, harness, type ApiHarness } from './support';

/**
 * Sharing never shows what its owner did not share. Most scenarios run on the pure core
 * (sharing.ts, which every route goes through); a smaller number run through HTTP and the database.
 */
const POPS = ['p0', 'p1', 'p2', 'p3', 'p4'];
const EXTRA_KEYS = ['tier', 'arr', 'region'];
const SHAREABLE = [...SHAREABLE_BASE_FIELDS, ...EXTRA_KEYS.map((k) => `fields.${k}`), 'fields.*'];
export const RUNS = { leak: 5000, revoke: 3000, matrix: 2000, http: 25 };

const level = fc.constantFrom<SharingLevel>('hidden', 'counts', 'overlaps');
const rulesArb = fc
  .array(
    fc.record({ populationId: fc.constantFrom(...POPS), level, fields: fc.subarray(SHAREABLE) }),
    { maxLength: 5 },
  )
  .map((rs) => [...new Map(rs.map((r) => [r.populationId, r])).values()] as SharingRule[]);
const text = fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: null });
const recordArb: fc.Arbitrary<FullRecord> = fc.record({
  name: fc.string({ minLength: 1, maxLength: 10 }),
  website: text,
  domain: text,
  country: text,
  ownerName: text,
  ownerEmail: text,
  type: text,
  fields: fc.dictionary(fc.constantFrom(...EXTRA_KEYS, 'secret'), fc.string({ maxLength: 5 })),
});
const memberArb = fc.subarray(POPS);

const rule = (rules: SharingRule[], p: string) => rules.find((r) => r.populationId === p);
const sharesAtOverlaps = (rules: SharingRule[], members: string[]) =>
  members.filter((p) => rule(rules, p)?.level === 'overlaps');

/** The oracle, written independently of sharing.ts: may this key be seen? */
function allowed(rules: SharingRule[], members: string[], key: string): boolean {
  return sharesAtOverlaps(rules, members).some((p) => {
    const fields = rule(rules, p)!.fields;
    return key.startsWith('fields.')
      ? fields.includes(key) || fields.includes('fields.*')
      : fields.includes(key);
  });
}

function visibleKeys(view: ReturnType<typeof projectRecord>): string[] {
  if (!view) return [];
  const { name: _name, fields, ...base } = view.record;
  return [...Object.keys(base), ...Object.keys(fields ?? {}).map((k) => `fields.${k}`)];
}

/** Plain checks: jest's expect is too slow for thousands of runs; a failure still shrinks. */
function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}
const same = (a: string[], b: string[]) => [...a].sort().join('|') === [...b].sort().join('|');

describe('sharing core (property)', () => {
  it(`never shows a record, field or population that was not shared (${RUNS.leak} scenarios)`, () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.array(fc.tuple(recordArb, memberArb), { minLength: 1, maxLength: 8 }),
        (rules, records) => {
          const policy = policyFromRules(rules);
          for (const [rec, members] of records) {
            const view = projectRecord(policy, rec, members);
            const via = sharesAtOverlaps(rules, members);
            check((view === null) === (via.length === 0), 'visible iff shared at overlaps');
            if (!view) continue;
            check(view.record.name === rec.name, 'name');
            check(same(view.populationIds, via), 'populations = those shared at overlaps');
            for (const key of visibleKeys(view))
              check(allowed(rules, members, key), `field ${key} not shared`);
            // and everything allowed is there (no silent loss)
            for (const f of SHAREABLE_BASE_FIELDS)
              if (allowed(rules, members, f))
                check(view.record[f] === rec[f], `shared field ${f} missing`);
          }
        },
      ),
      { numRuns: RUNS.leak },
    );
  });

  it(`revoking a rule hides everything it alone showed (${RUNS.revoke} scenarios)`, () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.constantFrom(...POPS),
        fc.array(fc.tuple(recordArb, memberArb), { minLength: 1, maxLength: 8 }),
        (rules, revoked, records) => {
          const before = policyFromRules(rules);
          const remaining = rules.filter((r) => r.populationId !== revoked);
          const after = policyFromRules([
            ...remaining,
            { populationId: revoked, level: 'hidden', fields: [] },
          ]);
          for (const [rec, members] of records) {
            const was = projectRecord(before, rec, members);
            const is = projectRecord(after, rec, members);
            if (sharesAtOverlaps(remaining, members).length === 0)
              check(is === null, 'still visible after revoke');
            if (is) {
              check(!is.populationIds.includes(revoked), 'revoked population still named');
              for (const key of visibleKeys(is))
                check(
                  allowed(remaining, members, key),
                  `field ${key} only the revoked rule shared`,
                );
              for (const key of visibleKeys(is))
                check(visibleKeys(was).includes(key), 'revoking showed more');
            }
          }
        },
      ),
      { numRuns: RUNS.revoke },
    );
  });

  it(`the matrix never counts a population either side keeps below counts (${RUNS.matrix} scenarios)`, () => {
    fc.assert(
      fc.property(
        rulesArb,
        rulesArb,
        fc.array(fc.tuple(memberArb, memberArb), { maxLength: 30 }),
        (mine, theirs, overlaps) => {
          const raw = new Map<string, number>();
          for (const [m, t] of overlaps)
            for (const a of m)
              for (const b of t) raw.set(`${a}|${b}`, (raw.get(`${a}|${b}`) ?? 0) + 1);
          const cells = matrixCells(
            policyFromRules(mine),
            policyFromRules(theirs),
            POPS,
            POPS,
            raw,
          );
          const countable = (rs: SharingRule[], p: string) =>
            ['counts', 'overlaps'].includes(rule(rs, p)?.level ?? 'hidden');
          for (const c of cells) {
            check(countable(mine, c.myPopulationId), 'my population not countable');
            check(countable(theirs, c.partnerPopulationId), 'partner population not countable');
            check(
              c.count ===
                overlaps.filter(
                  ([m, t]) => m.includes(c.myPopulationId) && t.includes(c.partnerPopulationId),
                ).length,
              'count',
            );
          }
          const expected =
            POPS.filter((p) => countable(mine, p)).length *
            POPS.filter((p) => countable(theirs, p)).length;
          check(cells.length === expected, 'every shared cell present');
        },
      ),
      { numRuns: RUNS.matrix },
    );
  });
});

const TYPES = ['Customer', 'Prospect', 'Lead', 'Other'];
const BASE = [
  'Harbor Logistics',
  'Peak Foods',
  'River Analytics',
  'Quartz Robotics',
  'Lumen Pharma',
  'Tidal Energy',
];

describe.each(testDatabases())('sharing through HTTP and the database (property, %s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  let globex: Side;
  let globexPops: Record<string, string>;
  beforeAll(async () => {
    h = await harness(kind);
    ({ acme, globex } = await partnered(h));
    await putRecords(
      h,
      acme.key,
      BASE.map((b, i) => ({
        sourceId: `A${i}`,
        name: `${b} Inc.`,
        website: `${b.replace(' ', '').toLowerCase()}.com`,
        type: 'Customer',
      })),
    );
    globexPops = await populationIds(h, globex.key);
    const acmePops = await populationIds(h, acme.key);
    const all = Object.values(acmePops).map((populationId) => ({ populationId, level: 'counts' }));
    expect(
      (
        await request(h.app)
          .put(`/v1/partners/${acme.partnerId}/sharing`)
          .set(bearer(acme.key))
          .send({ rules: all })
      ).status,
    ).toBe(200);
  });
  afterAll(() => h.ctx.close());

  const names = ['Customers', 'Prospects', 'Leads', 'Open Opportunities'];
  it(`${RUNS.http} random record types and rule sets: the partner sees only what is shared`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...TYPES), { minLength: BASE.length, maxLength: BASE.length }),
        fc.array(
          fc.record({
            name: fc.constantFrom(...names),
            level,
            fields: fc.subarray(['ownerName', 'ownerEmail', 'website', 'country']),
          }),
          { maxLength: 4 },
        ),
        async (types, rawRules) => {
          const rules = [...new Map(rawRules.map((r) => [r.name, r])).values()].map((r) => ({
            populationId: globexPops[r.name],
            level: r.level,
            fields: r.level === 'overlaps' ? r.fields : [],
          }));
          await putRecords(
            h,
            globex.key,
            BASE.map((b, i) => ({
              sourceId: `G${i}`,
              name: b,
              website: `https://www.${b.replace(' ', '').toLowerCase()}.com`,
              type: types[i],
              ownerName: `Owner ${i}`,
              ownerEmail: `o${i}@g.example`,
              country: 'Sweden',
            })),
          );
          const put = await request(h.app)
            .put(`/v1/partners/${globex.partnerId}/sharing`)
            .set(bearer(globex.key))
            .send({ rules });
          expect(put.status).toBe(200);
          const oracle: SharingPolicy = policyFromRules(rules);
          const res = await request(h.app).get('/v1/overlaps?limit=500').set(bearer(acme.key));
          expect(res.status).toBe(200);
          const seen = new Set<string>();
          for (const o of res.body.data) {
            const i = Number(o.myRecord.sourceId.slice(1));
            const typePop = {
              Customer: 'Customers',
              Prospect: 'Prospects',
              Lead: 'Leads',
              Other: null,
            }[types[i] as 'Customer'];
            const members = typePop ? [globexPops[typePop]] : [];
            const expected = projectRecord(
              oracle,
              {
                name: BASE[i],
                website: `https://www.${BASE[i].replace(' ', '').toLowerCase()}.com`,
                domain: null,
                country: 'Sweden',
                ownerName: `Owner ${i}`,
                ownerEmail: `o${i}@g.example`,
                type: types[i],
                fields: {},
              },
              members,
            );
            expect(expected).not.toBeNull();
            for (const key of Object.keys(o.partnerRecord))
              if (key !== 'name')
                expect(
                  rules.some(
                    (r) =>
                      r.populationId === members[0] &&
                      r.level === 'overlaps' &&
                      r.fields.includes(key),
                  ),
                ).toBe(true);
            seen.add(o.myRecord.sourceId);
          }
          // every record shared at overlaps is listed, none other
          const shouldSee = types
            .map((t, i) => ({ t, i }))
            .filter(({ t }) => {
              const name = {
                Customer: 'Customers',
                Prospect: 'Prospects',
                Lead: 'Leads',
                Other: '',
              }[t as 'Customer'];
              return rules.some(
                (r) => r.populationId === globexPops[name] && r.level === 'overlaps',
              );
            });
          expect([...seen].sort()).toEqual(shouldSee.map(({ i }) => `A${i}`).sort());
          const matrix = await request(h.app)
            .get(`/v1/partners/${acme.partnerId}/matrix`)
            .set(bearer(acme.key));
          const countable = rules.filter((r) => r.level !== 'hidden').length;
          expect(matrix.body.cells).toHaveLength(countable * 4);
          for (const c of matrix.body.cells)
            expect(['counts', 'overlaps']).toContain(
              rules.find((r) => r.populationId === c.partnerPopulationId)?.level,
            );
        },
      ),
      { numRuns: RUNS.http },
    );
  }, 120_000);
});
