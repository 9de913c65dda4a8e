import { digestDueWeek } from '../../api/src/planning/digest';
import { scoreOverlap } from '../../api/src/planning/score';
import {
  evaluateTriggers,
  exclusion,
  fingerprint,
  prepStatus,
  type Candidate,
} from '../../api/src/planning/triggers';
import { DEFAULT_CRITERIA, type PlanningCriteria } from '../../api/src/planning/types';

const NY = { timeZone: 'America/New_York', holidays: ['2026-11-26', '2026-12-25'] };
const NOW = new Date('2026-11-24T15:00:00Z'); // Tuesday 10:00 in New York

let n = 0;
function cand(score: number, over: Partial<Candidate> = {}): Candidate {
  n++;
  return {
    overlapId: `ov-${n}`,
    account: { sourceId: `A${n}`, name: `Account ${String(n).padStart(3, '0')}`, ownerName: 'Ana' },
    myPopulations: ['Open Opportunities'],
    partnerPopulations: ['Customers'],
    score: { score, reasons: [] },
    triage: { state: 'new', snoozedUntil: null },
    lastPlanned: null,
    onOpenSession: false,
    ...over,
  };
}
const run = (
  candidates: Candidate[],
  criteria: Partial<PlanningCriteria> = {},
  extra: { lastSessionAt?: string | null; hasUpcomingSession?: boolean; now?: Date } = {},
) =>
  evaluateTriggers({
    now: extra.now ?? NOW,
    calendar: NY,
    prepBusinessDays: 3,
    criteria: { ...DEFAULT_CRITERIA, ...criteria },
    candidates,
    lastSessionAt: extra.lastSessionAt ?? null,
    hasUpcomingSession: extra.hasUpcomingSession ?? false,
  });

describe('score', () => {
  it('adds up its reasons, best population pair first', () => {
    const s = scoreOverlap(
      {
        myPopulations: ['Open Opportunities', 'Prospects'],
        partnerPopulations: ['Customers'],
        openAmount: 120_000,
        firstSeen: '2026-11-20T00:00:00Z',
        partnerOwnerShared: true,
        recentTouches: 1,
      },
      NOW,
    );
    expect(s.reasons.map((r) => [r.factor, r.points])).toEqual([
      ['population_pair', 40],
      ['open_opportunity', 18],
      ['recency', 15],
      ['relationship', 15],
    ]);
    expect(s.score).toBe(88);
    expect(s.reasons[0].detail).toBe('our Open Opportunities × their Customers');
  });

  it('gives an old overlap without pipeline little', () => {
    const s = scoreOverlap(
      {
        myPopulations: ['Customers'],
        partnerPopulations: ['Customers'],
        openAmount: 0,
        firstSeen: '2025-01-01T00:00:00Z',
        partnerOwnerShared: false,
        recentTouches: 0,
      },
      NOW,
    );
    expect(s.score).toBe(12);
    expect(s.reasons.find((r) => r.factor === 'recency')!.detail).toMatch(/known for \d+ days/);
  });
});

describe('triggers on a simulated clock', () => {
  it.each([
    // [scores, criteria, expected triggers with account counts]
    [[85, 50, 50], {}, [['high_value', 1]]],
    [[50, 50, 50, 50, 50], {}, [['batch', 5]]],
    [[50, 50, 50, 50, 50, 50, 50], { batchMax: 4 }, [['batch', 4]]],
    [[50, 50, 50, 50], {}, [['cadence', 4]]],
    [[50, 50, 50, 50], { cadence: 'none' }, []],
    [[30, 30, 30, 30, 30, 30], {}, []],
    [[30, 30, 30], { minScore: 20, batchThreshold: 3 }, [['batch', 3]]],
    [
      [95, 90, 85, 50, 50, 50, 50, 50],
      { highValuePerRun: 2 },
      [
        ['high_value', 1],
        ['high_value', 1],
        ['batch', 5],
      ],
    ], // 85 waits for the next run: in the batch,
  ])('scores %j with %j → %j', (scores, criteria, expected) => {
    const got = run(
      (scores as number[]).map((s) => cand(s)),
      criteria as Partial<PlanningCriteria>,
    );
    expect(got.map((p) => [p.trigger, p.accounts.length])).toEqual(expected);
    for (const p of got) expect(p.durationMinutes).toBe(p.trigger === 'high_value' ? 15 : 45);
  });

  it('proposes a start that leaves three business days of prep (Thanksgiving skipped)', () => {
    const [p] = run([cand(90)]);
    // Tue 24 → Wed 25, Fri 27, Mon 30 (Thu 26 is a holiday); 10:00 EST = 15:00Z
    expect(p.startsAt).toBe('2026-11-30T15:00:00.000Z');
  });

  it('respects cadence: not due within the period, due after it', () => {
    const four = () => [cand(50), cand(50)];
    expect(run(four(), { cadence: 'biweekly' }, { lastSessionAt: '2026-11-17T15:00:00Z' })).toEqual(
      [],
    );
    expect(
      run(four(), { cadence: 'biweekly' }, { lastSessionAt: '2026-11-09T15:00:00Z' }).map(
        (p) => p.trigger,
      ),
    ).toEqual(['cadence']);
    expect(run(four(), {}, { hasUpcomingSession: true })).toEqual([]);
  });

  it('skips dismissed, snoozed, on-session and recently planned accounts until something changes', () => {
    const c = DEFAULT_CRITERIA;
    const today = '2026-11-24';
    expect(
      exclusion(cand(90, { triage: { state: 'dismissed', snoozedUntil: null } }), c, today, NOW),
    ).toBe('dismissed');
    expect(
      exclusion(
        cand(90, { triage: { state: 'snoozed', snoozedUntil: '2026-12-01' } }),
        c,
        today,
        NOW,
      ),
    ).toBe('snoozed');
    expect(
      exclusion(
        cand(90, { triage: { state: 'snoozed', snoozedUntil: '2026-11-24' } }),
        c,
        today,
        NOW,
      ),
    ).toBeNull();
    expect(exclusion(cand(90, { onOpenSession: true }), c, today, NOW)).toBe('on_session');
    expect(
      exclusion(cand(10, { triage: { state: 'to_plan', snoozedUntil: null } }), c, today, NOW),
    ).toBeNull();
    expect(
      exclusion(
        cand(90, { partnerPopulations: ['Prospects'] }),
        { ...c, partnerPopulations: ['Customers'] },
        today,
        NOW,
      ),
    ).toBe('population');
    const same = cand(90);
    same.lastPlanned = { at: '2026-10-01T00:00:00Z', fingerprint: fingerprint(same) };
    expect(exclusion(same, c, today, NOW)).toBe('recently_planned');
    // prospect → customer on their side: something changed, so it may be proposed again
    const changed = cand(90, {
      lastPlanned: { at: '2026-10-01T00:00:00Z', fingerprint: 'Open Opportunities|Prospects' },
    });
    expect(exclusion(changed, c, today, NOW)).toBeNull();
    const old = cand(90, {
      lastPlanned: { at: '2026-07-01T00:00:00Z', fingerprint: 'Open Opportunities|Customers' },
    });
    expect(exclusion(old, c, today, NOW)).toBeNull();
  });
});

describe('the 3-business-day prep rule', () => {
  it.each([
    // [session start, agenda loaded, now, calendar, late?]
    ['2026-12-02T15:00:00Z', '2026-11-27T14:00:00Z', '2026-11-27T14:00:00Z', NY, false], // Fri → Wed: Mon, Tue, Wed
    ['2026-12-01T15:00:00Z', '2026-11-27T14:00:00Z', '2026-11-27T14:00:00Z', NY, true], // Fri → Tue: 2
    ['2026-11-30T15:00:00Z', '2026-11-24T14:00:00Z', '2026-11-24T14:00:00Z', NY, false], // Tue → Mon over the holiday: 3
    ['2026-11-30T15:00:00Z', '2026-11-25T14:00:00Z', '2026-11-25T14:00:00Z', NY, true], // Wed → Mon: Fri, Mon = 2
    // 23:30 in New York on Tuesday is already Wednesday in UTC: the workspace's day counts.
    ['2026-11-30T15:00:00Z', '2026-11-25T04:30:00Z', '2026-11-25T04:30:00Z', NY, false],
    [
      '2026-11-30T15:00:00Z',
      '2026-11-25T04:30:00Z',
      '2026-11-25T04:30:00Z',
      { timeZone: 'UTC', holidays: ['2026-11-26'] },
      true,
    ],
    ['2026-12-10T15:00:00Z', null, '2026-12-01T15:00:00Z', NY, false], // not loaded, still in time
    ['2026-12-10T15:00:00Z', null, '2026-12-08T15:00:00Z', NY, true], // not loaded, past the deadline
  ])('session %s, loaded %s, now %s → late %s', (start, loaded, now, cal, late) => {
    const r = prepStatus(
      new Date(start as string),
      loaded ? new Date(loaded as string) : null,
      new Date(now as string),
      cal as typeof NY,
      3,
    );
    expect(r.prepLate).toBe(late);
    if (late) expect(r.reason).toMatch(/business day/);
  });

  it('names the last on-time date, holidays and weekends after it included', () => {
    const at = (start: string) => prepStatus(new Date(start), null, NOW, NY, 3).deadline;
    expect(at('2026-12-01T15:00:00Z')).toBe('2026-11-26'); // Tue: Wed 25 is 3 back; Thanksgiving still on time
    expect(at('2026-12-02T15:00:00Z')).toBe('2026-11-29'); // Wed: Fri 27 is 3 back; the weekend still on time
    expect(at('2026-11-27T15:00:00Z')).toBe('2026-11-23');
  });
});

describe('digest schedule', () => {
  it.each([
    // [now, zone, due week] — digest Mondays 08:00 local
    ['2026-11-23T12:59:00Z', 'America/New_York', null], // Mon 07:59 EST
    ['2026-11-23T13:00:00Z', 'America/New_York', '2026-W48'], // Mon 08:00 EST
    ['2026-11-23T07:00:00Z', 'Europe/Berlin', '2026-W48'], // Mon 08:00 CET
    ['2026-11-22T23:30:00Z', 'Pacific/Auckland', '2026-W48'], // Mon 12:30 NZDT, Sunday in UTC
    ['2026-11-22T23:30:00Z', 'UTC', '2026-W47'], // Sunday night in UTC: last week's digest
    ['2026-11-23T07:59:00Z', 'UTC', null], // Monday before 08:00
    ['2026-11-29T20:00:00Z', 'America/New_York', '2026-W48'], // Sunday: this week's digest stays due
  ])('%s in %s → %s', (now, tz, week) => {
    const got = digestDueWeek(new Date(now as string), tz as string, 1, 8);
    expect(got).toBe(week);
  });
});
