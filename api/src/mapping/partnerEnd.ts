import { recomputeAttribution } from '../attribution/service';
import { listAttributions } from '../attribution/store';
import type { AppContext } from '../context';
import { endPartner, type PartnerView } from './partners';
import { findPartner, reverseRow } from './sharingStore';

/**
 * Ends a partnership (partners.ts `endPartner`), then recomputes the attributions that named it on
 * both sides: "the partner has this account as a customer" was the partner's shared data, so no
 * attribution, metric or Salesforce push row may keep standing on it once the partnership is over.
 */
export async function endPartnership(
  ctx: AppContext,
  workspaceId: string,
  partnerId: string,
): Promise<PartnerView> {
  const mine = await findPartner(ctx.db, workspaceId, partnerId);
  const back = mine.status === 'active' ? await reverseRow(ctx.db, mine) : null;
  const view = await endPartner(ctx.db, workspaceId, partnerId, ctx.now());
  if (mine.status === 'ended') return view;
  for (const side of [mine, ...(back ? [back] : [])]) {
    const opportunities = (
      await listAttributions(ctx.db, side.workspaceId, { partnerId: side.id })
    ).map((a) => a.opportunitySourceId);
    if (opportunities.length) await recomputeAttribution(ctx, side.workspaceId, opportunities);
  }
  return view;
}
