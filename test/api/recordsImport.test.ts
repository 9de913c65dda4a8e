import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('POST /v1/records/import (%s)', (kind) => {
  let h: ApiHarness;
  let ws: { id: string; key: string };
  beforeAll(async () => {
    h = await harness(kind);
    ws = await h.workspace('Importer');
  });
  afterAll(() => h.ctx.close());

  const post = (csv: string | Buffer, query: Record<string, string> = {}, type = 'text/csv') =>
    request(h.app)
      .post('/v1/records/import')
      .query(query)
      .set(bearer(ws.key))
      .set('Content-Type', type)
      .send(csv);

  it('maps Salesforce export headers, reports bad lines (header = 1) and stores the rest; re-import is unchanged', async () => {
    const csv = [
      '\uFEFFId,Name,Website,BillingCountry,ParentId,Owner.Name,Owner.Email,Type,Industry',
      '001A,"Blue Harbor, Inc.",www.blueharbor.com,United States,,Ann Lee,ann@acme.test,Customer,Logistics',
      '001B,,nameless.com,,,,,,',
      '',
      '001C,"Multi',
      'line Labs",multi.io,,001A,,bad-email,Prospect,',
      '001D,Too,Many,Fields,,,,,,,extra',
      '001E,Zephyr Energy,zephyr.energy,Germany,,,,Prospect,Energy',
    ].join('\r\n');
    const res = await post(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, inserted: 2, unchanged: 0, rejectedCount: 3 });
    expect(res.body.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, field: 'name', reason: 'is required' }),
        expect.objectContaining({ line: 5, field: 'ownerEmail' }),
        expect.objectContaining({ line: 7 }),
      ]),
    );
    const rec = await request(h.app).get('/v1/records/001A').set(bearer(ws.key));
    expect(rec.body).toMatchObject({
      name: 'Blue Harbor, Inc.',
      country: 'United States',
      ownerName: 'Ann Lee',
      ownerEmail: 'ann@acme.test',
      type: 'Customer',
      domain: 'blueharbor.com',
      fields: { Industry: 'Logistics' },
    });
    const again = await post(csv);
    expect(again.body).toMatchObject({ accepted: 2, inserted: 0, updated: 0, unchanged: 2 });
  });

  it('takes our own lower-case headers and a ?map= for anything else', async () => {
    const ours = await post(
      'id,name,website,country,parent_id,owner_name,owner_email,type\nr1,Ours Ltd,ours.co.uk,United Kingdom,,Bo,bo@x.io,Lead\n',
    );
    expect(ours.body).toMatchObject({ accepted: 1, inserted: 1 });
    expect((await request(h.app).get('/v1/records/r1').set(bearer(ws.key))).body).toMatchObject({
      parentSourceId: null,
      type: 'Lead',
      ownerName: 'Bo',
    });

    const mapped = await post('Account Number,Company\nm1,Mapped Co\n', {
      map: JSON.stringify({ 'Account Number': 'sourceId', Company: 'name' }),
    });
    expect(mapped.body).toMatchObject({ accepted: 1 });
    const badMap = expectProblem(await post('a\n', { map: '{"a":"nope"}' }), 400, 'invalid_input');
    expect(badMap.errors?.[0].field).toBe('map.a');
    expectProblem(await post('a\n', { map: 'not json' }), 400, 'invalid_input');
  });

  it('imports in batches of 2,000: a larger file goes through whole, and again unchanged', async () => {
    const lines = ['id,name,website'];
    for (let i = 0; i < 2500; i++) lines.push(`b${i},Batch Company ${i},b${i}.example.com`);
    const csv = lines.join('\n') + '\n';
    const first = await post(csv);
    expect(first.body).toMatchObject({ accepted: 2500, inserted: 2500, rejectedCount: 0 });
    const second = await post(Buffer.from(csv));
    expect(second.body).toMatchObject({ accepted: 2500, inserted: 0, updated: 0, unchanged: 2500 });
  }, 30_000);

  it('answers 400 for missing columns, empty files and all-bad files; 415 for other content types', async () => {
    const missing = expectProblem(await post('Id,Website\n1,x.com\n'), 400, 'missing_columns');
    expect(missing.errors).toEqual([expect.objectContaining({ line: 1, field: 'name' })]);
    expectProblem(await post(''), 400, 'empty_csv');
    const allBad = expectProblem(await post('id,name\nz1,\nz1b,\n'), 400, 'no_valid_items');
    expect(allBad.errors?.map((e) => e.line)).toEqual([2, 3]);
    const dup = await post('id,name\nd1,One\nd1,Again\n');
    expect(dup.body.rejected).toEqual([expect.objectContaining({ line: 3, field: 'sourceId' })]);
    expectProblem(
      await request(h.app).post('/v1/records/import').set(bearer(ws.key)).send({ id: 1 }),
      415,
      'unsupported_media_type',
    );
    expectProblem(await post('id,name\n', {}, 'text/plain'), 415, 'unsupported_media_type');
  });

  it('imports a managed partner’s file; 403 for a workspace partner', async () => {
    const m = await request(h.app)
      .post('/v1/partners')
      .set(bearer(ws.key))
      .send({ kind: 'managed', name: 'CSV Partner' });
    const res = await request(h.app)
      .post(`/v1/partners/${m.body.partner.id}/records/import`)
      .set(bearer(ws.key))
      .set('Content-Type', 'text/csv')
      .send('Id,Name\nq1,Partner Account\n');
    expect(res.body).toMatchObject({ accepted: 1, inserted: 1 });
    const inv = await request(h.app)
      .post('/v1/partners')
      .set(bearer(ws.key))
      .send({ kind: 'workspace', name: 'W' });
    expectProblem(
      await request(h.app)
        .post(`/v1/partners/${inv.body.partner.id}/records/import`)
        .set(bearer(ws.key))
        .set('Content-Type', 'text/csv')
        .send('Id,Name\nq1,x\n'),
      403,
      'not_managed_partner',
    );
  });
});
