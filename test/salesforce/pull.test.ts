import { testDatabases } from '../helpers/context';
import { seedDemoOrg } from '../emulator';
import { generateDemo } from '../../api/src/demo/generate';
import { upsertRecords } from '../../api/src/mapping/recordsStore';
import { ensureStandardPopulations } from '../../api/src/mapping/populations';
import { startSync, type SyncDeps } from '../../api/src/salesforce/sync';
import { fastRetry, setup, type Fixture } from './fixture';

const demo = generateDemo({ size: 300, shared: 80 });

describe.each(testDatabases())('Salesforce pull against the emulator (%s)', (kind) => {
  let f: Fixture;
  beforeEach(async () => {
    f = await setup(kind, { queryBatchSize: 100 });
    seedDemoOrg(f.sf.org, demo.acme);
    await ensureStandardPopulations(f.ctx.db, f.acme);
    await ensureStandardPopulations(f.ctx.db, f.globex);
    await upsertRecords(
      f.ctx.db,
      f.globex,
      demo.globex.accounts.map((a) => ({
        sourceId: a.Id,
        name: a.Name,
        website: a.Website,
        country: a.BillingCountry,
      })),
    );
  });
  afterEach(() => f.close());

  async function sync(deps: SyncDeps = {}) {
    const { done } = await startSync(f.ctx, f.acme, 'api', { retry: fastRetry(), ...deps });
    return done;
  }

  const live = (table: string) =>
    f.ctx.db(table).where({ workspace_id: f.acme }).whereNull('deleted_at');

  it('reads everything first (REST query with queryMore), matches, then only what changed and what was deleted', async () => {
    f.sf.stats.reset();
    const first = await sync();
    expect(first.errors.filter((e) => e.stage !== 'push')).toEqual([]);
    expect(first.counts).toMatchObject({
      pulledAccounts: demo.acme.accounts.length,
      pulledOpportunities: demo.acme.opportunities.length,
    });
    expect(f.sf.stats.get('queryMore')).toBeGreaterThan(0);
    expect(f.sf.stats.get('bulk.query.create')).toBe(0);
    expect(await live('records')).toHaveLength(demo.acme.accounts.length);
    const sample = demo.acme.accounts[0];
    const stored = await live('records').where({ source_id: sample.Id }).first();
    expect(stored).toMatchObject({
      name: sample.Name,
      owner_name: sample.OwnerName,
      owner_email: sample.OwnerEmail,
      type: sample.Type,
    });
    expect(await live('opportunities')).toHaveLength(demo.acme.opportunities.length);
    // the pull fed incremental matching: the shared companies now overlap
    expect((await f.ctx.db('overlaps').where({ workspace_id: f.acme })).length).toBeGreaterThan(20);

    const [a1, a2, a3] = demo.acme.accounts.filter(
      (a) => !demo.acme.accounts.some((c) => c.ParentId === a.Id),
    );
    const opp = demo.acme.opportunities.find((o) => o.AccountId !== a3.Id)!;
    await new Promise((r) => setTimeout(r, 5)); // a later SystemModstamp than the mark
    f.sf.org.update('Account', [
      { Id: a1.Id, Name: 'Renamed One' },
      { Id: a2.Id, Website: 'https://renamed-two.example' },
    ]);
    f.sf.org.delete('Opportunity', [
      opp.Id,
      ...demo.acme.opportunities.filter((o) => o.AccountId === a3.Id).map((o) => o.Id),
    ]);
    f.sf.org.delete('Account', [a3.Id]);

    f.sf.stats.reset();
    const second = await sync();
    expect(second.errors.filter((e) => e.stage !== 'push')).toEqual([]);
    expect(second.counts.pulledAccounts).toBe(2);
    expect(second.counts.pulledOpportunities).toBe(0);
    expect(second.counts.deleted).toBe(
      2 + demo.acme.opportunities.filter((o) => o.AccountId === a3.Id).length,
    );
    expect(f.sf.stats.get('queryAll')).toBe(2);
    expect((await live('records').where({ source_id: a1.Id }).first()).name).toBe('Renamed One');
    expect(await live('records').where({ source_id: a3.Id })).toHaveLength(0);
    expect(await live('opportunities').where({ source_id: opp.Id })).toHaveLength(0);
  });

  it('uses a Bulk API 2.0 query job when the count reaches the threshold', async () => {
    f.ctx.config.bulkThreshold = 100;
    f.sf.stats.reset();
    const run = await sync();
    expect(run.counts.pulledAccounts).toBe(demo.acme.accounts.length);
    expect(f.sf.stats.get('bulk.query.create')).toBe(2);
    const sample = demo.acme.accounts[1];
    const stored = await live('records').where({ source_id: sample.Id }).first();
    expect(stored).toMatchObject({
      name: sample.Name,
      country: sample.BillingCountry,
      owner_email: sample.OwnerEmail,
    });
    const opp = demo.acme.opportunities[0];
    const storedOpp = await live('opportunities').where({ source_id: opp.Id }).first();
    expect(Boolean(storedOpp.is_won)).toBe(opp.IsWon);
    expect(Number(storedOpp.amount)).toBe(opp.Amount);
  });

  it('pulls nothing and writes nothing on an unchanged resync', async () => {
    await sync();
    f.sf.stats.reset();
    const again = await sync();
    expect(again.counts).toMatchObject({
      pulledAccounts: 0,
      pulledOpportunities: 0,
      deleted: 0,
      pushed: 0,
      writeCalls: 0,
    });
    expect(f.sf.stats.snapshot().writeCalls).toBe(0);
  });
});
