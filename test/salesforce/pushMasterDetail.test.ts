/**
 * The push under master-detail: Partner_Overlap__c belongs to a Salesforce Account, so overlaps
 * of CSV-imported accounts are skipped with a reason, and overlaps Salesforce deleted with their
 * Account settle instead of failing on every run. Account itself is never written.
 */
import { testDatabases } from '../helpers/context';
import { upsertRecords } from '../../api/src/mapping/recordsStore';
import { NO_ACCOUNT_ID } from '../../api/src/salesforce/push';
import type { SyncDeps } from '../../api/src/salesforce/sync';
import { seedOverlaps, setup, syncAcme, type Fixture } from './fixture';

describe.each(testDatabases())('Salesforce push with master-detail overlaps (%s)', (kind) => {
  let f: Fixture;
  beforeEach(async () => {
    f = await setup(kind);
  });
  afterEach(() => f.close());

  const sync = (deps: SyncDeps = {}) => syncAcme(f, deps);

  /** An Acme account imported from CSV (no Salesforce id) overlapping a Globex customer. */
  async function csvOverlap(sourceId: string): Promise<string> {
    const { db } = f.ctx;
    await upsertRecords(db, f.acme, [{ sourceId, name: `CSV ${sourceId}` }]);
    await upsertRecords(db, f.globex, [{ sourceId: `G-${sourceId}`, name: `Globex ${sourceId}` }]);
    const mine = await db('records').where({ workspace_id: f.acme, source_id: sourceId }).first();
    const theirs = await db('records')
      .where({ workspace_id: f.globex, source_id: `G-${sourceId}` })
      .first();
    const customers = await db('populations')
      .where({ workspace_id: f.globex, name: 'Customers' })
      .first();
    await db('record_populations').insert({ record_id: theirs.id, population_id: customers.id });
    const id = `ov-${sourceId}`;
    await db('overlaps').insert({
      id,
      workspace_id: f.acme,
      partner_id: f.partnerId,
      record_id: mine.id,
      partner_record_id: theirs.id,
      method: 'name',
      confidence: 0.9,
      first_seen: '2026-11-02T10:00:00.000Z',
      last_seen: '2026-11-20T10:00:00.000Z',
    });
    return id;
  }

  it('skips overlaps of CSV-imported accounts with a reason, and pushes the rest', async () => {
    const ids = await seedOverlaps(f, 3);
    const csv = await csvOverlap('ACME-0042');
    const warn = jest.spyOn(f.ctx.logger, 'warn');
    const run = await sync();
    expect(run.status).toBe('succeeded');
    expect(run.errors).toEqual([]);
    expect(run.counts).toMatchObject({ pushed: 4, failed: 0, skipped: 1 }); // 1 partner + 3
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ skipped: 1, keys: [csv] }),
      NO_ACCOUNT_ID,
    );
    const keys = f.sf.org.all('Partner_Overlap__c').map((r) => String(r.Overlap_Key__c));
    expect(keys.sort()).toEqual([...ids].sort());
    // nothing about the skipped row is stored as pushed, and the next run stays quiet
    f.sf.stats.reset();
    const again = await sync();
    expect(again.counts).toMatchObject({ pushed: 0, skipped: 1, unchanged: 4 });
    expect(f.sf.stats.snapshot().writeCalls).toBe(0);
  });

  it('settles overlaps that Salesforce deleted with their Account instead of failing every run', async () => {
    const ids = await seedOverlaps(f, 3);
    await sync();
    const byKey = new Map(
      f.sf.org.all('Partner_Overlap__c').map((r) => [String(r.Overlap_Key__c), r]),
    );
    // an admin deletes two accounts in Salesforce: their overlaps go with them
    for (const id of ids.slice(0, 2))
      f.sf.org.delete('Account', [String(byKey.get(id)!.Account__c)]);
    expect(f.sf.org.all('Partner_Overlap__c')).toHaveLength(1);
    // Overlap then ends one of them and loses the other (hidden by a sharing change)
    await f.ctx.db('overlaps').where({ id: ids[0] }).update({ ended_at: '2026-11-25T00:00:00Z' });
    await f.ctx.db('overlaps').where({ id: ids[1] }).delete();
    const run = await sync();
    expect(run.errors).toEqual([]);
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ failed: 0, deleted: 2 });
    expect(f.sf.org.all('Partner_Overlap__c')).toHaveLength(1); // nothing re-created
    f.sf.stats.reset();
    const again = await sync();
    expect(again.counts).toMatchObject({ pushed: 0, failed: 0 });
    expect(f.sf.stats.snapshot().writeCalls).toBe(0);
  });

  it('forgets a vanished overlap that Salesforce never confirmed instead of switching it off', async () => {
    const [id] = await seedOverlaps(f, 1);
    // the partner goes through, then every overlap write fails
    const first = await sync({
      afterChunk: (object) => {
        if (object === 'Partner__c') f.sf.faults.set({ lockRowRecords: 100 });
      },
    });
    expect(first.counts.failed).toBeGreaterThan(0);
    f.sf.faults.clear();
    await f.ctx.db('overlaps').where({ id }).delete();
    f.sf.stats.reset();
    const run = await sync();
    expect(run.errors).toEqual([]);
    expect(f.sf.org.all('Partner_Overlap__c')).toHaveLength(0);
    const state = await f.ctx
      .db('sf_push_state')
      .where({ workspace_id: f.acme, object: 'Partner_Overlap__c' });
    expect(state).toHaveLength(0);
  });
});
