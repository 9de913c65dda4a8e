import { testDatabases } from '../helpers/context';
import { startScheduler } from '../../api/src/salesforce/scheduler';
import { listRuns } from '../../api/src/salesforce/syncRunsStore';
import { fastRetry, setup, type Fixture } from './fixture';

describe.each(testDatabases())('Salesforce sync scheduler (%s)', (kind) => {
  let f: Fixture;
  let clock: Date;
  beforeEach(async () => {
    f = await setup(kind);
    clock = new Date('2026-11-27T10:00:00Z');
    f.ctx.now = () => clock;
    f.ctx.config.syncIntervalMinutes = 30;
  });
  afterEach(() => f.close());

  const settle = async () => {
    for (
      let i = 0;
      i < 200 && (await f.ctx.db('sync_runs').whereIn('status', ['queued', 'running'])).length;
      i++
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('runs each connected workspace once per interval, never two at once, and honours the workspace setting', async () => {
    // a run left "running" by a stopped process is closed first
    await f.ctx.db('sync_runs').insert({
      id: '11111111-1111-4111-8111-111111111111',
      workspace_id: f.acme,
      trigger: 'api',
      status: 'running',
      created_at: '2026-11-27T09:00:00Z',
    });
    const s = startScheduler(f.ctx, { retry: fastRetry() }, 3_600_000);
    try {
      expect(await s.tick()).toEqual([f.acme]);
      expect(await s.tick()).toEqual([]); // in flight
      await settle();
      const runs = await listRuns(f.ctx.db, f.acme, 10);
      expect(runs.map((r) => [r.trigger, r.status])).toEqual([
        ['schedule', 'succeeded'],
        ['api', 'failed'],
      ]);
      clock = new Date('2026-11-27T10:20:00Z');
      expect(await s.tick()).toEqual([]); // interval not yet passed
      clock = new Date('2026-11-27T10:31:00Z');
      expect(await s.tick()).toEqual([f.acme]);
      await settle();
      await f.ctx
        .db('workspaces')
        .where({ id: f.acme })
        .update({ settings: JSON.stringify({ salesforce: { syncIntervalMinutes: 0 } }) });
      clock = new Date('2026-11-28T10:31:00Z');
      expect(await s.tick()).toEqual([]);
    } finally {
      s.stop();
    }
  });
});
