import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { findPartner } from '../mapping/sharingStore';
import { localDate } from './businessDays';
import { loadCandidates } from './candidates';
import { sessionTitle } from './ics';
import {
  calendarOf,
  getCriteria,
  getPlanningSettings,
  partnersWithCriteria,
} from './settingsStore';
import { insertSession, listSessionRows, type SessionRow } from './sessionsStore';
import { itemFromView, sessionViews } from './sessionService';
import { evaluateTriggers } from './triggers';
import type { PlanningSession } from './types';

export interface TriggerRunResult {
  evaluatedPartners: number;
  proposed: PlanningSession[];
}

/**
 * Evaluates the triggers for one partner or every partner with criteria, and stores each proposal
 * as a `proposed` session with its agenda loaded now (so it starts ≥ the prep window ahead).
 */
export async function runTriggers(
  ctx: AppContext,
  workspaceId: string,
  partnerId?: string,
): Promise<TriggerRunResult> {
  const settings = await getPlanningSettings(ctx.db, workspaceId);
  const calendar = calendarOf(settings);
  const partners = partnerId ? [partnerId] : await partnersWithCriteria(ctx.db, workspaceId);
  const now = ctx.now();
  const rows: SessionRow[] = [];
  for (const pid of partners) {
    const partner = await findPartner(ctx.db, workspaceId, pid);
    if (partner.status !== 'active') continue;
    const { criteria } = await getCriteria(ctx.db, workspaceId, pid);
    const scored = await loadCandidates(ctx, workspaceId, pid);
    const sessions = (await listSessionRows(ctx.db, workspaceId, { partnerId: pid })).filter(
      (s) => s.status !== 'cancelled',
    );
    const past = sessions.filter((s) => s.startsAt <= now.toISOString());
    const proposals = evaluateTriggers({
      now,
      calendar,
      prepBusinessDays: settings.prepBusinessDays,
      criteria,
      candidates: scored.map((s) => s.candidate),
      lastSessionAt: past.length ? past[past.length - 1].startsAt : null,
      hasUpcomingSession: sessions.some((s) => s.startsAt > now.toISOString()),
    });
    const byOverlap = new Map(scored.map((s) => [s.view.id, s]));
    for (const p of proposals) {
      const items = p.accounts.map((c) => {
        const s = byOverlap.get(c.overlapId)!;
        return itemFromView(s.view, criteria.tone, {
          owner: s.ownerName,
          score: c.score.score,
          reasons: c.score.reasons,
          followUpOn: localDate(
            new Date(new Date(p.startsAt).getTime() + 7 * 86_400_000),
            calendar.timeZone,
          ),
        });
      });
      const at = now.toISOString();
      const row: SessionRow = {
        id: randomUUID(),
        workspaceId,
        partnerId: pid,
        title: sessionTitle(
          partner.name,
          items.map((i) => i.accountName),
        ),
        trigger: p.trigger,
        triggerReason: p.reason,
        status: 'proposed',
        // one high-value account: its owner meets; a batch: both sides' partner managers
        shape: p.trigger === 'high_value' ? 'account_owner' : 'partner_managers',
        startsAt: p.startsAt,
        durationMinutes: p.durationMinutes,
        timeZone: calendar.timeZone,
        attendees: [],
        recordingUrl: null,
        notes: null,
        agendaLoadedAt: at,
        externalUid: null,
        createdAt: at,
        updatedAt: at,
      };
      await insertSession(ctx.db, row, items);
      rows.push(row);
    }
  }
  return {
    evaluatedPartners: partners.length,
    proposed: await sessionViews(ctx, workspaceId, rows),
  };
}
