import request from 'supertest';
import { onOpportunitiesChangedAttribution } from '../../api/src/attribution/service';
import { upsertOpportunities, upsertRecords } from '../../api/src/mapping/recordsStore';
import { testDatabases, type DbKind } from '../helpers/context';
import { attributionWorld, OPP } from './setup';

describe.each(testDatabases())('touches and attributions (%s)', (kind: DbKind) => {
  let w: Awaited<ReturnType<typeof attributionWorld>>;
  beforeEach(async () => {
    w = await attributionWorld(kind);
  });
  afterEach(() => w.ctx.close());

  it('records a touch once per ref and attributes the opportunity', async () => {
    const body = {
      partnerId: w.partnerId,
      accountSourceId: '001A',
      type: 'referral',
      occurredAt: '2026-02-20T10:00:00Z',
      ref: 'lead-42',
    };
    const first = await w.post(body).expect(201);
    expect(first.body).toMatchObject({
      partnerId: w.partnerId,
      type: 'referral',
      source: 'api',
      opportunitySourceId: null,
      ref: 'lead-42',
    });
    const again = await w.post(body).expect(200);
    expect(again.body.id).toBe(first.body.id);

    const list = await w.get('/v1/attributions?opportunity=006A').expect(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({
      partnerId: w.partnerId,
      type: 'sourced',
      weight: 1,
      amount: 12000,
      currency: 'USD',
      touchIds: [first.body.id],
    });

    const view = await w.get('/v1/opportunities/006A/partners').expect(200);
    expect(view.body.opportunity).toEqual({
      sourceId: '006A',
      name: OPP.name,
      amount: 12000,
      currency: 'USD',
      accountSourceId: '001A',
    });
    expect(view.body.overlaps).toEqual([]);
    expect(view.body.attributions[0]).toMatchObject({
      partner: { id: w.partnerId, name: 'Globex' },
      type: 'sourced',
      amount: 12000,
    });
    expect(view.body.attributions[0].touches.map((t: { id: string }) => t.id)).toEqual([
      first.body.id,
    ]);

    const events = await w.ctx
      .db('outbox')
      .where({ workspace_id: w.acme, topic: 'attribution.changed' });
    expect(events.map((e) => e.aggregate_id)).toEqual(['006A']);
    const touches = await w.get('/v1/touches?accountSourceId=001A').expect(200);
    expect(touches.body).toEqual({ data: [first.body], nextCursor: null });
  });

  it.each([
    {
      name: 'unknown partner → 404',
      body: { partnerId: 'nope', accountSourceId: '001A', type: 'referral' },
      status: 404,
      field: undefined,
    },
    {
      name: "another workspace's partner → 404",
      body: { accountSourceId: '001A', type: 'referral', other: true },
      status: 404,
      field: undefined,
    },
    {
      name: 'unknown account → 400',
      body: { accountSourceId: '001Z', type: 'referral' },
      status: 400,
      field: 'accountSourceId',
    },
    {
      name: 'opportunity on another account → 400',
      body: { accountSourceId: '001A', opportunitySourceId: '006B', type: 'referral' },
      status: 400,
      field: 'opportunitySourceId',
    },
    {
      name: 'unknown type → 400',
      body: { accountSourceId: '001A', type: 'lunch' },
      status: 400,
      field: 'type',
    },
    {
      name: 'bad time → 400',
      body: { accountSourceId: '001A', type: 'referral', occurredAt: 'yesterday' },
      status: 400,
      field: 'occurredAt',
    },
  ])('$name', async ({ body, status, field }) => {
    const { other, ...rest } = body as Record<string, unknown>;
    const res = await w
      .post({ partnerId: other ? w.otherPartnerId : w.partnerId, ...rest })
      .expect(status);
    if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(Number((await w.ctx.db('touches').count({ n: '*' }).first())?.n)).toBe(0);
  });

  it('refuses writes with a w.read key', async () => {
    await w
      .post({ partnerId: w.partnerId, accountSourceId: '001A', type: 'referral' }, w.read)
      .expect(403);
    await w.get('/v1/touches', w.read).expect(200);
  });

  it('follows opportunity changes: amount, reopen, delete', async () => {
    await w
      .post({
        partnerId: w.partnerId,
        accountSourceId: '001A',
        opportunitySourceId: '006A',
        type: 'co_sell_meeting',
        occurredAt: '2026-05-20T10:00:00Z',
      })
      .expect(201);
    expect((await w.get('/v1/attributions').expect(200)).body.data).toEqual([]); // after close

    await upsertOpportunities(w.ctx.db, w.acme, [
      { ...OPP, isClosed: false, isWon: false, stage: 'Negotiation/Review', amount: 9000 },
    ]);
    const r = await onOpportunitiesChangedAttribution(w.ctx, w.acme, ['006A']);
    expect(r.changedOpportunities).toEqual(['006A']);
    expect((await w.get('/v1/attributions').expect(200)).body.data[0]).toMatchObject({
      type: 'influenced',
      amount: 9000,
    });

    expect(
      (await onOpportunitiesChangedAttribution(w.ctx, w.acme, ['006A'])).changedOpportunities,
    ).toEqual([]); // stable

    await w.ctx
      .db('opportunities')
      .where({ workspace_id: w.acme, source_id: '006A' })
      .update({ deleted_at: new Date().toISOString() });
    await onOpportunitiesChangedAttribution(w.ctx, w.acme, ['006A']);
    expect((await w.get('/v1/attributions').expect(200)).body.data).toEqual([]);
    await w.get('/v1/opportunities/006A/partners').expect(404);
    const topics = await w.ctx.db('outbox').where({ topic: 'attribution.changed' }).orderBy('id');
    expect(topics.map((t) => JSON.parse(t.payload).attributions.length)).toEqual([1, 0]);
  });

  it('counts customer overlaps only when the partner shares Customers at overlaps level', async () => {
    const g = (await w.ctx.db('partners').where({ id: w.partnerId }).first())
      .partner_workspace_id as string;
    const back = (
      await w.ctx.db('partners').where({ workspace_id: g, partner_workspace_id: w.acme }).first()
    ).id as string;
    await upsertRecords(w.ctx.db, g, [
      { sourceId: 'G1', name: 'Blue Peak Inc', website: 'bluepeak.com', ownerName: 'Gail Ro' },
    ]);
    const mine = (
      await w.ctx.db('records').where({ workspace_id: w.acme, source_id: '001A' }).first()
    ).id;
    const theirs = (await w.ctx.db('records').where({ workspace_id: g, source_id: 'G1' }).first())
      .id;
    const now = new Date().toISOString();
    await w.ctx.db('populations').insert({
      id: 'pop-g-cust',
      workspace_id: g,
      name: 'Customers',
      kind: 'standard',
      standard_key: 'customers',
      created_at: now,
      updated_at: now,
    });
    await w.ctx.db('record_populations').insert({ record_id: theirs, population_id: 'pop-g-cust' });
    await w.ctx.db('overlaps').insert({
      id: 'ov-1',
      workspace_id: w.acme,
      partner_id: w.partnerId,
      record_id: mine,
      partner_record_id: theirs,
      method: 'domain',
      confidence: 1,
      first_seen: now,
      last_seen: now,
    });
    await w.ctx.db('sharing_rules').insert({
      id: 'sr-1',
      workspace_id: g,
      partner_id: back,
      population_id: 'pop-g-cust',
      level: 'counts',
      updated_at: now,
    });

    const recompute = () =>
      request(w.app)
        .post('/v1/attribution/recompute')
        .set('Authorization', `Bearer ${w.admin}`)
        .send({})
        .expect(200);
    expect((await recompute()).body.attributions).toBe(0);
    expect((await w.get('/v1/opportunities/006A/partners').expect(200)).body.overlaps).toEqual([]);

    await w.ctx
      .db('sharing_rules')
      .where({ id: 'sr-1' })
      .update({ level: 'overlaps', fields: JSON.stringify(['ownerName']) });
    expect((await recompute()).body.changedOpportunities).toEqual(['006A']);
    const view = (await w.get('/v1/opportunities/006A/partners').expect(200)).body;
    expect(view.attributions[0]).toMatchObject({ type: 'influenced', amount: 12000 });
    expect(view.attributions[0].touches[0]).toMatchObject({
      id: 'overlap:ov-1',
      type: 'customer_overlap',
    });
    expect(view.overlaps).toHaveLength(1);
    expect(view.overlaps[0]).toMatchObject({
      id: 'ov-1',
      partnerPopulations: ['Customers'],
      partnerRecord: { ownerName: 'Gail Ro' },
    });
  });
});
