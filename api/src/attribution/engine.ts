import { allocateAmount, splitWeights, type SplitCandidate } from './split';
import type { AttributionRules } from './rules';
import type {
  AttributableOpportunity,
  Attribution,
  ExplanationStep,
  OverlapEvidence,
  Touch,
} from './types';

const DAY_MS = 86_400_000;

/** Milliseconds of a date or timestamp; a bare YYYY-MM-DD close date means the end of that UTC day. */
export function closeEndMs(closeDate: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(closeDate)
    ? Date.parse(`${closeDate}T23:59:59.999Z`)
    : Date.parse(closeDate);
}

/** The time span in which touches influence the opportunity: after creation, up to its close. */
export function influenceWindow(opp: AttributableOpportunity): { from: number; to: number } {
  const from = Date.parse(opp.createdDate);
  const to = opp.isClosed && opp.closeDate ? closeEndMs(opp.closeDate) : Number.POSITIVE_INFINITY;
  return { from, to };
}

/** A touch concerns an opportunity when it names it, or names its account and no opportunity. */
export function touchConcerns(touch: Touch, opp: AttributableOpportunity): boolean {
  if (touch.opportunitySourceId) return touch.opportunitySourceId === opp.sourceId;
  return touch.accountSourceId === opp.accountSourceId;
}

const day = (iso: string) => new Date(iso).toISOString().slice(0, 10);

/**
 * The rules engine: which partners sourced or influenced one opportunity, with what share of its
 * amount, and which touches say so. Pure and deterministic: same inputs, same output, same order.
 * The rules are written out in docs/attribution.md.
 */
export function attribute(
  opp: AttributableOpportunity,
  touches: Touch[],
  overlapEvidence: OverlapEvidence[],
  rules: AttributionRules,
): Attribution[] {
  if (opp.deleted) return [];
  const created = Date.parse(opp.createdDate);
  const sourcedFrom = created - rules.sourcedWindowDays * DAY_MS;
  const win = influenceWindow(opp);
  const sourcedTypes = new Set<string>(rules.sourcedTouchTypes);
  const influenceTypes = new Set<string>(rules.influenceTouchTypes);
  const perPartner = new Map<
    string,
    { sourced: ExplanationStep[]; influenced: ExplanationStep[] }
  >();
  const slot = (partnerId: string) => {
    let s = perPartner.get(partnerId);
    if (!s) perPartner.set(partnerId, (s = { sourced: [], influenced: [] }));
    return s;
  };

  const ordered = [...touches].sort(
    (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.id < b.id ? -1 : 1),
  );
  for (const t of ordered) {
    if (!touchConcerns(t, opp)) continue;
    const at = Date.parse(t.occurredAt);
    const base = { touchId: t.id, type: t.type, occurredAt: t.occurredAt };
    if (sourcedTypes.has(t.type) && at >= sourcedFrom && at <= created) {
      const days = Math.floor((created - at) / DAY_MS);
      slot(t.partnerId).sourced.push({
        ...base,
        rule: 'sourced_window',
        detail: `${t.type} on ${day(t.occurredAt)}, ${days} day(s) before the opportunity was created (window ${rules.sourcedWindowDays} days)`,
      });
    } else if (influenceTypes.has(t.type) && at >= win.from && at <= win.to) {
      slot(t.partnerId).influenced.push({
        ...base,
        rule: 'influence_window',
        detail: `${t.type} on ${day(t.occurredAt)}, while the opportunity was open`,
      });
    }
  }

  if (rules.countOverlapEvidence) {
    const evidence = [...overlapEvidence].sort((a, b) => (a.overlapId < b.overlapId ? -1 : 1));
    for (const e of evidence) {
      if (e.accountSourceId !== opp.accountSourceId) continue;
      // The overlap must still hold, or have ended only after the opportunity was created.
      if (e.to !== null && Date.parse(e.to) <= created) continue;
      slot(e.partnerId).influenced.push({
        touchId: `overlap:${e.overlapId}`,
        type: 'customer_overlap',
        occurredAt: new Date(created).toISOString(),
        rule: 'customer_overlap',
        detail: e.to
          ? `the partner had this account as a customer until ${day(e.to)}, after the opportunity was created`
          : 'the partner has this account as a customer (overlap still active)',
      });
    }
  }

  const candidates: SplitCandidate[] = [...perPartner.entries()]
    .filter(([, s]) => s.sourced.length + s.influenced.length > 0)
    .map(([partnerId, s]) => ({
      partnerId,
      sourced: s.sourced.length > 0,
      steps: [...s.sourced, ...s.influenced],
    }));
  const weights = splitWeights(candidates, rules);
  const amounts = opp.amount === null ? null : allocateAmount(opp.amount, weights);

  return candidates
    .sort((a, b) => (a.partnerId < b.partnerId ? -1 : 1))
    .map((c) => {
      const weight = weights.get(c.partnerId) ?? 0;
      const type = c.sourced ? 'sourced' : 'influenced';
      const share = `${rules.splitModel} split over ${candidates.length} partner(s): ${(weight * 100).toFixed(2)}%`;
      return {
        opportunitySourceId: opp.sourceId,
        partnerId: c.partnerId,
        type,
        weight: Math.round(weight * 10_000) / 10_000,
        amount: amounts ? (amounts.get(c.partnerId) ?? 0) : null,
        currency: opp.currency,
        touchIds: c.steps.map((s) => s.touchId),
        explanation: {
          splitModel: rules.splitModel,
          summary: `${type === 'sourced' ? 'Sourced' : 'Influenced'}: ${c.steps.map((s) => s.detail).join('; ')}. ${share}`,
          steps: c.steps,
        },
      } satisfies Attribution;
    });
}
