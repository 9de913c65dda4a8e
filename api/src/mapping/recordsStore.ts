import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { registrableDomain } from '../matching';

/** One account of a workspace, as the API and the Salesforce pull hand it over. */
export interface RecordInput {
  sourceId: string;
  name: string;
  website?: string | null;
  country?: string | null;
  parentSourceId?: string | null;
  ownerName?: string | null;
  ownerEmail?: string | null;
  type?: string | null;
  fields?: Record<string, string | number | boolean | null>;
}

export interface OpportunityInput {
  sourceId: string;
  accountSourceId: string;
  name: string;
  stage: string;
  isClosed: boolean;
  isWon: boolean;
  amount?: number | null;
  currency?: string | null;
  createdDate: string;
  closeDate?: string | null;
  ownerId?: string | null;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** source ids that were inserted or updated: what incremental matching must look at */
  changedSourceIds: string[];
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

function recordRow(workspaceId: string, r: RecordInput, now: string) {
  return {
    workspace_id: workspaceId,
    source_id: r.sourceId,
    name: r.name,
    website: r.website ?? null,
    domain: registrableDomain(r.website ?? null),
    country: r.country ?? null,
    parent_source_id: r.parentSourceId ?? null,
    owner_name: r.ownerName ?? null,
    owner_email: r.ownerEmail ?? null,
    type: r.type ?? null,
    fields: JSON.stringify(r.fields ?? {}),
    content_hash: contentHash(r),
    updated_at: now,
    deleted_at: null,
  };
}

function opportunityRow(workspaceId: string, o: OpportunityInput, now: string) {
  return {
    workspace_id: workspaceId,
    source_id: o.sourceId,
    account_source_id: o.accountSourceId,
    name: o.name,
    stage: o.stage,
    is_closed: o.isClosed,
    is_won: o.isWon,
    amount: o.amount ?? null,
    currency: o.currency ?? null,
    created_date: o.createdDate,
    close_date: o.closeDate ?? null,
    owner_id: o.ownerId ?? null,
    content_hash: contentHash(o),
    updated_at: now,
    deleted_at: null,
  };
}

/**
 * Upserts by (workspace, source id) in one transaction; a row whose content hash is unchanged is
 * not written, so re-sending the same batch changes nothing.
 */
async function upsertByHash<T extends { sourceId: string }>(
  db: Knex,
  table: 'records' | 'opportunities',
  workspaceId: string,
  items: T[],
  toRow: (
    workspaceId: string,
    item: T,
    now: string,
  ) => Record<string, unknown> & { content_hash: string },
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0, changedSourceIds: [] };
  const now = new Date().toISOString();
  await db.transaction(async (trx) => {
    for (let i = 0; i < items.length; i += 500) {
      const chunk = items.slice(i, i + 500);
      const existing = await trx(table)
        .select('source_id', 'content_hash', 'deleted_at')
        .where('workspace_id', workspaceId)
        .whereIn(
          'source_id',
          chunk.map((c) => c.sourceId),
        );
      const known = new Map(existing.map((e) => [e.source_id as string, e]));
      const inserts: Record<string, unknown>[] = [];
      for (const item of chunk) {
        const row = toRow(workspaceId, item, now);
        const prior = known.get(item.sourceId);
        if (!prior) {
          inserts.push(row);
          counts.inserted++;
        } else if (prior.content_hash === row.content_hash && !prior.deleted_at) {
          counts.unchanged++;
          continue;
        } else {
          await trx(table)
            .where({ workspace_id: workspaceId, source_id: item.sourceId })
            .update(row);
          counts.updated++;
        }
        counts.changedSourceIds.push(item.sourceId);
      }
      // SQLite caps bound variables per statement; 50 rows × ~16 columns stays well inside it.
      for (let k = 0; k < inserts.length; k += 50)
        await trx(table).insert(inserts.slice(k, k + 50));
    }
  });
  return counts;
}

export function upsertRecords(
  db: Knex,
  workspaceId: string,
  items: RecordInput[],
): Promise<UpsertCounts> {
  return upsertByHash(db, 'records', workspaceId, items, recordRow);
}

export function upsertOpportunities(
  db: Knex,
  workspaceId: string,
  items: OpportunityInput[],
): Promise<UpsertCounts> {
  return upsertByHash(db, 'opportunities', workspaceId, items, opportunityRow);
}
