import {
  addBusinessDays,
  addCalendarDays,
  businessDaysBetween,
  localDate,
  zonedTimeToUtc,
  type BusinessCalendar,
} from './businessDays';
import {
  CADENCE_DAYS,
  type OverlapScore,
  type PlanningCriteria,
  type SessionTrigger,
  type TriageState,
} from './types';

/**
 * Trigger evaluation and agenda proposal, pure: the service loads candidates (overlaps as the
 * partner shares them, scored) and the clock; this decides which sessions to propose, on which
 * accounts, and when.
 */

export interface Candidate {
  overlapId: string;
  account: { sourceId: string; name: string; ownerName: string | null };
  myPopulations: string[];
  partnerPopulations: string[];
  score: OverlapScore;
  triage: { state: TriageState; snoozedUntil: string | null };
  /** the last time the account was on an agenda with this partner, and what the overlap was then */
  lastPlanned: { at: string; fingerprint: string } | null;
  /** already on a proposed or scheduled session */
  onOpenSession: boolean;
}

/** What "something changed" compares: both sides' populations on the account. */
export function fingerprint(c: Pick<Candidate, 'myPopulations' | 'partnerPopulations'>): string {
  return `${[...c.myPopulations].sort().join(';')}|${[...c.partnerPopulations].sort().join(';')}`;
}

export type Exclusion =
  'dismissed' | 'snoozed' | 'population' | 'low_score' | 'on_session' | 'recently_planned';

/** Why a candidate is not proposed, or null when it may be. `to_plan` bypasses the minimum score. */
export function exclusion(
  c: Candidate,
  criteria: PlanningCriteria,
  today: string,
  now: Date,
): Exclusion | null {
  if (c.triage.state === 'dismissed') return 'dismissed';
  if (c.triage.state === 'snoozed' && (!c.triage.snoozedUntil || c.triage.snoozedUntil > today))
    return 'snoozed';
  if (
    criteria.partnerPopulations.length &&
    !c.partnerPopulations.some((p) => criteria.partnerPopulations.includes(p))
  )
    return 'population';
  if (
    criteria.myPopulations.length &&
    !c.myPopulations.some((p) => criteria.myPopulations.includes(p))
  )
    return 'population';
  if (c.triage.state !== 'to_plan' && c.score.score < criteria.minScore) return 'low_score';
  if (c.onOpenSession) return 'on_session';
  if (c.lastPlanned) {
    const ageDays = (now.getTime() - Date.parse(c.lastPlanned.at)) / 86_400_000;
    if (ageDays < criteria.cooldownDays && c.lastPlanned.fingerprint === fingerprint(c))
      return 'recently_planned';
  }
  return null;
}

/** Eligible candidates, best first: accounts marked `to_plan` lead, then by score, then by name. */
export function rankEligible(
  cands: Candidate[],
  criteria: PlanningCriteria,
  today: string,
  now: Date,
): Candidate[] {
  return cands
    .filter((c) => exclusion(c, criteria, today, now) === null)
    .sort(
      (a, b) =>
        Number(b.triage.state === 'to_plan') - Number(a.triage.state === 'to_plan') ||
        b.score.score - a.score.score ||
        a.account.name.localeCompare(b.account.name),
    );
}

export interface Proposal {
  trigger: SessionTrigger;
  durationMinutes: number;
  startsAt: string;
  accounts: Candidate[];
  reason: string;
}

export interface TriggerInput {
  now: Date;
  calendar: BusinessCalendar;
  prepBusinessDays: number;
  criteria: PlanningCriteria;
  candidates: Candidate[];
  /** start of the most recent non-cancelled session with this partner, if any */
  lastSessionAt: string | null;
  /** a proposed or scheduled session with this partner lies ahead */
  hasUpcomingSession: boolean;
}

/** First slot at the criteria's local time that leaves the prep window after today. */
export function proposedStart(
  now: Date,
  cal: BusinessCalendar,
  prepDays: number,
  time: string,
): Date {
  const today = localDate(now, cal.timeZone);
  return zonedTimeToUtc(addBusinessDays(today, Math.max(1, prepDays), cal), time, cal.timeZone);
}

export function evaluateTriggers(input: TriggerInput): Proposal[] {
  const { now, calendar, criteria } = input;
  const today = localDate(now, calendar.timeZone);
  const start = proposedStart(
    now,
    calendar,
    input.prepBusinessDays,
    criteria.sessionTime,
  ).toISOString();
  let pool = rankEligible(input.candidates, criteria, today, now);
  const out: Proposal[] = [];

  const high = pool
    .filter((c) => c.score.score >= criteria.highValueScore)
    .slice(0, criteria.highValuePerRun);
  for (const c of high) {
    out.push({
      trigger: 'high_value',
      durationMinutes: 15,
      startsAt: start,
      accounts: [c],
      reason: `${c.account.name} scores ${c.score.score} ≥ ${criteria.highValueScore}`,
    });
  }
  pool = pool.filter((c) => !high.includes(c));

  const size = Math.min(criteria.batchMax, pool.length);
  if (pool.length >= Math.max(criteria.batchThreshold, criteria.batchMin)) {
    out.push({
      trigger: 'batch',
      durationMinutes: 45,
      startsAt: start,
      accounts: pool.slice(0, size),
      reason: `${pool.length} worthwhile unplanned overlaps ≥ ${criteria.batchThreshold}`,
    });
    return out;
  }

  const every = CADENCE_DAYS[criteria.cadence];
  const lastDate = input.lastSessionAt
    ? localDate(new Date(input.lastSessionAt), calendar.timeZone)
    : null;
  const due =
    every > 0 &&
    !input.hasUpcomingSession &&
    (!lastDate || addCalendarDays(lastDate, every) <= today);
  if (due && pool.length && high.length === 0) {
    out.push({
      trigger: 'cadence',
      durationMinutes: 45,
      startsAt: start,
      accounts: pool.slice(0, size),
      reason: lastDate
        ? `${criteria.cadence} cadence: last session on ${lastDate}`
        : `${criteria.cadence} cadence: no session yet`,
    });
  }
  return out;
}

export interface PrepStatus {
  prepLate: boolean;
  /** the last local date on which loading the agenda is on time */
  deadline: string;
  reason: string | null;
}

/**
 * The agenda must be loaded at least `prepDays` business days before the session's local date
 * (weekends and holidays do not count). Not loaded yet and past the deadline is late too.
 */
export function prepStatus(
  startsAt: Date,
  agendaLoadedAt: Date | null,
  now: Date,
  cal: BusinessCalendar,
  prepDays: number,
): PrepStatus {
  const sessionDay = localDate(startsAt, cal.timeZone);
  // The last on-time date: the business day `prepDays` back, plus any non-business days after it.
  const deadline = addCalendarDays(
    addBusinessDays(addBusinessDays(sessionDay, -prepDays, cal), 1, cal),
    -1,
  );
  const loadedDay = localDate(agendaLoadedAt ?? now, cal.timeZone);
  const days = businessDaysBetween(loadedDay, sessionDay, cal);
  if (days >= prepDays) return { prepLate: false, deadline, reason: null };
  if (!agendaLoadedAt && loadedDay <= deadline) return { prepLate: false, deadline, reason: null };
  const what = agendaLoadedAt
    ? `agenda loaded on ${loadedDay}`
    : `agenda not loaded by ${deadline}`;
  return {
    prepLate: true,
    deadline,
    reason: `${what}: ${Math.max(0, days)} business day(s) before the session on ${sessionDay}, ${prepDays} needed`,
  };
}
