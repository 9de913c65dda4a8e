import fc from 'fast-check';
import { ensureStandardPopulations } from '../../api/src/mapping/populations';
import { onRecordsChanged } from '../../api/src/mapping/recompute';
import { upsertRecords } from '../../api/src/mapping/recordsStore';
import { putSharing } from '../../api/src/mapping/sharingService';
import { createWorkspace, linkPartners } from '../../api/src/mapping/workspaces';
import { partnerDigest } from '../../api/src/planning/digestService';
import { sessionIcs } from '../../api/src/planning/icsService';
import { putCriteria } from '../../api/src/planning/settingsStore';
import { triageList } from '../../api/src/planning/triageService';
import { runTriggers } from '../../api/src/planning/triggerService';
import { CriteriaSchema } from '../../api/src/planning/types';
import { createTestContext, testDatabases, type TestContext } from '../helpers/context';

/**
 * Agendas, digests, triage lists and ICS never show a partner field, or an overlapping account,
 * that the partner did not share. Compact generators: each run draws the partner's population per
 * record and its sharing rule per population; the oracle below is written apart from sharing.ts.
 */
const COMPANIES = [
  'Northwind Traders',
  'Contoso Pharma',
  'Fabrikam Motors',
  'Tailspin Toys',
  'Wingtip Labs',
];
const TYPES = { Customers: 'Customer', Prospects: 'Prospect', Leads: 'Lead' } as const;
type Pop = keyof typeof TYPES;
const FIELDS = ['ownerName', 'ownerEmail', 'website'] as const;

// extra fields exist only on `overlaps` rules (the sharing API rejects them elsewhere)
const ruleArb = fc
  .record({
    level: fc.constantFrom('hidden', 'counts', 'overlaps'),
    fields: fc.subarray([...FIELDS]),
  })
  .map((r) => (r.level === 'overlaps' ? r : { ...r, fields: [] }));
const scenarioArb = fc.record({
  pops: fc.array(fc.constantFrom<Pop>('Customers', 'Prospects', 'Leads'), {
    minLength: COMPANIES.length,
    maxLength: COMPANIES.length,
  }),
  rules: fc.record({ Customers: ruleArb, Prospects: ruleArb, Leads: ruleArb }),
});

const slug = (s: string) => s.toLowerCase().replace(/\s+/g, '');
const secrets = (i: number) => ({
  ownerName: `Zed Secretowner${i}`,
  ownerEmail: `secret${i}@globex.example`,
  website: `https://www.${slug(COMPANIES[i])}.com/hidden-path-${i}`,
});

describe.each(testDatabases())('sharing holds in agendas, digests, triage and ICS (%s)', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
  });
  afterAll(() => ctx.close());

  it('never leaks an unshared field or account', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ pops, rules }) => {
        const acme = await createWorkspace(ctx.db, 'Acme');
        const globex = await createWorkspace(ctx.db, 'Globex');
        await linkPartners(ctx.db, acme, globex);
        for (const w of [acme, globex]) await ensureStandardPopulations(ctx.db, w.id);
        const partnerId = String(
          (await ctx.db('partners').where({ workspace_id: acme.id }).first()).id,
        );
        const back = String(
          (await ctx.db('partners').where({ workspace_id: globex.id }).first()).id,
        );
        const popIds = await ctx.db('populations').where({ workspace_id: globex.id });
        await putSharing(
          ctx,
          globex.id,
          back,
          popIds
            .filter((p) => p.name in rules)
            .map((p) => ({
              populationId: p.id,
              level: rules[p.name as Pop].level as 'overlaps',
              fields: rules[p.name as Pop].fields,
            })),
        );
        await upsertRecords(
          ctx.db,
          acme.id,
          COMPANIES.map((c, i) => ({
            sourceId: `A${i}`,
            name: `${c} Acmeside`,
            website: `${slug(c)}.com`,
            type: 'Customer',
          })),
        );
        await upsertRecords(
          ctx.db,
          globex.id,
          COMPANIES.map((c, i) => ({
            sourceId: `G${i}`,
            name: `${c} Globexside`,
            type: TYPES[pops[i]],
            ...secrets(i),
          })),
        );
        await onRecordsChanged(ctx, acme.id, { changed: COMPANIES.map((_, i) => `A${i}`) });
        await onRecordsChanged(ctx, globex.id, { changed: COMPANIES.map((_, i) => `G${i}`) });

        await putCriteria(
          ctx.db,
          acme.id,
          partnerId,
          CriteriaSchema.parse({
            minScore: 0,
            batchThreshold: 1,
            batchMin: 1,
            batchMax: 20,
            highValueScore: 100,
            cadence: 'none',
          }),
          ctx.now(),
        );
        const run = await runTriggers(ctx, acme.id, partnerId);
        const outputs = [
          JSON.stringify(run),
          JSON.stringify(await partnerDigest(ctx, acme.id, partnerId)),
          JSON.stringify(await triageList(ctx, acme.id, partnerId)),
          ...(await Promise.all(run.proposed.map((s) => sessionIcs(ctx, acme.id, s.id)))),
        ].join('\n');

        COMPANIES.forEach((c, i) => {
          const rule = rules[pops[i]];
          const visible = rule.level === 'overlaps';
          // an overlap the partner does not share at `overlaps` names no account at all
          if (!visible && outputs.includes(`${c} Acmeside`))
            throw new Error(`account ${c} leaked (${pops[i]} is ${rule.level})`);
          if (outputs.includes(`${c} Globexside`) && !visible)
            throw new Error(`partner name of ${c} leaked`);
          for (const f of FIELDS) {
            const shown = visible && rule.fields.includes(f);
            if (!shown && outputs.includes(secrets(i)[f])) throw new Error(`${f} of ${c} leaked`);
          }
        });
        // and what is shared at `overlaps` does reach the agenda (the property is not vacuous)
        const expected = COMPANIES.filter((_, i) => rules[pops[i]].level === 'overlaps');
        const agenda = run.proposed.flatMap((s) => s.agenda.map((a) => a.account.name));
        if (agenda.length !== expected.length)
          throw new Error(`agenda has ${agenda.length} accounts, expected ${expected.length}`);
      }),
      { numRuns: kind === 'sqlite' ? 20 : 6 },
    );
  }, 60_000);
});
