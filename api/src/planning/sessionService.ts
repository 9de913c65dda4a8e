import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { InputError, NotFoundError } from '../http/errors';
import type { FieldError } from '../http/errors';
import { getOverlap, type OverlapView } from '../mapping/overlaps';
import { findPartner, listPartners } from '../mapping/sharingStore';
import { sessionTitle } from './ics';
import { motionFor } from './score';
import { calendarOf, getCriteria, getPlanningSettings } from './settingsStore';
import {
  agendaOf,
  findSession,
  insertItems,
  insertSession,
  listSessionRows,
  updateSessionRow,
  type NewAgendaItem,
  type SessionFilter,
  type SessionRow,
} from './sessionsStore';
import { narrowToSharing } from './agendaSharing';
import { fingerprint, prepStatus } from './triggers';
import type {
  AgendaItem,
  Attendee,
  Motion,
  PlanningSession,
  ScoreReason,
  SessionShape,
  SessionStatus,
} from './types';

/** Shapes a stored session for the API: partner name, agenda, and the 3-business-day prep check. */
export async function sessionViews(
  ctx: AppContext,
  workspaceId: string,
  rows: SessionRow[],
): Promise<PlanningSession[]> {
  if (!rows.length) return [];
  const settings = await getPlanningSettings(ctx.db, workspaceId);
  const cal = calendarOf(settings);
  const partners = new Map(
    (await listPartners(ctx.db, workspaceId, [...new Set(rows.map((r) => r.partnerId))])).map(
      (p) => [p.id, p.name],
    ),
  );
  const stored = await agendaOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const agenda = new Map<string, AgendaItem[]>();
  for (const item of await narrowToSharing(ctx.db, workspaceId, [...stored.values()].flat()))
    agenda.set(item.sessionId, [...(agenda.get(item.sessionId) ?? []), item]);
  const now = ctx.now();
  return rows.map((r) => ({
    id: r.id,
    partner: { id: r.partnerId, name: partners.get(r.partnerId) ?? '' },
    title: r.title,
    trigger: r.trigger,
    triggerReason: r.triggerReason,
    status: r.status,
    shape: r.shape,
    startsAt: r.startsAt,
    durationMinutes: r.durationMinutes,
    timeZone: r.timeZone,
    attendees: r.attendees,
    recordingUrl: r.recordingUrl,
    notes: r.notes,
    agendaLoadedAt: r.agendaLoadedAt,
    externalUid: r.externalUid,
    prep:
      r.trigger === 'imported'
        ? { prepLate: false, deadline: r.startsAt.slice(0, 10), reason: null }
        : prepStatus(
            new Date(r.startsAt),
            r.agendaLoadedAt ? new Date(r.agendaLoadedAt) : null,
            now,
            cal,
            settings.prepBusinessDays,
          ),
    agenda: agenda.get(r.id) ?? [],
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export async function getSession(
  ctx: AppContext,
  workspaceId: string,
  id: string,
): Promise<PlanningSession> {
  const row = await findSession(ctx.db, workspaceId, id);
  if (!row)
    throw new NotFoundError(`Planning session ${id} not found`, 'planning_session_not_found');
  return (await sessionViews(ctx, workspaceId, [row]))[0];
}

export async function listSessions(
  ctx: AppContext,
  workspaceId: string,
  f: SessionFilter & { limit: number },
) {
  return sessionViews(ctx, workspaceId, await listSessionRows(ctx.db, workspaceId, f));
}

export interface AgendaItemInput {
  overlapId: string;
  motion?: Motion;
  owner?: string | null;
  followUpOn?: string | null;
}

/** An agenda item from an overlap as I may see it (sharing applies); the score travels with it. */
export function itemFromView(
  view: OverlapView,
  tone: 'give_first' | 'balanced' | 'ask_first',
  extra: {
    motion?: Motion;
    owner?: string | null;
    followUpOn?: string | null;
    score?: number | null;
    reasons?: ScoreReason[];
  },
): NewAgendaItem {
  return {
    id: randomUUID(),
    overlapId: view.id,
    accountSourceId: view.myRecord.sourceId,
    accountName: view.myRecord.name,
    partnerPopulations: view.partnerPopulations,
    fingerprint: fingerprint(view),
    motion: extra.motion ?? motionFor(view.myPopulations, view.partnerPopulations, tone),
    owner: extra.owner ?? null,
    score: extra.score ?? null,
    reasons: extra.reasons ?? [],
    followUpOn: extra.followUpOn ?? null,
  };
}

/** Resolves agenda inputs for one partner; bad ones are reported by index, good ones go through. */
async function resolveItems(
  ctx: AppContext,
  workspaceId: string,
  partnerId: string,
  inputs: AgendaItemInput[],
) {
  const { criteria } = await getCriteria(ctx.db, workspaceId, partnerId);
  const items: NewAgendaItem[] = [];
  const errors: FieldError[] = [];
  for (const [index, input] of inputs.entries()) {
    try {
      const view = await getOverlap(ctx.db, workspaceId, input.overlapId);
      if (view.partner.id !== partnerId) {
        errors.push({ index, field: 'overlapId', reason: 'the overlap is with another partner' });
        continue;
      }
      const owner = input.owner ?? (await ownerOf(ctx, workspaceId, view.myRecord.sourceId));
      items.push(itemFromView(view, criteria.tone, { ...input, owner }));
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      errors.push({
        index,
        field: 'overlapId',
        reason: 'no such overlap visible to this workspace',
      });
    }
  }
  return { items, errors };
}

async function ownerOf(
  ctx: AppContext,
  workspaceId: string,
  sourceId: string,
): Promise<string | null> {
  const r = await ctx
    .db('records')
    .where({ workspace_id: workspaceId, source_id: sourceId })
    .first('owner_name');
  return (r?.owner_name as string | null) ?? null;
}

export interface CreateSessionInput {
  partnerId: string;
  startsAt: string;
  durationMinutes: number;
  status: 'proposed' | 'scheduled';
  shape: SessionShape;
  attendees: Attendee[];
  recordingUrl?: string | null;
  notes?: string | null;
  agenda: AgendaItemInput[];
}

export async function createSession(
  ctx: AppContext,
  workspaceId: string,
  input: CreateSessionInput,
) {
  const partner = await findPartner(ctx.db, workspaceId, input.partnerId);
  const settings = await getPlanningSettings(ctx.db, workspaceId);
  const { items, errors } = await resolveItems(ctx, workspaceId, partner.id, input.agenda);
  if (input.agenda.length && !items.length)
    throw new InputError(
      'No agenda item could be added',
      errors.map((e) => ({ ...e, field: `agenda.${e.field}` })),
    );
  const now = ctx.now().toISOString();
  const row: SessionRow = {
    id: randomUUID(),
    workspaceId,
    partnerId: partner.id,
    title: sessionTitle(
      partner.name,
      items.map((i) => i.accountName),
    ),
    trigger: 'manual',
    triggerReason: null,
    status: input.status,
    shape: input.shape,
    startsAt: new Date(input.startsAt).toISOString(),
    durationMinutes: input.durationMinutes,
    timeZone: settings.timeZone,
    attendees: input.attendees,
    recordingUrl: input.recordingUrl ?? null,
    notes: input.notes ?? null,
    agendaLoadedAt: items.length ? now : null,
    externalUid: null,
    createdAt: now,
    updatedAt: now,
  };
  await insertSession(ctx.db, row, items);
  return { session: await getSession(ctx, workspaceId, row.id), errors };
}

export interface SessionPatch {
  status?: SessionStatus;
  shape?: SessionShape;
  startsAt?: string;
  durationMinutes?: number;
  attendees?: Attendee[];
  recordingUrl?: string | null;
  notes?: string | null;
}

export async function patchSession(
  ctx: AppContext,
  workspaceId: string,
  id: string,
  p: SessionPatch,
) {
  const row = await findSession(ctx.db, workspaceId, id);
  if (!row)
    throw new NotFoundError(`Planning session ${id} not found`, 'planning_session_not_found');
  const update: Record<string, unknown> = { updated_at: ctx.now().toISOString() };
  if (p.status !== undefined) update.status = p.status;
  if (p.shape !== undefined) update.shape = p.shape;
  if (p.startsAt !== undefined) update.starts_at = new Date(p.startsAt).toISOString();
  if (p.durationMinutes !== undefined) update.duration_minutes = p.durationMinutes;
  if (p.attendees !== undefined) update.attendees = JSON.stringify(p.attendees);
  if (p.recordingUrl !== undefined) update.recording_url = p.recordingUrl;
  if (p.notes !== undefined) update.notes = p.notes;
  await updateSessionRow(ctx.db, workspaceId, id, update);
  return getSession(ctx, workspaceId, id);
}

/** Adds agenda items; the title follows the agenda (naming convention), and loading is timestamped. */
export async function addAgendaItems(
  ctx: AppContext,
  workspaceId: string,
  sessionId: string,
  inputs: AgendaItemInput[],
) {
  const row = await findSession(ctx.db, workspaceId, sessionId);
  if (!row)
    throw new NotFoundError(
      `Planning session ${sessionId} not found`,
      'planning_session_not_found',
    );
  const { items, errors } = await resolveItems(ctx, workspaceId, row.partnerId, inputs);
  const existing = (await agendaOf(ctx.db, [sessionId])).get(sessionId) ?? [];
  const onAgenda = new Set(existing.map((i) => i.overlapId));
  const fresh = items.filter((i) => !onAgenda.has(i.overlapId));
  const now = ctx.now().toISOString();
  if (fresh.length) {
    await insertItems(ctx.db, { ...row, updatedAt: now }, fresh, existing.length);
    const partner = await findPartner(ctx.db, workspaceId, row.partnerId);
    await updateSessionRow(ctx.db, workspaceId, sessionId, {
      title: sessionTitle(partner.name, [
        ...existing.map((i) => i.account.name),
        ...fresh.map((i) => i.accountName),
      ]),
      agenda_loaded_at: row.agendaLoadedAt ?? now,
      updated_at: now,
    });
  }
  const session = await getSession(ctx, workspaceId, sessionId);
  const added: AgendaItem[] = session.agenda.filter((i) => fresh.some((f) => f.id === i.id));
  return { session, added, errors };
}
