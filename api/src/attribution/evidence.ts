import type { Knex } from 'knex';
import { levelOf } from '../mapping/sharing';
import { listPartners, viewerPolicy } from '../mapping/sharingStore';
import { toIso, toIsoOrNull } from './rows';
import type { OverlapEvidence } from './types';

/** A partner of the workspace whose Customers population it shares with us at `overlaps` level. */
interface SharedCustomers {
  partnerId: string;
  customersPopulationId: string;
}

/**
 * Which partners' Customers we may use as evidence, decided by the sharing module (the partner's
 * own rule toward us): only `overlaps` level lets us know *which* accounts are their customers,
 * so `counts` or `hidden` yields no evidence at all. Managed partners' data is ours to see.
 */
export async function partnersSharingCustomers(
  db: Knex,
  workspaceId: string,
): Promise<SharedCustomers[]> {
  const out: SharedCustomers[] = [];
  for (const partner of await listPartners(db, workspaceId)) {
    if (!partner.partnerWorkspaceId) continue;
    const customers = await db('populations')
      .select('id')
      .where({ workspace_id: partner.partnerWorkspaceId, standard_key: 'customers' })
      .first();
    if (!customers) continue;
    const policy = await viewerPolicy(db, partner);
    if (levelOf(policy, String(customers.id)) === 'overlaps') {
      out.push({ partnerId: partner.id, customersPopulationId: String(customers.id) });
    }
  }
  return out;
}

/**
 * Customer-overlap evidence on the given accounts (all accounts when omitted): overlaps of my
 * record with a partner record in the partner's Customers population, for partners that share it.
 */
export async function loadOverlapEvidence(
  db: Knex,
  workspaceId: string,
  accountSourceIds?: string[],
): Promise<OverlapEvidence[]> {
  const out: OverlapEvidence[] = [];
  for (const share of await partnersSharingCustomers(db, workspaceId)) {
    const query = (ids?: string[]) => {
      const q = db('overlaps as o')
        .join('records as r', 'r.id', 'o.record_id')
        .join('record_populations as rp', 'rp.record_id', 'o.partner_record_id')
        .where('o.workspace_id', workspaceId)
        .andWhere('o.partner_id', share.partnerId)
        .andWhere('rp.population_id', share.customersPopulationId)
        .select('o.id', 'r.source_id', 'o.first_seen', 'o.ended_at');
      if (ids) q.whereIn('r.source_id', ids);
      return q;
    };
    const batches = accountSourceIds
      ? Array.from({ length: Math.ceil(accountSourceIds.length / 500) }, (_, i) =>
          accountSourceIds.slice(i * 500, i * 500 + 500),
        )
      : [undefined];
    for (const ids of batches) {
      for (const r of await query(ids)) {
        out.push({
          overlapId: String(r.id),
          partnerId: share.partnerId,
          accountSourceId: String(r.source_id),
          from: toIso(r.first_seen),
          to: toIsoOrNull(r.ended_at),
        });
      }
    }
  }
  return out;
}
