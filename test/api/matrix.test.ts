import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { seededPair, share, type Side } from './mappingSupport';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('account mapping matrix (%s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  let globex: Side;
  beforeAll(async () => {
    h = await harness(kind);
    ({ acme, globex } = await seededPair(h));
  });
  afterAll(() => h.ctx.close());

  const matrix = async (side: Side) =>
    (await request(h.app).get(`/v1/partners/${side.partnerId}/matrix`).set(bearer(side.key))).body;
  const named = (m: {
    myPopulations: Array<{ id: string; name: string }>;
    partnerPopulations: Array<{ id: string; name: string }>;
    cells: Array<{ myPopulationId: string; partnerPopulationId: string; count: number }>;
  }) => {
    const n = new Map([...m.myPopulations, ...m.partnerPopulations].map((p) => [p.id, p.name]));
    return Object.fromEntries(
      m.cells.map((c) => [`${n.get(c.myPopulationId)} × ${n.get(c.partnerPopulationId)}`, c.count]),
    );
  };

  it('has no cells until both sides share counts', async () => {
    await share(h, globex, { Customers: { level: 'counts' }, Prospects: { level: 'overlaps' } });
    const m = await matrix(acme);
    expect(m.cells).toEqual([]);
    expect(m.partnerPopulations.map((p: { name: string }) => p.name).sort()).toEqual([
      'Customers',
      'Prospects',
    ]);
  });

  it('counts overlaps per cell where both sides share, symmetric for both partners', async () => {
    await share(h, acme, {
      Customers: { level: 'counts' },
      Prospects: { level: 'counts' },
      Leads: { level: 'overlaps' },
    });
    expect(named(await matrix(acme))).toEqual({
      'Customers × Customers': 1,
      'Customers × Prospects': 0,
      'Prospects × Customers': 1,
      'Prospects × Prospects': 0,
      'Leads × Customers': 0,
      'Leads × Prospects': 1,
    });
    const g = named(await matrix(globex));
    expect(g['Customers × Customers']).toBe(1);
    expect(g['Prospects × Leads']).toBe(1);
    expect(Object.keys(g)).toHaveLength(6);
  });

  it('404s for a partner that is not mine and 401s without a key', async () => {
    expectProblem(
      await request(h.app).get(`/v1/partners/${globex.partnerId}/matrix`).set(bearer(acme.key)),
      404,
      'partner_not_found',
    );
    expectProblem(
      await request(h.app).get(`/v1/partners/${acme.partnerId}/matrix`),
      401,
      'unauthenticated',
    );
  });
});
