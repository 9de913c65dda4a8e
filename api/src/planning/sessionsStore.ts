import type { Knex } from 'knex';
import { toDateOnly, toIso, toIsoOrNull } from '../attribution/rows';
import type {
  AgendaItem,
  Attendee,
  Motion,
  Outcome,
  PlanningSession,
  ScoreReason,
  SessionShape,
  SessionStatus,
  SessionTrigger,
} from './types';

/** Rows of planning_sessions and planning_agenda_items ⇄ domain objects. Only this file writes them. */

type Row = Record<string, unknown>;

/** A stored session: the API's PlanningSession without what is joined or derived on the way out. */
export interface SessionRow extends Omit<PlanningSession, 'partner' | 'prep' | 'agenda'> {
  workspaceId: string;
  partnerId: string;
}

export function toSession(r: Row): SessionRow {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    partnerId: String(r.partner_id),
    title: String(r.title),
    trigger: r.trigger as SessionTrigger,
    triggerReason: (r.trigger_reason as string | null) ?? null,
    status: r.status as SessionStatus,
    shape: r.shape as SessionShape,
    startsAt: toIso(r.starts_at),
    durationMinutes: Number(r.duration_minutes),
    timeZone: String(r.time_zone),
    attendees: JSON.parse(String(r.attendees ?? '[]')) as Attendee[],
    recordingUrl: (r.recording_url as string | null) ?? null,
    notes: (r.notes as string | null) ?? null,
    agendaLoadedAt: toIsoOrNull(r.agenda_loaded_at),
    externalUid: (r.external_uid as string | null) ?? null,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

export function toAgendaItem(r: Row): AgendaItem {
  return {
    id: String(r.id),
    sessionId: String(r.session_id),
    overlapId: (r.overlap_id as string | null) ?? null,
    account: { sourceId: String(r.account_source_id), name: String(r.account_name) },
    partnerPopulations: JSON.parse(String(r.partner_populations ?? '[]')) as string[],
    motion: r.motion as Motion,
    owner: (r.owner as string | null) ?? null,
    outcome: (r.outcome as Outcome | null) ?? null,
    opportunitySourceId: (r.opportunity_source_id as string | null) ?? null,
    followUpOn: toDateOnly(r.follow_up_on),
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    reasons: JSON.parse(String(r.reasons ?? '[]')) as ScoreReason[],
    touchId: (r.touch_id as string | null) ?? null,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

export function sessionRow(s: SessionRow): Row {
  return {
    id: s.id,
    workspace_id: s.workspaceId,
    partner_id: s.partnerId,
    title: s.title,
    trigger: s.trigger,
    trigger_reason: s.triggerReason,
    status: s.status,
    shape: s.shape,
    starts_at: s.startsAt,
    duration_minutes: s.durationMinutes,
    time_zone: s.timeZone,
    attendees: JSON.stringify(s.attendees),
    recording_url: s.recordingUrl,
    notes: s.notes,
    agenda_loaded_at: s.agendaLoadedAt,
    external_uid: s.externalUid,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export interface NewAgendaItem {
  id: string;
  overlapId: string | null;
  accountSourceId: string;
  accountName: string;
  partnerPopulations: string[];
  fingerprint: string;
  motion: Motion;
  owner: string | null;
  score: number | null;
  reasons: ScoreReason[];
  followUpOn?: string | null;
}

export async function insertSession(
  db: Knex,
  s: SessionRow,
  items: NewAgendaItem[],
): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('planning_sessions').insert(sessionRow(s));
    await insertItems(trx, s, items, 0);
  });
}

export async function insertItems(
  db: Knex,
  s: Pick<SessionRow, 'id' | 'workspaceId' | 'partnerId' | 'updatedAt'>,
  items: NewAgendaItem[],
  from: number,
) {
  const rows = items.map((it, i) => ({
    id: it.id,
    workspace_id: s.workspaceId,
    session_id: s.id,
    partner_id: s.partnerId,
    overlap_id: it.overlapId,
    account_source_id: it.accountSourceId,
    account_name: it.accountName,
    partner_populations: JSON.stringify(it.partnerPopulations),
    fingerprint: it.fingerprint,
    motion: it.motion,
    owner: it.owner,
    outcome: null,
    opportunity_source_id: null,
    follow_up_on: it.followUpOn ?? null,
    score: it.score,
    reasons: JSON.stringify(it.reasons),
    touch_id: null,
    position: from + i,
    created_at: s.updatedAt,
    updated_at: s.updatedAt,
  }));
  for (let i = 0; i < rows.length; i += 40)
    await db('planning_agenda_items').insert(rows.slice(i, i + 40));
}

export async function findSession(
  db: Knex,
  workspaceId: string,
  id: string,
): Promise<SessionRow | null> {
  const r = await db('planning_sessions').where({ workspace_id: workspaceId, id }).first();
  return r ? toSession(r) : null;
}

/** Which sessions to list; `status` matches any of the given statuses. */
export interface SessionFilter {
  partnerId?: string;
  status?: readonly SessionStatus[];
  from?: string;
  to?: string;
  limit?: number;
}

export async function listSessionRows(
  db: Knex,
  workspaceId: string,
  f: SessionFilter,
): Promise<SessionRow[]> {
  const q = db('planning_sessions')
    .where({ workspace_id: workspaceId })
    .orderBy([{ column: 'starts_at' }, { column: 'id' }]);
  if (f.partnerId) q.andWhere({ partner_id: f.partnerId });
  if (f.status?.length) q.whereIn('status', [...f.status]);
  if (f.from) q.andWhere('starts_at', '>=', f.from);
  if (f.to) q.andWhere('starts_at', '<', f.to);
  if (f.limit) q.limit(f.limit);
  return (await q).map(toSession);
}

export async function agendaOf(db: Knex, sessionIds: string[]): Promise<Map<string, AgendaItem[]>> {
  const out = new Map<string, AgendaItem[]>();
  for (let i = 0; i < sessionIds.length; i += 500) {
    const rows = await db('planning_agenda_items')
      .whereIn('session_id', sessionIds.slice(i, i + 500))
      .orderBy([{ column: 'session_id' }, { column: 'position' }]);
    for (const r of rows) {
      const item = toAgendaItem(r);
      out.set(item.sessionId, [...(out.get(item.sessionId) ?? []), item]);
    }
  }
  return out;
}

export async function updateSessionRow(
  db: Knex,
  workspaceId: string,
  id: string,
  patch: Row,
): Promise<void> {
  await db('planning_sessions').where({ workspace_id: workspaceId, id }).update(patch);
}

export async function findItem(
  db: Knex,
  workspaceId: string,
  id: string,
): Promise<AgendaItem | null> {
  const r = await db('planning_agenda_items').where({ workspace_id: workspaceId, id }).first();
  return r ? toAgendaItem(r) : null;
}

export async function updateItemRow(
  db: Knex,
  workspaceId: string,
  id: string,
  patch: Row,
): Promise<void> {
  await db('planning_agenda_items').where({ workspace_id: workspaceId, id }).update(patch);
}

/**
 * Per account, the latest non-cancelled session it was on with this partner, with the overlap's
 * fingerprint then; and which accounts sit on a proposed or scheduled session still ahead.
 */
export async function planningHistory(
  db: Knex,
  workspaceId: string,
  partnerId: string,
  nowIso: string,
) {
  const rows = await db('planning_agenda_items as i')
    .join('planning_sessions as s', 's.id', 'i.session_id')
    .where({ 'i.workspace_id': workspaceId, 'i.partner_id': partnerId })
    .whereNot('s.status', 'cancelled')
    .select('i.account_source_id', 'i.fingerprint', 's.starts_at', 's.status', 's.created_at');
  const last = new Map<string, { at: string; fingerprint: string }>();
  const open = new Set<string>();
  for (const r of rows) {
    const account = String(r.account_source_id);
    const at = toIso(r.starts_at);
    const status = String(r.status);
    if ((status === 'proposed' || status === 'scheduled') && at >= nowIso) open.add(account);
    // A plan counts from when it was made: a proposed session ahead already planned the account.
    const planned = at < nowIso ? at : toIso(r.created_at);
    const prior = last.get(account);
    if (!prior || planned > prior.at)
      last.set(account, { at: planned, fingerprint: String(r.fingerprint) });
  }
  return { last, open };
}
