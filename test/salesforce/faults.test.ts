import { testDatabases } from '../helpers/context';
import type { FaultSettings } from '../emulator';
import { startSync, type SyncDeps } from '../../api/src/salesforce/sync';
import { fastRetry, seedOverlaps, setup, type Fixture } from './fixture';

/**
 * Each injected fault must end with exactly the expected records in the org: every overlap once,
 * nothing lost, nothing duplicated, and the run retried rather than failed.
 */
describe.each(testDatabases())('Salesforce push under faults (%s)', (kind) => {
  let f: Fixture;
  let ids: string[];
  beforeEach(async () => {
    f = await setup(kind);
    ids = await seedOverlaps(f, 250);
  });
  afterEach(() => f.close());

  async function sync(deps: SyncDeps = {}) {
    const retry = fastRetry();
    const { done } = await startSync(f.ctx, f.acme, 'api', { retry, pull: false, ...deps });
    return { run: await done, retry };
  }

  function expectExactlyAllOverlaps() {
    const all = f.sf.org.all('Partner_Overlap__c');
    expect(all).toHaveLength(ids.length);
    expect(new Set(all.map((r) => r.Overlap_Key__c))).toEqual(new Set(ids));
    expect(f.sf.org.all('Partner__c')).toHaveLength(1);
    expect(f.sf.org.views('Account').filter((a) => a.Partner_Overlap_Count__c === 1)).toHaveLength(
      ids.length,
    );
  }

  const cases: Array<[string, FaultSettings, SyncDeps]> = [
    ['429 Too Many Requests', { tooManyRequestsCalls: 3 }, {}],
    ['403 REQUEST_LIMIT_EXCEEDED', { requestLimitCalls: 2 }, {}],
    ['503 Service Unavailable', { serverErrorCalls: 2, serverErrorStatus: 503 }, {}],
    ['500 Internal Server Error', { serverErrorCalls: 1, serverErrorStatus: 500 }, {}],
    ['UNABLE_TO_LOCK_ROW on some records', { lockRowRecords: 7 }, {}],
    ['a dropped connection after 120 records (collections)', { dropAfterRecords: 120 }, {}],
    [
      'a dropped connection during a Bulk API 2.0 job',
      { dropAfterRecords: 100 },
      { collectionsMax: 100 },
    ],
    [
      'UNABLE_TO_LOCK_ROW inside a Bulk API 2.0 job',
      { lockRowRecords: 5 },
      { collectionsMax: 100 },
    ],
  ];

  /** Arms the faults once the partner is in, so they hit the overlap and account writes. */
  const armAfterPartner = (faults: FaultSettings): SyncDeps['afterChunk'] => {
    let armed = false;
    return (object) => {
      if (object === 'Partner__c' && !armed) {
        armed = true;
        f.sf.faults.set(faults);
      }
    };
  };

  it.each(cases)('recovers from %s', async (_name, faults, deps) => {
    const { run, retry } = await sync({ ...deps, afterChunk: armAfterPartner(faults) });
    expect(run.errors).toEqual([]);
    expect(run.status).toBe('succeeded');
    // the fault really happened (its counter is used up) and was answered by a retry
    const left = f.sf.faults.current;
    for (const k of [
      'tooManyRequestsCalls',
      'requestLimitCalls',
      'serverErrorCalls',
      'lockRowRecords',
    ] as const) {
      expect(left[k] ?? 0).toBe(0);
    }
    expect(left.dropAfterRecords).toBeUndefined();
    if (!deps.collectionsMax || !faults.lockRowRecords)
      expect(retry.slept.length).toBeGreaterThan(0);
    expectExactlyAllOverlaps();
    // and the next run has nothing left to write
    f.sf.stats.reset();
    await sync(deps);
    expect(f.sf.stats.snapshot().writeCalls).toBe(0);
  });

  it('stores per-record errors when faults outlast the retries, and the next run repairs them', async () => {
    const { run } = await sync({ afterChunk: armAfterPartner({ lockRowRecords: 10_000 }) });
    expect(run.status).toBe('partial');
    expect(run.counts.failed).toBe(250); // every overlap, not the partner
    const stored = await f.ctx
      .db('sf_push_state')
      .whereNotNull('last_error')
      .where({ workspace_id: f.acme });
    expect(stored.length).toBe(run.counts.failed);
    expect(stored[0].last_error).toMatch(/UNABLE_TO_LOCK_ROW/);
    expect(Number(stored[0].attempts)).toBe(1);
    f.sf.faults.clear();
    const { run: again } = await sync();
    expect(again.status).toBe('succeeded');
    expect(again.counts.pushed).toBe(run.counts.failed);
    expectExactlyAllOverlaps();
    expect(
      await f.ctx.db('sf_push_state').whereNotNull('last_error').where({ workspace_id: f.acme }),
    ).toHaveLength(0);
  });

  it('refreshes an expired access token with the stored refresh token', async () => {
    const { connectOrg } = await import('../../api/src/salesforce/connect');
    await connectOrg(f.ctx, f.acme, {
      method: 'token',
      instanceUrl: f.sf.instanceUrl,
      accessToken: f.sf.issueAccessToken(),
      refreshToken: f.sf.issueRefreshToken(),
      clientId: f.sf.clientId,
      clientSecret: f.sf.clientSecret,
      loginUrl: f.sf.url,
    });
    const before = (await f.ctx.db('sf_connections').where({ workspace_id: f.acme }).first())
      .secrets;
    f.sf.expireTokens();
    const { run } = await sync();
    expect(run.status).toBe('succeeded');
    expectExactlyAllOverlaps();
    const after = (await f.ctx.db('sf_connections').where({ workspace_id: f.acme }).first())
      .secrets;
    expect(after).not.toBe(before); // the new token is stored (encrypted)
  });

  it('fails the run with a clear error when the token expired and cannot be refreshed', async () => {
    f.sf.expireTokens();
    const { run } = await sync();
    expect(run.status).toBe('failed');
    expect(run.errors[0].message).toMatch(/refresh/i);
    expect(f.sf.org.all('Partner_Overlap__c')).toHaveLength(0);
  });
});
