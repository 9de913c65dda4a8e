import { testDatabases } from '../helpers/context';
import type { SyncDeps } from '../../api/src/salesforce/sync';
import { seedOverlaps, setup, syncAcme, type Fixture } from './fixture';

describe.each(testDatabases())('Salesforce push against the emulator (%s)', (kind) => {
  let f: Fixture;
  beforeEach(async () => {
    f = await setup(kind);
  });
  afterEach(() => f.close());

  const sync = (deps: SyncDeps = {}) => syncAcme(f, deps);

  /** The org's overlaps by key: exactly one record per key, or the test fails. */
  function overlapsByKey() {
    const all = f.sf.org.all('Partner_Overlap__c');
    const byKey = new Map(all.map((r) => [String(r.Overlap_Key__c), r]));
    expect(byKey.size).toBe(all.length);
    return byKey;
  }

  it('pushes a small change set through sObject Collections, 200 per call, then resyncs with no writes', async () => {
    const ids = await seedOverlaps(f, 250);
    f.sf.stats.reset();
    const run = await sync();
    expect(run.errors).toEqual([]);
    expect(run.status).toBe('succeeded');
    // 1 partner call + 2 overlap calls (200 + 50); Account is never written
    expect(f.sf.stats.snapshot().calls).toEqual({ 'collections.upsert': 3 });
    expect(run.counts).toMatchObject({ pushed: 251, failed: 0, skipped: 0, writeCalls: 3 });

    const partner = f.sf.org.all('Partner__c');
    expect(partner).toHaveLength(1);
    expect(partner[0]).toMatchObject({
      Name: 'Globex Data',
      Overlap_Id__c: f.partnerId,
      Partnership_Status__c: 'Active',
      Managed__c: false,
    });
    const byKey = overlapsByKey();
    expect([...byKey.keys()].sort()).toEqual([...ids].sort());
    const one = byKey.get(ids[0])!;
    expect(one).toMatchObject({
      Partner__c: partner[0].Id,
      Match_Method__c: 'Domain',
      Confidence__c: 0.97,
      Partner_Populations__c: 'Customers',
      Active__c: true,
    });
    expect(String(one.Partner_Owner_Email__c)).toMatch(/^owner\d+@globex\.example$/);
    // the roll-up summaries Salesforce keeps from the details
    expect(f.sf.org.view('Account', String(one.Account__c))).toMatchObject({
      Partner_Overlap_Count__c: 1,
      Last_Overlap_Date__c: '2026-11-01T10:00:00.000+0000',
    });

    f.sf.stats.reset();
    const again = await sync();
    expect(f.sf.stats.snapshot().writeCalls).toBe(0);
    expect(again.counts).toMatchObject({ pushed: 0, unchanged: 251, writeCalls: 0 });
  });

  it('leaves the partner owner out when the partner does not share it', async () => {
    await seedOverlaps(f, 3, { shareOwner: false });
    const run = await sync();
    expect(run.status).toBe('succeeded');
    for (const o of f.sf.org.all('Partner_Overlap__c')) {
      expect(o.Partner_Owner_Name__c).toBeNull();
      expect(o.Partner_Owner_Email__c).toBeNull();
    }
  });

  it('pushes a large change set as one Bulk API 2.0 job per object', async () => {
    await seedOverlaps(f, 300);
    f.sf.stats.reset();
    const run = await sync({ collectionsMax: 100 });
    expect(run.errors).toEqual([]);
    const calls = f.sf.stats.snapshot().calls;
    expect(calls['bulk.ingest.create']).toBe(1); // overlaps only: Account roll-ups are Salesforce's
    expect(calls['bulk.ingest.upload']).toBe(1);
    expect(calls['bulk.ingest.close']).toBe(1);
    expect(calls['collections.upsert']).toBe(1); // the one partner
    expect(overlapsByKey().size).toBe(300);
    expect(f.sf.org.views('Account').filter((a) => a.Partner_Overlap_Count__c === 1)).toHaveLength(
      300,
    );

    f.sf.stats.reset();
    await sync({ collectionsMax: 100 });
    expect(f.sf.stats.snapshot().writeCalls).toBe(0);
  });

  it('deactivates an overlap that ended, and the account roll-up follows', async () => {
    const ids = await seedOverlaps(f, 5);
    await sync();
    await f.ctx.db('overlaps').where({ id: ids[0] }).update({ ended_at: new Date().toISOString() });
    f.sf.stats.reset();
    const run = await sync();
    expect(run.counts).toMatchObject({ pushed: 1, unchanged: 5 }); // the overlap; 1 partner + 4 unchanged
    const ended = overlapsByKey().get(ids[0])!;
    expect(ended.Active__c).toBe(false);
    // the roll-up filters on Active__c, so the account's count drops without an Account write
    expect(f.sf.stats.snapshot().calls).toEqual({ 'collections.upsert': 1 });
    expect(f.sf.org.view('Account', String(ended.Account__c))).toMatchObject({
      Partner_Overlap_Count__c: 0,
      Last_Overlap_Date__c: null,
    });
  });

  it('deletes ended overlaps when the workspace asks for it', async () => {
    const ids = await seedOverlaps(f, 5);
    await f.ctx
      .db('workspaces')
      .where({ id: f.acme })
      .update({ settings: JSON.stringify({ salesforce: { endedOverlaps: 'delete' } }) });
    await sync();
    await f.ctx.db('overlaps').where({ id: ids[1] }).update({ ended_at: new Date().toISOString() });
    const run = await sync();
    expect(run.counts.deleted).toBe(1);
    expect(overlapsByKey().has(ids[1])).toBe(false);
    expect(overlapsByKey().size).toBe(4);
  });

  it('resumes a push that crashed after some chunks: same final state, no duplicates', async () => {
    const ids = await seedOverlaps(f, 650);
    let chunks = 0;
    const crashed = await sync({
      afterChunk: (object) => {
        if (object === 'Partner_Overlap__c' && ++chunks === 2) throw new Error('simulated crash');
      },
    });
    expect(crashed.status).toBe('failed');
    expect(overlapsByKey().size).toBe(400);
    f.sf.stats.reset();
    const resumed = await sync();
    expect(resumed.status).toBe('succeeded');
    // the 400 confirmed rows are not sent again
    expect(resumed.counts).toMatchObject({ unchanged: 401, failed: 0 });
    const byKey = overlapsByKey();
    expect([...byKey.keys()].sort()).toEqual([...ids].sort());
    expect(f.sf.org.views('Account').filter((a) => a.Partner_Overlap_Count__c === 1)).toHaveLength(
      650,
    );
  });

  it('pushes attributions and the Opportunity roll-up, and removes an attribution that went away', async () => {
    await seedOverlaps(f, 1);
    const [account] = f.sf.org.all('Account');
    const [opp] = f.sf.org.insert('Opportunity', [
      {
        Name: 'Deal',
        AccountId: account.Id,
        StageName: 'Prospecting',
        CloseDate: '2026-12-31',
        Amount: 1000,
      },
    ]);
    const row = (id: string, type: string, weight: number, amount: number) => ({
      id,
      workspace_id: f.acme,
      opportunity_source_id: opp.Id,
      partner_id: f.partnerId,
      type,
      weight,
      amount,
      currency: 'USD',
      explanation: JSON.stringify({ summary: 'intro made 2026-11-02' }),
      content_hash: id,
      computed_at: '2026-11-20T00:00:00Z',
    });
    await f.ctx.db('attributions').insert(row('at-1', 'sourced', 1, 1000));
    const run = await sync();
    expect(run.errors).toEqual([]);
    const [partner] = f.sf.org.all('Partner__c');
    expect(f.sf.org.all('Partner_Attribution__c')).toEqual([
      expect.objectContaining({
        Attribution_Key__c: 'at-1',
        Opportunity__c: opp.Id,
        Partner__c: partner.Id,
        Attribution_Type__c: 'Sourced',
        Influence_Weight__c: 1,
        Attributed_Amount__c: 1000,
        Touches_Summary__c: 'intro made 2026-11-02',
      }),
    ]);
    expect(f.sf.org.get('Opportunity', String(opp.Id))).toMatchObject({
      Sourced_Partner__c: partner.Id,
      Influencing_Partner_Count__c: 0,
    });

    await f.ctx.db('attributions').where({ id: 'at-1' }).delete();
    const after = await sync();
    expect(after.counts.deleted).toBe(1);
    expect(f.sf.org.all('Partner_Attribution__c')).toHaveLength(0);
    expect(f.sf.org.get('Opportunity', String(opp.Id))).toMatchObject({ Sourced_Partner__c: null });
  });
});
