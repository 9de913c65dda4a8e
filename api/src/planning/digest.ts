import type { DigestAccount, DigestAlert } from '../notify/digestAlert';
import { addCalendarDays, isoWeek, localDate } from './businessDays';
import type { ScoredOverlap } from './candidates';
import type { PersonaCadence } from './comms';
import type { Play } from './plays';
import type { PlanningSession } from './types';

/**
 * The weekly triage digest, pure: built only from scored overlap views (already through sharing),
 * our sessions, plays and comms cadence.
 */
export interface DigestInput {
  now: Date;
  timeZone: string;
  partner: { id: string; name: string };
  scored: ScoredOverlap[];
  upcoming: PlanningSession[];
  plays: Play[];
  cadence: PersonaCadence[];
  top?: number;
}

const toAccount = (s: ScoredOverlap): DigestAccount => ({
  overlapId: s.view.id,
  account: { sourceId: s.view.myRecord.sourceId, name: s.view.myRecord.name },
  partnerPopulations: s.view.partnerPopulations,
  score: s.candidate.score.score,
  why: [...s.candidate.score.reasons]
    .sort((a, b) => b.points - a.points)
    .slice(0, 2)
    .map((r) => r.detail)
    .join('; '),
});

const byScore = (a: ScoredOverlap, b: ScoredOverlap) =>
  b.candidate.score.score - a.candidate.score.score ||
  a.view.myRecord.name.localeCompare(b.view.myRecord.name);

export function buildDigest(input: DigestInput): DigestAlert {
  const top = input.top ?? 10;
  const today = localDate(input.now, input.timeZone);
  const weekAgo = new Date(input.now.getTime() - 7 * 86_400_000).toISOString();
  const state = (s: ScoredOverlap) => s.candidate.triage.state;
  const fresh = input.scored
    .filter((s) => state(s) === 'new' && s.view.firstSeen >= weekAgo)
    .sort(byScore);
  const toPlan = input.scored.filter((s) => state(s) === 'to_plan').sort(byScore);
  // Snoozes that ended in the last week come back to the top of triage.
  const wakingUp = input.scored
    .filter((s) => {
      const until = s.candidate.triage.snoozedUntil;
      return (
        state(s) === 'snoozed' && !!until && until <= today && until > addCalendarDays(today, -7)
      );
    })
    .sort(byScore);
  const next = input.upcoming
    .filter((s) => s.status === 'proposed' || s.status === 'scheduled')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  return {
    event: 'planning.digest',
    week: isoWeek(today),
    partner: input.partner,
    newOverlaps: { count: fresh.length, top: fresh.slice(0, top).map(toAccount) },
    toPlan: { count: toPlan.length, top: toPlan.slice(0, top).map(toAccount) },
    wakingUp: wakingUp.slice(0, top).map(toAccount),
    nextSession: next
      ? {
          id: next.id,
          title: next.title,
          startsAt: next.startsAt,
          prepLate: next.prep.prepLate,
          reason: next.prep.reason,
        }
      : null,
    overduePlays: input.plays
      .filter((p) => p.overdue)
      .map((p) => ({
        id: p.id,
        title: p.title,
        kind: p.kind,
        shipDate: p.shipDate,
        sender: p.sender,
      })),
    quietPersonas: input.cadence
      .filter((c) => c.quiet)
      .map((c) => ({ persona: c.persona, daysSince: c.daysSince })),
    occurredAt: input.now.toISOString(),
  };
}

/**
 * The ISO week whose digest is due at `now`, or null before the digest moment of this week
 * (weekday and hour in the workspace's time zone).
 */
export function digestDueWeek(
  now: Date,
  timeZone: string,
  weekday: number,
  hour: number,
): string | null {
  const today = localDate(now, timeZone);
  const isoDow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const target = (weekday + 6) % 7;
  const localHour = Number(
    new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now),
  );
  if (isoDow > target || (isoDow === target && localHour >= hour)) return isoWeek(today);
  return null;
}
