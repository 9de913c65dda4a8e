import type { AppContext } from '../context';
import { getOverlap } from '../mapping/overlaps';
import { findPartner } from '../mapping/sharingStore';
import { localDate } from './businessDays';
import { loadCandidates } from './candidates';
import { getCriteria, getPlanningSettings } from './settingsStore';
import { setTriage } from './triageStore';
import { exclusion } from './triggers';
import type { TriageState } from './types';

/** Sets the triage state of an overlap I may see (404 otherwise: sharing decides). */
export async function setOverlapTriage(
  ctx: AppContext,
  workspaceId: string,
  overlapId: string,
  body: { state: TriageState; snoozedUntil?: string | null; note?: string | null },
) {
  await getOverlap(ctx.db, workspaceId, overlapId);
  const row = await setTriage(
    ctx.db,
    workspaceId,
    {
      overlapId,
      state: body.state,
      snoozedUntil: body.snoozedUntil ?? null,
      note: body.note ?? null,
    },
    ctx.now(),
  );
  return {
    overlapId,
    state: row.state,
    snoozedUntil: row.snoozedUntil,
    note: row.note,
    updatedAt: row.updatedAt,
  };
}

/** A partner's overlaps through sharing, scored best first, with triage state and exclusion reason. */
export async function triageList(
  ctx: AppContext,
  workspaceId: string,
  partnerId: string,
  state?: TriageState,
  limit = 200,
) {
  const partner = await findPartner(ctx.db, workspaceId, partnerId);
  const [{ criteria }, settings, scored] = await Promise.all([
    getCriteria(ctx.db, workspaceId, partnerId),
    getPlanningSettings(ctx.db, workspaceId),
    loadCandidates(ctx, workspaceId, partnerId),
  ]);
  const now = ctx.now();
  const today = localDate(now, settings.timeZone);
  const data = scored
    .filter((s) => !state || s.candidate.triage.state === state)
    .sort(
      (a, b) =>
        b.candidate.score.score - a.candidate.score.score ||
        a.view.myRecord.name.localeCompare(b.view.myRecord.name),
    )
    .slice(0, limit)
    .map((s) => ({
      overlap: s.view,
      triage: {
        state: s.candidate.triage.state,
        snoozedUntil: s.candidate.triage.snoozedUntil,
        note: s.triage?.note ?? null,
        updatedAt: s.triage?.updatedAt ?? null,
      },
      score: s.candidate.score.score,
      reasons: s.candidate.score.reasons,
      excluded: exclusion(s.candidate, criteria, today, now),
    }));
  return { partner: { id: partner.id, name: partner.name }, total: scored.length, data };
}
