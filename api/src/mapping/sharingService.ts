import { recomputeAttribution } from '../attribution/service';
import type { AppContext } from '../context';
import { ConflictError, InputError, type FieldError } from '../http/errors';
import { toMemberRecord } from './membership';
import { appendOutbox, type OutboxEvent } from './outbox';
import {
  policyFromRules,
  projectRecord,
  viewKey,
  type SharingLevel,
  type SharingPolicy,
  type SharingRule,
} from './sharing';
import {
  findPartner,
  loadRules,
  membershipsOf,
  populationNames,
  replaceRules,
  reverseRow,
  type PartnerRow,
} from './sharingStore';

export interface SharingView {
  partner: { id: string; name: string };
  rules: Array<{
    populationId: string;
    populationName: string;
    level: SharingLevel;
    fields: string[];
  }>;
}

/** My rules toward one partner, one entry per population of mine (hidden where no rule). */
export async function getSharing(
  ctx: AppContext,
  workspaceId: string,
  partnerId: string,
): Promise<SharingView> {
  const partner = await findPartner(ctx.db, workspaceId, partnerId);
  const names = await populationNames(ctx.db, workspaceId);
  const rules = new Map((await loadRules(ctx.db, partner.id)).map((r) => [r.populationId, r]));
  return {
    partner: { id: partner.id, name: partner.name },
    rules: [...names].map(([id, name]) => ({
      populationId: id,
      populationName: name,
      level: rules.get(id)?.level ?? 'hidden',
      fields: rules.get(id)?.fields ?? [],
    })),
  };
}

function validateRules(rules: SharingRule[], names: Map<string, string>) {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  rules.forEach((r, index) => {
    if (!names.has(r.populationId)) {
      errors.push({ index, field: 'populationId', reason: `unknown population ${r.populationId}` });
    } else if (seen.has(r.populationId)) {
      errors.push({
        index,
        field: 'populationId',
        reason: `population ${names.get(r.populationId)} is listed twice`,
      });
    }
    seen.add(r.populationId);
    if (r.level !== 'overlaps' && r.fields.length) {
      errors.push({
        index,
        field: 'fields',
        reason: `fields can only be shared with level "overlaps", not "${r.level}"`,
      });
    }
  });
  if (errors.length)
    throw new InputError('The sharing rules did not validate', errors, 'invalid_sharing_rules');
}

/**
 * Replaces my rule set toward a partner. Where this changes what the partner sees of an
 * overlap (shown, hidden, populations or fields), an overlap.changed event goes to the
 * partner's outbox, so their Salesforce push and alerts follow.
 */
export async function putSharing(
  ctx: AppContext,
  workspaceId: string,
  partnerId: string,
  rules: SharingRule[],
): Promise<SharingView> {
  const partner = await findPartner(ctx.db, workspaceId, partnerId);
  if (partner.status === 'ended')
    throw new ConflictError('This partnership has ended', 'partnership_ended');
  validateRules(rules, await populationNames(ctx.db, workspaceId));
  const before = policyFromRules(await loadRules(ctx.db, partner.id));
  const after = policyFromRules(rules);
  const viewer = await viewerRows(ctx, partner);
  const now = ctx.now().toISOString();
  await replaceRules(ctx.db, partner.id, workspaceId, rules, now);
  if (viewer) {
    await emitVisibilityChanges(ctx, viewer, before, after, now);
    // What the partner may see of my customers is their attribution evidence.
    await recomputeAttribution(ctx, viewer.back.workspaceId);
  }
  return getSharing(ctx, workspaceId, partnerId);
}

interface ViewerRows {
  back: PartnerRow;
  rows: Array<{ id: string; partnerRecordId: number }>;
}

/** The partner's overlap rows whose partner record is mine: what my rules govern. */
async function viewerRows(ctx: AppContext, partner: PartnerRow): Promise<ViewerRows | null> {
  if (partner.kind === 'managed') return null;
  const back = await reverseRow(ctx.db, partner);
  if (!back) return null;
  const rows = await ctx
    .db('overlaps')
    .select('id', 'partner_record_id')
    .where({ workspace_id: back.workspaceId, partner_id: back.id })
    .whereNull('ended_at');
  return {
    back,
    rows: rows.map((r) => ({ id: String(r.id), partnerRecordId: Number(r.partner_record_id) })),
  };
}

async function emitVisibilityChanges(
  ctx: AppContext,
  v: ViewerRows,
  before: SharingPolicy,
  after: SharingPolicy,
  now: string,
) {
  const ids = [...new Set(v.rows.map((r) => r.partnerRecordId))];
  const members = await membershipsOf(ctx.db, ids);
  const records = new Map<number, ReturnType<typeof toMemberRecord>>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of await ctx.db('records').whereIn('id', ids.slice(i, i + 500)))
      records.set(Number(row.id), toMemberRecord(row));
  }
  const events: OutboxEvent[] = [];
  for (const r of v.rows) {
    const rec = records.get(r.partnerRecordId);
    if (!rec) continue;
    const m = members.get(r.partnerRecordId) ?? [];
    const was = projectRecord(before, rec, m);
    const is = projectRecord(after, rec, m);
    if (viewKey(was) === viewKey(is)) continue;
    events.push({
      workspaceId: v.back.workspaceId,
      topic: 'overlap.changed',
      aggregateId: r.id,
      payload: { overlapId: r.id, partnerId: v.back.id, reason: 'sharing', visible: is !== null },
    });
  }
  await appendOutbox(ctx.db, events, now);
}
