import type { Knex } from 'knex';
import { COLUMNS, toOverlapRow } from '../mapping/overlapsStore';
import { projectRecord } from '../mapping/sharing';
import { listPartners, viewerPolicy, type PartnerRow } from '../mapping/sharingStore';
import type { AttributionValues, OverlapValues, PartnerValues } from './pushRows';

/**
 * Reads what the push should make true in Salesforce. The partner's side of each overlap goes
 * through sharing.ts (`projectRecord` with the partner's policy toward us), so owner name and
 * e-mail reach Salesforce only when the partner shares them, and hidden overlaps not at all.
 */

/** Partners with their plan for the quarter; a partner without a plan row has no target and 0 planned. */
export function partnerValues(
  partners: PartnerRow[],
  plans: { quarter: string; byPartner: Map<string, { target: number | null; planned: number }> },
): PartnerValues[] {
  return partners.map((p) => ({
    id: p.id,
    name: p.name,
    status: p.status,
    managed: p.kind === 'managed',
    plan: { quarter: plans.quarter, target: null, planned: 0, ...plans.byPartner.get(p.id) },
  }));
}

/** Population names per record row id for a whole workspace, in one query. */
async function membershipNames(
  db: Knex,
  workspaceId: string,
): Promise<Map<number, { ids: string[]; names: string[] }>> {
  const rows = await db('record_populations as rp')
    .join('populations as p', 'p.id', 'rp.population_id')
    .select('rp.record_id', 'p.id', 'p.name')
    .where('p.workspace_id', workspaceId)
    .orderBy('p.name');
  const out = new Map<number, { ids: string[]; names: string[] }>();
  for (const r of rows) {
    const id = Number(r.record_id);
    const m = out.get(id) ?? { ids: [], names: [] };
    m.ids.push(String(r.id));
    m.names.push(String(r.name));
    out.set(id, m);
  }
  return out;
}

export interface OverlapPlan {
  partners: PartnerRow[];
  /** overlaps the workspace may see, active or ended; partnerSfId filled in by the caller */
  overlaps: Array<OverlapValues & { partnerId: string }>;
}

/** Every overlap of the workspace as Salesforce should show it (hidden ones left out). */
export async function loadOverlapPlan(db: Knex, workspaceId: string): Promise<OverlapPlan> {
  const partners = await listPartners(db, workspaceId);
  const mine = await membershipNames(db, workspaceId);
  const out: OverlapPlan['overlaps'] = [];
  for (const partner of partners) {
    const policy = await viewerPolicy(db, partner);
    const theirs = partner.partnerWorkspaceId
      ? await membershipNames(db, partner.partnerWorkspaceId)
      : new Map();
    const rows = await db('overlaps as o')
      .join('records as r', 'r.id', 'o.record_id')
      .join('records as pr', 'pr.id', 'o.partner_record_id')
      .select(...COLUMNS, 'o.ended_at')
      .where({ 'o.workspace_id': workspaceId, 'o.partner_id': partner.id })
      .orderBy('o.id');
    for (const raw of rows) {
      const r = toOverlapRow(raw);
      const partnerMembership = theirs.get(r.partnerRecordId) ?? { ids: [], names: [] };
      const view = projectRecord(policy, r.partner, partnerMembership.ids);
      if (!view) continue;
      const shownIds = new Set(view.populationIds);
      out.push({
        id: r.id,
        partnerId: partner.id,
        accountSourceId: String(r.mySourceId),
        accountName: String(r.myName),
        partnerName: partner.name,
        partnerSfId: '',
        myPopulations: mine.get(r.recordId)?.names ?? [],
        partnerPopulations: partnerMembership.names.filter((_: string, i: number) =>
          shownIds.has(partnerMembership.ids[i]),
        ),
        partnerOwnerName: view.record.ownerName ?? null,
        partnerOwnerEmail: view.record.ownerEmail ?? null,
        method: r.method,
        confidence: r.confidence,
        // from the raw column: a PostgreSQL Date keeps its milliseconds this way
        firstSeen: new Date(raw.first_seen).toISOString(),
        lastSeen: new Date(raw.last_seen).toISOString(),
        active: !raw.ended_at && partner.status === 'active',
      });
    }
  }
  return { partners, overlaps: out };
}

/** Attributions of the workspace; partnerSfId filled in by the caller. Empty without the table. */
export async function loadAttributions(
  db: Knex,
  workspaceId: string,
): Promise<Array<AttributionValues & { partnerId: string }>> {
  if (!(await db.schema.hasTable('attributions'))) return [];
  const rows = await db('attributions')
    .select('id', 'opportunity_source_id', 'partner_id', 'type', 'weight', 'amount', 'explanation')
    .where('workspace_id', workspaceId)
    .orderBy('id');
  return rows.map((r) => {
    let summary: string | null = null;
    try {
      const s = (JSON.parse(r.explanation ?? '{}') as { summary?: unknown }).summary;
      summary = typeof s === 'string' ? s : null;
    } catch {
      summary = null; // an unreadable explanation only costs the summary text
    }
    return {
      id: String(r.id),
      partnerId: String(r.partner_id),
      opportunitySourceId: String(r.opportunity_source_id),
      partnerSfId: '',
      type: r.type === 'sourced' ? 'sourced' : 'influenced',
      weight: Number(r.weight),
      amount: r.amount === null || r.amount === undefined ? null : Number(r.amount),
      touchesSummary: summary,
    };
  });
}
