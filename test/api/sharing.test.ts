import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { populationIds, seededPair, share, type Side } from './mappingSupport';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('sharing rules (%s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  let globex: Side;
  beforeAll(async () => {
    h = await harness(kind);
    ({ acme, globex } = await seededPair(h));
  });
  afterAll(() => h.ctx.close());

  it('lists every population as hidden until shared, and replaces the rule set', async () => {
    const first = await request(h.app)
      .get(`/v1/partners/${globex.partnerId}/sharing`)
      .set(bearer(globex.key));
    expect(first.status).toBe(200);
    expect(first.body.rules.map((r: { level: string }) => r.level)).toEqual([
      'hidden',
      'hidden',
      'hidden',
      'hidden',
    ]);
    await share(h, globex, {
      Customers: { level: 'overlaps', fields: ['website', 'fields.tier'] },
    });
    const seen = await request(h.app).get('/v1/records/A1/overlaps').set(bearer(acme.key));
    expect(seen.body.overlaps[0].partnerRecord).toEqual({
      name: 'BLUE HARBOR LOGISTICS',
      website: 'blueharbor.com',
      fields: { tier: 'gold' },
    });
    const stored = await share(h, globex, { Prospects: { level: 'counts' } });
    expect(
      stored.rules.find((r: { populationName: string }) => r.populationName === 'Customers').level,
    ).toBe('hidden');
  });

  it('revoking hides what was shown and tells the partner through the outbox', async () => {
    await share(h, globex, { Customers: { level: 'overlaps' } });
    expect((await request(h.app).get('/v1/overlaps').set(bearer(acme.key))).body.data).toHaveLength(
      2,
    );
    const before = await h.ctx
      .db('outbox')
      .where({ workspace_id: acme.id, topic: 'overlap.changed' })
      .count({ n: '*' });
    await share(h, globex, {});
    expect((await request(h.app).get('/v1/overlaps').set(bearer(acme.key))).body.data).toEqual([]);
    const after = await h.ctx
      .db('outbox')
      .where({ workspace_id: acme.id, topic: 'overlap.changed' })
      .count({ n: '*' });
    expect(Number(after[0].n) - Number(before[0].n)).toBe(2);
  });

  it('validates rules, naming the bad entry', async () => {
    const ids = await populationIds(h, globex.key);
    const put = (rules: object[]) =>
      request(h.app)
        .put(`/v1/partners/${globex.partnerId}/sharing`)
        .set(bearer(globex.key))
        .send({ rules });
    let body = expectProblem(
      await put([{ populationId: 'nope', level: 'counts' }]),
      400,
      'invalid_sharing_rules',
    );
    expect(body.errors).toEqual([
      { index: 0, field: 'populationId', reason: 'unknown population nope' },
    ]);
    body = expectProblem(
      await put([{ populationId: ids.Leads, level: 'counts', fields: ['ownerName'] }]),
      400,
      'invalid_sharing_rules',
    );
    expect(body.errors?.[0]).toMatchObject({ index: 0, field: 'fields' });
    expectProblem(
      await put([{ populationId: ids.Leads, level: 'everything' }]),
      400,
      'invalid_input',
    );
    expectProblem(
      await put([{ populationId: ids.Leads, level: 'overlaps', fields: ['salary'] }]),
      400,
      'invalid_input',
    );
    expectProblem(
      await request(h.app).get('/v1/partners/nope/sharing').set(bearer(globex.key)),
      404,
      'partner_not_found',
    );
    expectProblem(
      await request(h.app).get(`/v1/partners/${globex.partnerId}/sharing`),
      401,
      'unauthenticated',
    );
  });
});
