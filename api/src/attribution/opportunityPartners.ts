import type { Knex } from 'knex';
import { NotFoundError } from '../http/errors';
import { recordOverlaps } from '../mapping/overlaps';
import { listAttributions, loadOpportunities, partnerNames } from './store';
import { touchesByIds } from './touchesStore';
import type { Touch } from './types';

/** The partner picture of one opportunity: the account's shared overlaps and the attributions with their touches. */
export async function opportunityPartners(db: Knex, workspaceId: string, sourceId: string) {
  const [opp] = await loadOpportunities(db, workspaceId, [sourceId]);
  if (!opp || opp.deleted)
    throw new NotFoundError(`Opportunity ${sourceId} not found`, 'opportunity_not_found');
  const attributions = await listAttributions(db, workspaceId, { opportunitySourceId: sourceId });
  const names = await partnerNames(db, workspaceId);
  const stored = new Map(
    (
      await touchesByIds(
        db,
        workspaceId,
        attributions.flatMap((a) => a.touchIds),
      )
    ).map((t) => [t.id, t]),
  );
  return {
    opportunity: {
      sourceId: opp.sourceId,
      name: opp.name,
      amount: opp.amount,
      currency: opp.currency,
      accountSourceId: opp.accountSourceId,
    },
    overlaps: await accountOverlaps(db, workspaceId, opp.accountSourceId),
    attributions: attributions.map((a) => ({
      partner: { id: a.partnerId, name: names.get(a.partnerId) ?? a.partnerId },
      type: a.type,
      weight: a.weight,
      amount: a.amount,
      currency: a.currency,
      touches: a.touchIds.map((id) => stored.get(id) ?? evidenceTouch(id, a, opp.accountSourceId)),
      explanation: a.explanation,
    })),
  };
}

/** The account's overlaps through the sharing module; an account no longer on file has none. */
async function accountOverlaps(db: Knex, workspaceId: string, accountSourceId: string) {
  try {
    return (await recordOverlaps(db, workspaceId, accountSourceId)).overlaps;
  } catch (err) {
    if (err instanceof NotFoundError) return [];
    throw err;
  }
}

/** Overlap evidence is listed among the touches so every attribution shows what it stands on. */
function evidenceTouch(
  id: string,
  a: {
    partnerId: string;
    opportunitySourceId: string;
    explanation: { steps: Array<{ touchId: string; occurredAt: string; detail: string }> };
  },
  accountSourceId: string,
): Touch {
  const step = a.explanation.steps.find((s) => s.touchId === id);
  return {
    id,
    partnerId: a.partnerId,
    accountSourceId,
    opportunitySourceId: a.opportunitySourceId,
    type: 'customer_overlap',
    occurredAt: step?.occurredAt ?? '',
    source: 'sync',
    ref: null,
    note: step?.detail ?? null,
  };
}
