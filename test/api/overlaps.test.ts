import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { seededPair, share, type Side } from './mappingSupport';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('overlaps (%s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  let globex: Side;
  beforeAll(async () => {
    h = await harness(kind);
    ({ acme, globex } = await seededPair(h));
  });
  afterAll(() => h.ctx.close());

  it('shows nothing of the partner while the partner shares nothing', async () => {
    const res = await request(h.app).get('/v1/overlaps').set(bearer(acme.key));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [], nextCursor: null });
    // …even though the overlaps exist underneath
    const stored = await h.ctx
      .db('overlaps')
      .where({ workspace_id: acme.id })
      .whereNull('ended_at');
    expect(stored).toHaveLength(3);
  });

  it('shows shared overlaps with only the shared fields and populations', async () => {
    await share(h, globex, {
      Customers: { level: 'overlaps', fields: ['ownerName', 'ownerEmail'] },
      Prospects: { level: 'counts' },
    });
    const res = await request(h.app).get('/v1/overlaps').set(bearer(acme.key));
    expect(res.status).toBe(200);
    const byRecord = Object.fromEntries(
      res.body.data.map((o: { myRecord: { sourceId: string } }) => [o.myRecord.sourceId, o]),
    );
    expect(Object.keys(byRecord).sort()).toEqual(['A1', 'A2']); // G3 is a prospect: counts only
    expect(byRecord.A1).toMatchObject({
      partner: { id: acme.partnerId, name: 'Globex' },
      myRecord: { sourceId: 'A1', name: 'Blue Harbor Logistics Inc.' },
      myPopulations: ['Customers'],
      partnerPopulations: ['Customers'],
      partnerRecord: {
        name: 'BLUE HARBOR LOGISTICS',
        ownerName: 'Dev Patel',
        ownerEmail: 'dev@globex.example',
      },
      method: 'domain',
    });
    expect(byRecord.A1.partnerRecord).not.toHaveProperty('website');
    expect(byRecord.A1.partnerRecord).not.toHaveProperty('fields');
    expect(byRecord.A1.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('filters by partner, my population, partner population and record, and pages with a cursor', async () => {
    const get = (q: string) => request(h.app).get(`/v1/overlaps?${q}`).set(bearer(acme.key));
    expect((await get(`partnerId=${acme.partnerId}`)).body.data).toHaveLength(2);
    expect(
      (await get('population=Prospects')).body.data.map(
        (o: { myRecord: { sourceId: string } }) => o.myRecord.sourceId,
      ),
    ).toEqual(['A2']);
    expect((await get('partnerPopulation=Customers')).body.data).toHaveLength(2);
    // a population shared only as counts never filters records in
    expect((await get('partnerPopulation=Prospects')).body.data).toEqual([]);
    expect((await get('recordId=A1')).body.data).toHaveLength(1);
    expect((await get('recordId=NOPE')).body.data).toEqual([]);
    const p1 = await get('limit=1');
    expect(p1.body.data).toHaveLength(1);
    expect(p1.body.nextCursor).toEqual(expect.any(String));
    const p2 = await get(`limit=1&cursor=${p1.body.nextCursor}`);
    expect(p2.body.data).toHaveLength(1);
    expect(p2.body.data[0].id).not.toBe(p1.body.data[0].id);
    expect(p2.body.nextCursor).toBeNull();
  });

  it('answers the Account page lookup', async () => {
    const res = await request(h.app).get('/v1/records/A1/overlaps').set(bearer(acme.key));
    expect(res.status).toBe(200);
    expect(res.body.record).toEqual({ sourceId: 'A1', name: 'Blue Harbor Logistics Inc.' });
    expect(res.body.overlaps).toHaveLength(1);
    expect(res.body.overlaps[0].partnerRecord.name).toBe('BLUE HARBOR LOGISTICS');
    const hidden = await request(h.app).get('/v1/records/A3/overlaps').set(bearer(acme.key));
    expect(hidden.body.overlaps).toEqual([]);
  });

  it('exports the shared overlaps as CSV', async () => {
    const res = await request(h.app)
      .get(`/v1/partners/${acme.partnerId}/overlaps.csv`)
      .set(bearer(acme.key));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toMatch(/^overlap_id,my_source_id/);
    expect(lines).toHaveLength(3);
    expect(res.text).toContain('dev@globex.example');
    expect(res.text).not.toContain('felix@globex.example');
  });

  it('rejects bad input and unknown ids with problem+json', async () => {
    expectProblem(await request(h.app).get('/v1/overlaps'), 401, 'unauthenticated');
    expectProblem(
      await request(h.app).get('/v1/overlaps?limit=501').set(bearer(acme.key)),
      400,
      'invalid_input',
    );
    expectProblem(
      await request(h.app).get('/v1/overlaps?cursor=bm9wZQ').set(bearer(acme.key)),
      400,
      'invalid_input',
    );
    // a records cursor (a number) is not an overlaps cursor (an id) either
    const wrongList = expectProblem(
      await request(h.app).get('/v1/overlaps?cursor=MTI').set(bearer(acme.key)),
      400,
      'invalid_input',
    );
    expect(wrongList.errors).toEqual([{ field: 'cursor', reason: 'invalid cursor' }]);
    expectProblem(
      await request(h.app).get('/v1/overlaps?population=Nope').set(bearer(acme.key)),
      400,
      'invalid_input',
    );
    expectProblem(
      await request(h.app).get('/v1/overlaps?partnerId=nope').set(bearer(acme.key)),
      404,
      'partner_not_found',
    );
    expectProblem(
      await request(h.app).get('/v1/records/NOPE/overlaps').set(bearer(acme.key)),
      404,
      'record_not_found',
    );
    // another workspace's partner id is not mine
    expectProblem(
      await request(h.app)
        .get(`/v1/partners/${globex.partnerId}/overlaps.csv`)
        .set(bearer(acme.key)),
      404,
      'partner_not_found',
    );
  });
});
