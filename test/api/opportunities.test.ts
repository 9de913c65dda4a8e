import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('/v1/opportunities (%s)', (kind) => {
  let h: ApiHarness;
  let ws: { id: string; key: string };
  beforeAll(async () => {
    h = await harness(kind);
    ws = await h.workspace('Opps');
    await request(h.app)
      .put('/v1/records')
      .set(bearer(ws.key))
      .send({
        items: [
          { sourceId: 'acc1', name: 'Account One', type: 'Prospect' },
          { sourceId: 'acc2', name: 'Account Two' },
        ],
      });
  });
  afterAll(() => h.ctx.close());

  const openOppsMembers = async () => {
    const pop = await h.ctx
      .db('populations')
      .where({ workspace_id: ws.id, name: 'Open Opportunities' })
      .first();
    const rows = await h.ctx
      .db('record_populations')
      .join('records', 'records.id', 'record_populations.record_id')
      .where({ population_id: pop.id });
    return rows.map((r) => r.source_id).sort();
  };

  it('upserts JSON opportunities with per-index errors, lists them, and updates the Open Opportunities population', async () => {
    const items = [
      {
        sourceId: 'o1',
        accountSourceId: 'acc1',
        name: 'Deal',
        stage: 'Prospecting',
        amount: 1200.5,
        currency: 'EUR',
        createdDate: '2026-01-05T10:00:00Z',
        closeDate: '2026-03-31',
      },
      {
        sourceId: 'o2',
        accountSourceId: 'acc2',
        name: 'Won',
        stage: 'Closed Won',
        isClosed: true,
        isWon: true,
        createdDate: '2025-11-01',
      },
      {
        sourceId: 'o3',
        accountSourceId: 'acc2',
        name: 'Odd',
        stage: 'X',
        isWon: true,
        createdDate: '2025-11-01',
      },
      {
        sourceId: 'o4',
        accountSourceId: 'acc2',
        name: 'Bad',
        stage: 'X',
        currency: 'euro',
        amount: 'lots',
        createdDate: 'yesterday',
      },
    ];
    const res = await request(h.app).put('/v1/opportunities').set(bearer(ws.key)).send({ items });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, inserted: 2, rejectedCount: 2 });
    expect(res.body.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 2, field: 'isWon' }),
        expect.objectContaining({ index: 3, field: 'currency' }),
        expect.objectContaining({ index: 3, field: 'amount' }),
        expect.objectContaining({ index: 3, field: 'createdDate' }),
      ]),
    );
    expect(await openOppsMembers()).toEqual(['acc1']);
    const again = await request(h.app).put('/v1/opportunities').set(bearer(ws.key)).send({ items });
    expect(again.body).toMatchObject({ accepted: 2, unchanged: 2 });

    const list = await request(h.app)
      .get('/v1/opportunities')
      .query({ accountSourceId: 'acc1' })
      .set(bearer(ws.key));
    expect(list.body.data).toEqual([
      expect.objectContaining({
        sourceId: 'o1',
        amount: 1200.5,
        currency: 'EUR',
        isClosed: false,
        closeDate: '2026-03-31',
        createdDate: '2026-01-05T10:00:00.000Z',
      }),
    ]);
    expectProblem(
      await request(h.app)
        .put('/v1/opportunities')
        .set(bearer(ws.key))
        .send({ items: Array(10_001).fill({}) }),
      413,
      'payload_too_large',
    );
  });

  it('imports a Salesforce Opportunity export; moving an opportunity updates both accounts', async () => {
    const csv = [
      'Id,AccountId,Name,StageName,IsClosed,IsWon,Amount,CurrencyIsoCode,CreatedDate,CloseDate,OwnerId',
      'o1,acc2,Deal,Negotiation,false,false,1200.5,EUR,2026-01-05T10:00:00.000+0000,2026-03-31,005A',
      'o5,acc1,Lost,Closed Lost,true,false,,USD,2026-02-01T00:00:00.000+0000,2026-02-15,005A',
      'o6,acc1,Broken,Open,maybe,false,12k,USD,2026-02-01,,005A',
    ].join('\n');
    const res = await request(h.app)
      .post('/v1/opportunities/import')
      .set(bearer(ws.key))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, inserted: 1, updated: 1, rejectedCount: 1 });
    expect(res.body.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 4, field: 'isClosed' }),
        expect.objectContaining({ line: 4, field: 'amount' }),
      ]),
    );
    expect(await openOppsMembers()).toEqual(['acc2']);
    const again = await request(h.app)
      .post('/v1/opportunities/import')
      .set(bearer(ws.key))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(again.body).toMatchObject({ accepted: 2, inserted: 0, updated: 0, unchanged: 2 });
    const missing = expectProblem(
      await request(h.app)
        .post('/v1/opportunities/import')
        .set(bearer(ws.key))
        .set('Content-Type', 'text/csv')
        .send('Id,Name\n1,x\n'),
      400,
      'missing_columns',
    );
    expect(missing.errors?.map((e) => e.field).sort()).toEqual([
      'accountSourceId',
      'createdDate',
      'stage',
    ]);
  });
});
