import { down, up } from '../../api/src/db/migrations/20261127_008_planning';
import { createTestContext, testDatabases } from '../helpers/context';

const TABLES = [
  'overlap_triage',
  'planning_criteria',
  'planning_sessions',
  'planning_agenda_items',
  'planning_targets',
  'partner_plays',
  'partner_comms',
  'planning_digest_runs',
];

describe.each(testDatabases())('planning migration (%s)', (kind) => {
  it('goes down and up again cleanly', async () => {
    const ctx = await createTestContext(kind);
    try {
      for (const t of TABLES) expect(await ctx.db.schema.hasTable(t)).toBe(true);
      await down(ctx.db);
      for (const t of TABLES) expect(await ctx.db.schema.hasTable(t)).toBe(false);
      await up(ctx.db);
      for (const t of TABLES) expect(await ctx.db.schema.hasTable(t)).toBe(true);
    } finally {
      await ctx.close();
    }
  });
});
