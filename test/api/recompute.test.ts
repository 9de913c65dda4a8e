import request from 'supertest';
import { recomputeAllOverlaps } from '../../api/src/mapping/recompute';
import { testDatabases } from '../helpers/context';
import { putOpportunities, putRecords, seededPair, share, type Side } from './mappingSupport';
import { bearer, harness, type ApiHarness } from './support';

describe.each(testDatabases())('incremental overlap recompute (%s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  let globex: Side;
  beforeAll(async () => {
    h = await harness(kind);
    ({ acme, globex } = await seededPair(h));
  });
  afterAll(() => h.ctx.close());

  const topics = async (ws: string) =>
    (await h.ctx.db('outbox').where({ workspace_id: ws }).select('topic'))
      .map((r) => r.topic as string)
      .filter((t) => t.startsWith('overlap.'));

  it('writes both directions with overlap.created events', async () => {
    expect(await h.ctx.db('overlaps').where({ workspace_id: acme.id })).toHaveLength(3);
    expect(await h.ctx.db('overlaps').where({ workspace_id: globex.id })).toHaveLength(3);
    expect((await topics(acme.id)).filter((t) => t === 'overlap.created')).toHaveLength(3);
  });

  it('matches only a changed record, and ends overlaps that no longer hold', async () => {
    await putRecords(h, acme.key, [
      { sourceId: 'A5', name: 'Globex Alone GmbH', website: 'globexalone.de' },
    ]);
    expect(
      await h.ctx.db('overlaps').where({ workspace_id: globex.id }).whereNull('ended_at'),
    ).toHaveLength(4);
    await putRecords(h, acme.key, [
      { sourceId: 'A5', name: 'Something Else Entirely', website: 'else.example' },
    ]);
    const ended = await h.ctx
      .db('overlaps')
      .where({ workspace_id: globex.id })
      .whereNotNull('ended_at');
    expect(ended).toHaveLength(1);
    expect((await topics(globex.id)).filter((t) => t === 'overlap.ended')).toHaveLength(1);
  });

  it('moves a record into Open Opportunities and tells the partner', async () => {
    await share(h, acme, { 'Open Opportunities': { level: 'overlaps' } });
    const before = (await topics(globex.id)).length;
    await putOpportunities(h, acme.key, [
      {
        sourceId: 'O1',
        accountSourceId: 'A2',
        name: 'Deal',
        stage: 'Prospecting',
        isClosed: false,
        isWon: false,
        createdDate: '2026-10-01T00:00:00Z',
      },
    ]);
    expect((await topics(globex.id)).length).toBeGreaterThan(before);
    const res = await request(h.app).get('/v1/records/G2/overlaps').set(bearer(globex.key));
    expect(res.body.overlaps[0].partnerPopulations).toEqual(['Open Opportunities']);
  });

  it('a full recompute changes nothing that is already current', async () => {
    const summary = await recomputeAllOverlaps(h.ctx, acme.id);
    expect(summary).toMatchObject({ created: 0, ended: 0 });
  });

  it('respects the workspace minimum confidence', async () => {
    await h.ctx
      .db('workspaces')
      .where({ id: acme.id })
      .update({ settings: JSON.stringify({ minConfidence: 0.99 }) });
    const summary = await recomputeAllOverlaps(h.ctx, acme.id);
    const kept = await h.ctx.db('overlaps').where({ workspace_id: acme.id }).whereNull('ended_at');
    for (const o of kept) expect(Number(o.confidence)).toBeGreaterThanOrEqual(0.99);
    expect(summary.ended + kept.length).toBeGreaterThan(0);
  });
});
