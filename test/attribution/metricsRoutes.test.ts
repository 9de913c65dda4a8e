import request from 'supertest';
import { testDatabases, type DbKind } from '../helpers/context';
import { attributionWorld } from './setup';

describe.each(testDatabases())('attribution rules and metrics (%s)', (kind: DbKind) => {
  let w: Awaited<ReturnType<typeof attributionWorld>>;
  beforeEach(async () => {
    w = await attributionWorld(kind);
  });
  afterEach(() => w.ctx.close());

  it('reads and replaces rules, recomputing', async () => {
    expect((await w.get('/v1/attribution/rules').expect(200)).body).toMatchObject({
      sourcedWindowDays: 90,
      splitModel: 'even',
      countOverlapEvidence: true,
    });
    await w
      .post({
        partnerId: w.partnerId,
        accountSourceId: '001A',
        type: 'intro_made',
        occurredAt: '2026-01-15T00:00:00Z',
      })
      .expect(201);
    expect((await w.get('/v1/attributions').expect(200)).body.data).toHaveLength(1);

    const bad = await request(w.app)
      .put('/v1/attribution/rules')
      .set('Authorization', `Bearer ${w.admin}`)
      .send({ splitModel: 'loudest' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('splitModel');
    const put = await request(w.app)
      .put('/v1/attribution/rules')
      .set('Authorization', `Bearer ${w.admin}`)
      .send({ sourcedWindowDays: 30 })
      .expect(200);
    expect(put.body.rules.sourcedWindowDays).toBe(30);
    expect(put.body.recompute.changedOpportunities).toEqual(['006A']);
    expect((await w.get('/v1/attributions').expect(200)).body.data).toEqual([]);
    expect((await w.get('/v1/attribution/rules').expect(200)).body.sourcedWindowDays).toBe(30);
    const rc = await request(w.app)
      .post('/v1/attribution/recompute')
      .set('Authorization', `Bearer ${w.admin}`)
      .send({})
      .expect(200);
    expect(rc.body).toEqual({ opportunities: 2, attributions: 0, changedOpportunities: [] });
  });

  it('serves revenue and lift as JSON and CSV', async () => {
    await w
      .post({
        partnerId: w.partnerId,
        accountSourceId: '001A',
        type: 'referral',
        occurredAt: '2026-02-20T10:00:00Z',
      })
      .expect(201);
    const rev = await w.get('/v1/metrics/revenue?groupBy=partner,quarter').expect(200);
    expect(rev.body.data).toEqual([
      {
        partner: { id: w.partnerId, name: 'Globex' },
        quarter: '2026-Q2',
        type: 'sourced',
        currency: 'USD',
        amount: 12000,
        opportunities: 1,
        attributions: 1,
      },
    ]);
    const csv = await w.get('/v1/metrics/revenue?groupBy=quarter&format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.trim().split('\n')).toEqual([
      'partner_id,partner_name,quarter,type,currency,amount,opportunities,attributions',
      ',,2026-Q2,sourced,USD,12000.00,1,1',
    ]);
    const viaAccept = await w.get('/v1/metrics/lift').set('Accept', 'text/csv').expect(200);
    expect(viaAccept.text.split('\n')[0]).toBe(
      'cohort,opportunities,open,closed,won,lost,win_rate,avg_days_to_close,days_to_close_count,currency,avg_deal_size,deal_size_count',
    );
    const lift = await w.get('/v1/metrics/lift').expect(200);
    expect(lift.body.withPartner).toMatchObject({
      opportunities: 1,
      won: 1,
      winRate: 1,
      avgDaysToClose: 61,
    });
    expect(lift.body.withoutPartner).toMatchObject({ opportunities: 1, won: 1 });
    await w.get('/v1/metrics/revenue?groupBy=region').expect(400);
    await w.get('/v1/metrics/lift?from=last-year').expect(400);
  });
});
