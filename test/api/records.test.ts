import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('/v1/records (%s)', (kind) => {
  let h: ApiHarness;
  let ws: { id: string; key: string };
  beforeAll(async () => {
    h = await harness(kind);
    ws = await h.workspace('Records Co');
  });
  afterAll(() => h.ctx.close());

  const put = (items: unknown[], key = ws.key) =>
    request(h.app).put('/v1/records').set(bearer(key)).send({ items });

  it('stores valid items, rejects bad ones by index and field, and is idempotent', async () => {
    const items = [
      {
        sourceId: 'a1',
        name: 'Blue Harbor Inc.',
        website: 'https://www.blueharbor.com',
        type: 'Customer',
      },
      { sourceId: 'a2', name: '', website: 'has space.com' },
      {
        sourceId: 'a3',
        name: 'Cobalt Labs',
        ownerEmail: 'not-an-email',
        fields: { industry: 'Biotech' },
      },
      { name: 'No id' },
      { sourceId: 'a1', name: 'Duplicate of a1' },
      {
        sourceId: 'a4',
        name: 'Granite AG',
        country: 'Germany',
        ownerName: 'Dana Lee',
        ownerEmail: 'dana@granite.de',
      },
    ];
    const res = await put(items);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      accepted: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejectedCount: 4,
    });
    expect(res.body.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, field: 'name' }),
        expect.objectContaining({ index: 1, field: 'website' }),
        expect.objectContaining({ index: 2, field: 'ownerEmail' }),
        expect.objectContaining({ index: 3, field: 'sourceId', reason: 'is required' }),
        expect.objectContaining({ index: 4, field: 'sourceId' }),
      ]),
    );
    const again = await put(items);
    expect(again.body).toMatchObject({ accepted: 2, inserted: 0, updated: 0, unchanged: 2 });
    const changed = await put([{ sourceId: 'a1', name: 'Blue Harbor', website: 'blueharbor.com' }]);
    expect(changed.body).toMatchObject({ accepted: 1, updated: 1 });
  });

  it('gets one record (with its domain), pages through the list, soft-deletes and revives', async () => {
    const one = await request(h.app).get('/v1/records/a4').set(bearer(ws.key));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      sourceId: 'a4',
      name: 'Granite AG',
      country: 'Germany',
      ownerName: 'Dana Lee',
    });
    const a1 = await request(h.app).get('/v1/records/a1').set(bearer(ws.key));
    expect(a1.body.domain).toBe('blueharbor.com');

    await put(Array.from({ length: 5 }, (_, i) => ({ sourceId: `p${i}`, name: `Paged ${i}` })));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(h.app)
        .get('/v1/records')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set(bearer(ws.key));
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.data.map((r: { sourceId: string }) => r.sourceId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['a1', 'a4', 'p0', 'p1', 'p2', 'p3', 'p4']);

    expect((await request(h.app).delete('/v1/records/p0').set(bearer(ws.key))).status).toBe(204);
    expectProblem(
      await request(h.app).get('/v1/records/p0').set(bearer(ws.key)),
      404,
      'record_not_found',
    );
    expectProblem(
      await request(h.app).delete('/v1/records/p0').set(bearer(ws.key)),
      404,
      'record_not_found',
    );
    const revived = await put([{ sourceId: 'p0', name: 'Paged 0' }]);
    expect(revived.body).toMatchObject({ updated: 1 });
    expect((await request(h.app).get('/v1/records/p0').set(bearer(ws.key))).status).toBe(200);
  });

  it('answers 400 no_valid_items when every item is rejected, 413 above 10,000 items', async () => {
    const body = expectProblem(await put([{ name: 1 }, {}]), 400, 'no_valid_items');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 0, field: 'name' }),
        expect.objectContaining({ index: 1, field: 'sourceId' }),
      ]),
    );
    const many = Array.from({ length: 10_001 }, (_, i) => ({ sourceId: `x${i}`, name: 'n' }));
    expectProblem(await put(many), 413, 'payload_too_large');
    const shape = expectProblem(
      await request(h.app).put('/v1/records').set(bearer(ws.key)).send({ records: [] }),
      400,
      'invalid_input',
    );
    expect(shape.errors?.[0].field).toBe('items');
    expectProblem(
      await request(h.app).get('/v1/records').query({ cursor: '!!' }).set(bearer(ws.key)),
      400,
      'invalid_input',
    );
    // an overlaps cursor (an id string) is no records cursor: same error, not an empty page
    const overlapsCursor = Buffer.from(JSON.stringify('0a1b')).toString('base64url');
    expectProblem(
      await request(h.app).get('/v1/records').query({ cursor: overlapsCursor }).set(bearer(ws.key)),
      400,
      'invalid_input',
    );
  });

  it("keeps workspaces apart and refuses another workspace's partner records", async () => {
    const other = await h.workspace('Other Co');
    expectProblem(
      await request(h.app).get('/v1/records/a4').set(bearer(other.key)),
      404,
      'record_not_found',
    );
    const inv = await request(h.app)
      .post('/v1/partners')
      .set(bearer(ws.key))
      .send({ kind: 'workspace', name: 'Other' });
    expectProblem(
      await request(h.app)
        .put(`/v1/partners/${inv.body.partner.id}/records`)
        .set(bearer(ws.key))
        .send({ items: [] }),
      403,
      'not_managed_partner',
    );
    expectProblem(
      await request(h.app)
        .get(`/v1/partners/${inv.body.partner.id}/records`)
        .set(bearer(other.key)),
      404,
      'partner_not_found',
    );
  });

  it('serves a managed partner’s records under /v1/partners/{id}/records', async () => {
    const m = await request(h.app)
      .post('/v1/partners')
      .set(bearer(ws.key))
      .send({ kind: 'managed', name: 'Managed' });
    const base = `/v1/partners/${m.body.partner.id}/records`;
    await request(h.app)
      .put(base)
      .set(bearer(ws.key))
      .send({ items: [{ sourceId: 'g1', name: 'Blue Harbor' }] })
      .expect(200);
    const list = await request(h.app).get(base).set(bearer(ws.key));
    expect(list.body.data.map((r: { sourceId: string }) => r.sourceId)).toEqual(['g1']);
    expect((await request(h.app).get(`${base}/g1`).set(bearer(ws.key))).body.name).toBe(
      'Blue Harbor',
    );
    expect((await request(h.app).delete(`${base}/g1`).set(bearer(ws.key))).status).toBe(204);
    expectProblem(
      await request(h.app).get('/v1/records/g1').set(bearer(ws.key)),
      404,
      'record_not_found',
    );
  });
});
