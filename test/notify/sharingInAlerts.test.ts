import { upsertRecords } from '../../api/src/mapping/recordsStore';
import { ensureStandardPopulations } from '../../api/src/mapping/populations';
import { onRecordsChanged } from '../../api/src/mapping/recompute';
import { putSharing } from '../../api/src/mapping/sharingService';
import { createWorkspace, linkPartners } from '../../api/src/mapping/workspaces';
import type { OverlapAlert } from '../../api/src/notify/alert';
import { insertChannel } from '../../api/src/notify/channelsStore';
import { enqueueAlerts } from '../../api/src/notify/dispatcher';
import { loadOverlapAlert } from '../../api/src/notify/source';
import { createTestContext, testDatabases, type TestContext } from '../helpers/context';

// Alerts are built from the overlap as the receiving workspace may see it: the partner's owner
// appears only when shared, and populations the partner hides (or only counts) raise no alert.
describe.each(testDatabases())('alerts respect the partner’s sharing rules (%s)', (kind) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(kind);
  });
  afterEach(() => ctx.close());

  async function rulesFor(
    ws: string,
    partnerRow: string,
    levels: Record<string, [string, string[]]>,
  ) {
    const pops = await ctx.db('populations').where({ workspace_id: ws });
    const rules = pops
      .filter((p) => levels[p.name])
      .map((p) => ({
        populationId: p.id,
        level: levels[p.name][0] as 'overlaps',
        fields: levels[p.name][1],
      }));
    await putSharing(ctx, ws, partnerRow, rules);
  }

  it('shows only shared owner fields and nothing for count-only populations', async () => {
    const acme = await createWorkspace(ctx.db, 'Acme');
    const globex = await createWorkspace(ctx.db, 'Globex');
    await linkPartners(ctx.db, acme, globex);
    for (const w of [acme, globex]) await ensureStandardPopulations(ctx.db, w.id);
    const acmeToGlobex = (await ctx.db('partners').where({ workspace_id: acme.id }).first()).id;
    const globexToAcme = (await ctx.db('partners').where({ workspace_id: globex.id }).first()).id;
    await rulesFor(acme.id, acmeToGlobex, { Customers: ['overlaps', []], Leads: ['overlaps', []] });
    await rulesFor(globex.id, globexToAcme, {
      Prospects: ['overlaps', ['ownerName']],
      Leads: ['counts', []],
    });

    await upsertRecords(ctx.db, acme.id, [
      {
        sourceId: 'A1',
        name: 'Northwind Traders',
        website: 'https://northwind-traders.com',
        type: 'Customer - Direct',
        country: 'US',
      },
      {
        sourceId: 'A2',
        name: 'Contoso Pharma',
        website: 'contoso-pharma.com',
        type: 'Customer - Direct',
        country: 'US',
      },
    ]);
    await upsertRecords(ctx.db, globex.id, [
      {
        sourceId: 'G1',
        name: 'Northwind Traders Inc.',
        website: 'www.northwind-traders.com',
        type: 'Prospect',
        country: 'US',
        ownerName: 'Kim Lee',
        ownerEmail: 'kim@globex.example',
      },
      {
        sourceId: 'G2',
        name: 'Contoso Pharma',
        website: 'https://contoso-pharma.com/en',
        type: 'Lead',
        country: 'US',
        ownerName: 'Bo Chen',
        ownerEmail: 'bo@globex.example',
      },
    ]);
    await onRecordsChanged(ctx, acme.id, { changed: ['A1', 'A2'] });
    await onRecordsChanged(ctx, globex.id, { changed: ['G1', 'G2'] });

    const alerts: OverlapAlert[] = [];
    const loadAlert: typeof loadOverlapAlert = async (c, e) => {
      const a = await loadOverlapAlert(c, e);
      if (a) alerts.push(a);
      return a;
    };
    await insertChannel(ctx, {
      workspaceId: acme.id,
      partnerId: null,
      kind: 'webhook',
      name: 'h',
      topics: ['overlap.created', 'overlap.changed'],
      target: { url: 'http://127.0.0.1:9/x', secret: 'x'.repeat(16) },
    });
    await enqueueAlerts(ctx, { loadAlert });

    const byAccount = new Map(alerts.map((a) => [a.account.sourceId, a]));
    expect(byAccount.has('A2')).toBe(false); // Globex only counts its Leads: no named overlap, no alert
    const northwind = byAccount.get('A1');
    expect(northwind).toBeDefined();
    expect(northwind!.partnerPopulations).toEqual(['Prospects']);
    expect(northwind!.partnerOwner).toEqual({ name: 'Kim Lee', email: null });
    expect(JSON.stringify(alerts)).not.toContain('kim@globex.example');
    expect(JSON.stringify(alerts)).not.toContain('Bo Chen');

    // Globex stops sharing Prospects: the change event that follows must not raise an alert.
    alerts.length = 0;
    await rulesFor(globex.id, globexToAcme, { Leads: ['counts', []] });
    await enqueueAlerts(ctx, { loadAlert });
    expect(alerts).toEqual([]);
  });
});
