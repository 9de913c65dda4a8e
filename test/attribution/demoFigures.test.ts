import fs from 'node:fs';
import request from 'supertest';
import { createApp } from '../../api/src/app';
import { generateDemo } from '../../api/src/demo/generate';
import { seedDemo } from '../../api/src/demo/seed';
import {
  createTestContext,
  testDatabases,
  type DbKind,
  type TestContext,
} from '../helpers/context';

/**
 * RevOps figures served by the API must equal the same figures worked out here, directly from
 * the generated demo data, the touches the demo recorded and the overlap rows — with plain code
 * that restates the default rules (docs/attribution.md), not with the attribution engine.
 */
const DAY = 86_400_000;
const SOURCING = new Set(['referral', 'intro_made']);
const INFLUENCING = new Set(['intro_requested', 'intro_made', 'co_sell_meeting', 'referral']);

interface RawTouch {
  account_source_id: string;
  opportunity_source_id: string | null;
  type: string;
  occurred_at: string | Date;
}

describe.each(testDatabases())('demo RevOps figures through the API (%s)', (kind: DbKind) => {
  let ctx: TestContext;
  let key: string;
  let acmeId: string;
  let globexId: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind, {
      dataDir: `/tmp/overlap-test-attr-${process.pid}-${kind}`,
    });
    const keys = await seedDemo(ctx);
    if (!keys) throw new Error('demo was not seeded');
    key = keys.workspaces[0].adminKey;
    acmeId = keys.workspaces[0].id;
    globexId = keys.workspaces[1].id;
  }, 120_000);
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(ctx.config.dataDir, { recursive: true, force: true });
  });

  async function independentFigures() {
    const { acme } = generateDemo();
    const db = ctx.db;
    const touches: RawTouch[] = await db('touches').where('workspace_id', acmeId);
    // Customer-overlap evidence, only if Globex shares its Customers with Acme at overlaps level.
    const customers = await db('populations')
      .where({ workspace_id: globexId, standard_key: 'customers' })
      .first();
    const back = await db('partners')
      .where({ workspace_id: globexId, partner_workspace_id: acmeId })
      .first();
    const rule =
      customers &&
      (await db('sharing_rules')
        .where({ partner_id: back.id, population_id: customers.id })
        .first());
    const evidence = new Map<string, Array<number | null>>(); // account → ended_at ms (null = active)
    if (rule?.level === 'overlaps') {
      const members = new Set(
        (await db('record_populations').where('population_id', customers.id)).map((r) =>
          Number(r.record_id),
        ),
      );
      const mine = new Map(
        (await db('records').where('workspace_id', acmeId)).map((r) => [
          Number(r.id),
          String(r.source_id),
        ]),
      );
      for (const o of await db('overlaps').where('workspace_id', acmeId)) {
        if (!members.has(Number(o.partner_record_id))) continue;
        const acc = mine.get(Number(o.record_id))!;
        evidence.set(acc, [
          ...(evidence.get(acc) ?? []),
          o.ended_at ? new Date(o.ended_at).getTime() : null,
        ]);
      }
    }

    const involvement = new Map<string, 'sourced' | 'influenced'>();
    for (const o of acme.opportunities) {
      const created = Date.parse(o.CreatedDate);
      const closeEnd = o.IsClosed ? Date.parse(`${o.CloseDate}T23:59:59.999Z`) : Infinity;
      let sourced = false;
      let influenced = false;
      for (const t of touches) {
        const concerns = t.opportunity_source_id
          ? t.opportunity_source_id === o.Id
          : t.account_source_id === o.AccountId;
        if (!concerns) continue;
        const at = new Date(t.occurred_at).getTime();
        if (SOURCING.has(t.type) && at >= created - 90 * DAY && at <= created) sourced = true;
        else if (INFLUENCING.has(t.type) && at >= created && at <= closeEnd) influenced = true;
      }
      if ((evidence.get(o.AccountId) ?? []).some((end) => end === null || end > created))
        influenced = true;
      if (sourced) involvement.set(o.Id, 'sourced');
      else if (influenced) involvement.set(o.Id, 'influenced');
    }

    // Revenue: closed-won amounts by quarter of the close date and type (one partner: Globex gets it all).
    const revenue = new Map<string, { amount: number; opportunities: number }>();
    for (const o of acme.opportunities) {
      const type = involvement.get(o.Id);
      if (!type || !o.IsWon) continue;
      const [y, m] = o.CloseDate.split('-').map(Number);
      const k = `${y}-Q${Math.ceil(m / 3)}|${type}`;
      const cur = revenue.get(k) ?? { amount: 0, opportunities: 0 };
      revenue.set(k, { amount: cur.amount + o.Amount, opportunities: cur.opportunities + 1 });
    }

    const cohort = (opps: typeof acme.opportunities) => {
      const closed = opps.filter((o) => o.IsClosed);
      const won = closed.filter((o) => o.IsWon);
      const days = won.map(
        (o) => (Date.parse(o.CloseDate) - Date.parse(o.CreatedDate.slice(0, 10))) / DAY,
      );
      return {
        opportunities: opps.length,
        closed: closed.length,
        won: won.length,
        winRate: won.length / closed.length,
        avgDaysToClose: days.reduce((a, b) => a + b, 0) / days.length,
        avgDealSize: won.reduce((a, o) => a + o.Amount, 0) / won.length,
      };
    };
    return {
      revenue,
      withPartner: cohort(acme.opportunities.filter((o) => involvement.has(o.Id))),
      withoutPartner: cohort(acme.opportunities.filter((o) => !involvement.has(o.Id))),
    };
  }

  it('revenue by partner and quarter, and the with/without-partner lift, match', async () => {
    const app = createApp(ctx);
    const want = await independentFigures();
    const auth = { Authorization: `Bearer ${key}` };

    const rev = await request(app)
      .get('/v1/metrics/revenue?groupBy=partner,quarter')
      .set(auth)
      .expect(200);
    const got = new Map<string, { amount: number; opportunities: number }>();
    for (const r of rev.body.data) {
      expect(r.partner.name).toBe('Globex Data');
      expect(r.currency).toBe('USD');
      got.set(`${r.quarter}|${r.type}`, { amount: r.amount, opportunities: r.opportunities });
    }
    expect(got).toEqual(want.revenue);
    const total = (t: string) =>
      [...want.revenue].filter(([k]) => k.endsWith(t)).reduce((a, [, v]) => a + v.amount, 0);
    expect(total('sourced')).toBeGreaterThan(0);
    expect(total('influenced')).toBeGreaterThan(0);

    const lift = (await request(app).get('/v1/metrics/lift').set(auth).expect(200)).body;
    for (const side of ['withPartner', 'withoutPartner'] as const) {
      const w = want[side];
      expect(lift[side]).toMatchObject({
        opportunities: w.opportunities,
        closed: w.closed,
        won: w.won,
      });
      expect(lift[side].winRate).toBeCloseTo(w.winRate, 4);
      expect(lift[side].avgDaysToClose).toBeCloseTo(w.avgDaysToClose, 2);
      expect(lift[side].avgDealSize).toEqual([
        { currency: 'USD', average: expect.any(Number), count: w.won, total: expect.any(Number) },
      ]);
      expect(lift[side].avgDealSize[0].average).toBeCloseTo(w.avgDealSize, 2);
    }
    expect(lift.withPartner.winRate).toBeGreaterThan(lift.withoutPartner.winRate);
  }, 60_000);
});
