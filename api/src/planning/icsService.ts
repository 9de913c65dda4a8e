import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { InputError } from '../http/errors';
import { listPartners } from '../mapping/sharingStore';
import { sharedOverlaps } from './candidates';
import {
  parseCalendar,
  parseSessionTitle,
  sessionTitle,
  writeCalendar,
  type IcsEvent,
} from './ics';
import { matchTitleAccounts, sameName } from './icsMatch';
import { getCriteria, getPlanningSettings } from './settingsStore';
import { insertSession, type SessionRow } from './sessionsStore';
import { getSession, itemFromView } from './sessionService';
import type { PlanningSession } from './types';

/** The agenda as the event description: only our account names and what the partner shares. */
export function sessionDescription(s: PlanningSession): string {
  const lines = [
    `Account planning with ${s.partner.name} (${s.durationMinutes} min, ${s.trigger.replace('_', ' ')})`,
  ];
  if (s.triggerReason) lines.push(`Why: ${s.triggerReason}`);
  lines.push('', 'Agenda:');
  s.agenda.forEach((i, n) => {
    const parts = [`${n + 1}. ${i.account.name}`, i.motion];
    if (i.owner) parts.push(`owner ${i.owner}`);
    if (i.partnerPopulations.length)
      parts.push(`${s.partner.name}: ${i.partnerPopulations.join(', ')}`);
    if (i.outcome) parts.push(`outcome ${i.outcome.replace('_', ' ')}`);
    lines.push(parts.join(' — '));
  });
  if (!s.agenda.length) lines.push('(no accounts yet)');
  lines.push(
    '',
    s.prep.prepLate ? `Prep late: ${s.prep.reason}` : `Agenda due by ${s.prep.deadline}`,
  );
  if (s.notes) lines.push('', `Notes: ${s.notes}`);
  return lines.join('\n');
}

export function sessionEvent(s: PlanningSession): IcsEvent {
  const start = new Date(s.startsAt);
  return {
    uid: s.externalUid ?? `${s.id}@overlap`,
    summary: s.title,
    description: sessionDescription(s),
    start,
    end: new Date(start.getTime() + s.durationMinutes * 60_000),
    dtstamp: new Date(s.updatedAt),
    url: s.recordingUrl,
    attendees: s.attendees.filter((a) => a.email).map((a) => ({ name: a.name, email: a.email })),
  };
}

export async function sessionIcs(
  ctx: AppContext,
  workspaceId: string,
  id: string,
): Promise<string> {
  return writeCalendar([sessionEvent(await getSession(ctx, workspaceId, id))]);
}

export interface ImportResult {
  imported: Array<{
    sessionId: string;
    uid: string;
    partner: string;
    accounts: string[];
    unmatched: string[];
  }>;
  existing: Array<{ sessionId: string; uid: string }>;
  skipped: Array<{ line: number; uid: string | null; summary: string; reason: string }>;
}

/**
 * Imports calendar events named by the convention, so sessions held outside Overlap count toward
 * saturation and targets. Accounts are matched against my overlaps with that partner as I may see them.
 */
export async function importIcs(
  ctx: AppContext,
  workspaceId: string,
  text: string,
): Promise<ImportResult> {
  if (!/BEGIN:VCALENDAR/i.test(text))
    throw new InputError('Not an iCalendar file', [
      { line: 1, field: 'body', reason: 'expected BEGIN:VCALENDAR' },
    ]);
  const settings = await getPlanningSettings(ctx.db, workspaceId);
  const partners = (await listPartners(ctx.db, workspaceId)).filter((p) => p.status === 'active');
  const out: ImportResult = { imported: [], existing: [], skipped: [] };
  const overlapsByPartner = new Map<string, Awaited<ReturnType<typeof sharedOverlaps>>>();
  for (const e of parseCalendar(text, settings.timeZone)) {
    const skip = (reason: string) =>
      out.skipped.push({ line: e.line, uid: e.uid, summary: e.summary, reason });
    const title = parseSessionTitle(e.summary);
    if (!title) {
      skip('title does not follow "Account planning — {partner} — {accounts}"');
      continue;
    }
    if (!e.start) {
      skip('no readable DTSTART');
      continue;
    }
    const partner = partners.find((p) => sameName(p.name, title.partner));
    if (!partner) {
      skip(`no active partner named "${title.partner}"`);
      continue;
    }
    const uid =
      e.uid ??
      createHash('sha256')
        .update(`${e.summary}|${e.start.toISOString()}`)
        .digest('hex')
        .slice(0, 40);
    const prior = await ctx
      .db('planning_sessions')
      .where({ workspace_id: workspaceId, external_uid: uid })
      .first('id');
    if (prior) {
      out.existing.push({ sessionId: String(prior.id), uid });
      continue;
    }
    if (!overlapsByPartner.has(partner.id))
      overlapsByPartner.set(partner.id, await sharedOverlaps(ctx.db, workspaceId, partner.id));
    const views = overlapsByPartner.get(partner.id)!;
    const match = matchTitleAccounts(
      title.accounts,
      views.map((v) => ({
        overlapId: v.id,
        sourceId: v.myRecord.sourceId,
        names: [v.myRecord.name, ...(v.partnerRecord.name ? [v.partnerRecord.name] : [])],
      })),
    );
    if (!match.matched.length) {
      skip(`no account of "${title.accounts}" overlaps with ${partner.name}`);
      continue;
    }
    const { criteria } = await getCriteria(ctx.db, workspaceId, partner.id);
    const byId = new Map(views.map((v) => [v.id, v]));
    const items = match.matched.map((m) =>
      itemFromView(byId.get(m.account.overlapId)!, criteria.tone, {}),
    );
    const now = ctx.now();
    const end = e.end ?? new Date(e.start.getTime() + 45 * 60_000);
    const row: SessionRow = {
      id: randomUUID(),
      workspaceId,
      partnerId: partner.id,
      title: sessionTitle(
        partner.name,
        items.map((i) => i.accountName),
      ),
      trigger: 'imported',
      triggerReason: `imported from calendar: "${e.summary}"`,
      status: e.start <= now ? 'held' : 'scheduled',
      shape: 'partner_managers',
      startsAt: e.start.toISOString(),
      durationMinutes: Math.max(1, Math.round((end.getTime() - e.start.getTime()) / 60_000)),
      timeZone: settings.timeZone,
      attendees: [],
      recordingUrl: null,
      notes: e.description,
      agendaLoadedAt: null,
      externalUid: uid,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await insertSession(ctx.db, row, items);
    out.imported.push({
      sessionId: row.id,
      uid,
      partner: partner.name,
      accounts: items.map((i) => i.accountName),
      unmatched: match.unmatched,
    });
  }
  return out;
}
