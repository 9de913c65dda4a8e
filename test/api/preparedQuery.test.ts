import type { Knex } from 'knex';
import { preparedSelect } from '../../api/src/mapping/preparedQuery';
import {
  findWorkspaceSettings,
  parseSettings,
  putSettingsSection,
  workspaceSettings,
} from '../../api/src/mapping/workspaces';
import { getRules } from '../../api/src/attribution/service';
import { getPlanningSettings } from '../../api/src/planning/settingsStore';
import { salesforceSettings } from '../../api/src/salesforce/sync';
import { createTestContext, testDatabases, type TestContext } from '../helpers/context';

describe.each(testDatabases())('preparedSelect and workspace settings (%s)', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
    await ctx.db('workspaces').insert([
      { id: 'w1', name: 'One', settings: '{}', created_at: new Date().toISOString() },
      { id: 'w2', name: 'Two', settings: 'not json', created_at: new Date().toISOString() },
    ]);
  });
  afterAll(() => ctx.close());

  const byName = preparedSelect(2, (db: Knex, id: string, name: string) =>
    db('workspaces')
      .select('id', db('cache_versions').select('version').where('name', 'sharing').as('v'))
      .where({ id, name })
      .orWhere('id', 'none'),
  );

  it('maps each call’s arguments onto the compiled bindings and keeps constant ones', async () => {
    expect(await byName(ctx.db, 'w1', 'One')).toEqual([{ id: 'w1', v: expect.anything() }]);
    expect(await byName(ctx.db, 'w2', 'Two')).toEqual([{ id: 'w2', v: expect.anything() }]);
    expect(await byName(ctx.db, 'w1', 'Two')).toEqual([]);
    // an argument that looks like SQL is only ever a value
    expect(await byName(ctx.db, "w1' OR '1'='1", 'One')).toEqual([]);
  });

  it('rejects a bad statement and leaves the pool usable', async () => {
    const broken = preparedSelect(1, (db: Knex, id: string) =>
      db('no_such_table').select('id').where({ id }),
    );
    await expect(broken(ctx.db, 'x')).rejects.toThrow(/no_such_table/);
    expect(await byName(ctx.db, 'w1', 'One')).toHaveLength(1);
  });

  it('reads settings in one place: malformed text falls back to every part’s defaults', async () => {
    expect(parseSettings('{"a":1}')).toEqual({ a: 1 });
    for (const bad of ['nope', '[1]', '3', null]) expect(parseSettings(bad)).toEqual({});
    expect(await workspaceSettings(ctx.db, 'w2')).toEqual({});
    expect(await findWorkspaceSettings(ctx.db, 'missing')).toBeNull();
    await expect(workspaceSettings(ctx.db, 'missing')).rejects.toMatchObject({ status: 404 });
    expect((await getPlanningSettings(ctx.db, 'w2')).timeZone).toBeTruthy();
    expect(await getRules(ctx.db, 'w2')).toEqual(await getRules(ctx.db, 'w1'));
    expect(await salesforceSettings(ctx, 'w2')).toEqual({
      endedOverlaps: 'deactivate',
      syncIntervalMinutes: undefined,
      accountFields: [],
    });
  });

  it('replaces one section and keeps the others', async () => {
    await putSettingsSection(ctx.db, 'w1', 'salesforce', { endedOverlaps: 'delete' });
    await putSettingsSection(ctx.db, 'w1', 'minConfidence', 0.9);
    expect(await workspaceSettings(ctx.db, 'w1')).toEqual({
      salesforce: { endedOverlaps: 'delete' },
      minConfidence: 0.9,
    });
    expect((await salesforceSettings(ctx, 'w1')).endedOverlaps).toBe('delete');
  });
});
