import { down, up } from '../../api/src/db/migrations/20261127_023_sf_account_rollups';
import { createWorkspace } from '../../api/src/mapping/workspaces';
import { createTestContext, testDatabases } from '../helpers/context';

describe.each(testDatabases())('account roll-ups migration (%s)', (kind) => {
  it('clears the push state of Account rows and keeps every other object', async () => {
    const ctx = await createTestContext(kind);
    try {
      const ws = await createWorkspace(ctx.db, 'Acme Cloud');
      const row = (object: string, key: string) => ({
        workspace_id: ws.id,
        object,
        external_key: key,
        hash: 'h',
        attempts: 0,
      });
      await ctx
        .db('sf_push_state')
        .insert([
          row('Account', '001000000000001AAA'),
          row('Account', '001000000000002AAA'),
          row('Partner_Overlap__c', 'ov-1'),
          row('Opportunity', '006000000000001AAA'),
        ]);
      await up(ctx.db);
      const left = await ctx.db('sf_push_state').select('object').orderBy('object');
      expect(left.map((r) => r.object)).toEqual(['Opportunity', 'Partner_Overlap__c']);
      await down(); // nothing to restore: the next push writes no Account rows either
      expect(await ctx.db('sf_push_state').select('object')).toHaveLength(2);
    } finally {
      await ctx.close();
    }
  });
});
