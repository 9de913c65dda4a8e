import type { AppContext } from '../context';
import { ensureStandardPopulations, STANDARD_POPULATIONS } from './populations';
import { recomputeAllOverlaps } from './recompute';
import type { SharingRule } from './sharing';
import { putSharing } from './sharingService';

/** Per standard population: what each demo company shares with the other. */
const DEMO_RULES: Record<string, Omit<SharingRule, 'populationId'>> = {
  customers: { level: 'overlaps', fields: ['ownerName', 'ownerEmail', 'website'] },
  open_opportunities: { level: 'overlaps', fields: ['ownerName', 'ownerEmail'] },
  prospects: { level: 'overlaps', fields: [] },
  leads: { level: 'counts', fields: [] },
};

/**
 * Demo step: standard populations for both workspaces, the sharing rules above in both
 * directions, then every overlap, so `npm start` shows overlaps at once.
 */
export async function mappingDemoHook(
  ctx: AppContext,
  ids: { acme: string; globex: string },
): Promise<void> {
  for (const ws of [ids.acme, ids.globex]) await ensureStandardPopulations(ctx.db, ws);
  for (const ws of [ids.acme, ids.globex]) {
    const pops = await ctx
      .db('populations')
      .select('id', 'standard_key')
      .where({ workspace_id: ws, kind: 'standard' });
    const partners = await ctx
      .db('partners')
      .select('id')
      .where({ workspace_id: ws, status: 'active' });
    const rules = pops
      .filter((p) => STANDARD_POPULATIONS.some((s) => s.key === p.standard_key))
      .map((p) => ({ populationId: p.id, ...DEMO_RULES[p.standard_key] }));
    for (const partner of partners) await putSharing(ctx, ws, partner.id, rules);
  }
  await recomputeAllOverlaps(ctx, ids.acme);
}
