import { addBusinessDays, businessDaysBetween } from '../../api/src/planning/businessDays';
import { parseCalendar, writeCalendar } from '../../api/src/planning/ics';
import { scoreOverlap } from '../../api/src/planning/score';
import { evaluateTriggers, type Candidate } from '../../api/src/planning/triggers';
import { DEFAULT_CRITERIA } from '../../api/src/planning/types';
import { printJson, printTable, type Row } from './lib/report';

/**
 * Planning's pure cores at scale: scoring and trigger evaluation for one partner with many
 * overlaps, business-day arithmetic, and ICS write + parse. `npx tsx scripts/bench/planning.ts [n]`
 */
const n = Number(process.argv[2] ?? 50_000);
const now = new Date('2026-11-24T15:00:00Z');
const cal = { timeZone: 'America/New_York', holidays: ['2026-11-26', '2026-12-25', '2027-01-01'] };
const POPS = ['Customers', 'Open Opportunities', 'Prospects', 'Leads'];
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = () => POPS.filter(() => rand() < 0.4);

function time<T>(fn: () => T): { ms: number; value: T } {
  const t = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

const inputs = Array.from({ length: n }, (_, i) => ({
  i,
  myPopulations: pick(),
  partnerPopulations: pick(),
  openAmount: rand() < 0.3 ? Math.round(rand() * 400_000) : 0,
  firstSeen: new Date(now.getTime() - rand() * 200 * 86_400_000).toISOString(),
  partnerOwnerShared: rand() < 0.5,
  recentTouches: Math.floor(rand() * 3),
}));
const rows: Row[] = [];
const score = time(() => inputs.map((x) => scoreOverlap(x, now)));
rows.push({
  step: `score ${n} overlaps`,
  ms: +score.ms.toFixed(1),
  perSecond: Math.round(n / (score.ms / 1000)),
});

const candidates: Candidate[] = inputs.map((x, k) => ({
  overlapId: `o${x.i}`,
  account: { sourceId: `A${x.i}`, name: `Account ${x.i}`, ownerName: null },
  myPopulations: x.myPopulations,
  partnerPopulations: x.partnerPopulations,
  score: score.value[k],
  triage: { state: 'new', snoozedUntil: null },
  lastPlanned: null,
  onOpenSession: false,
}));
const trig = time(() =>
  evaluateTriggers({
    now,
    calendar: cal,
    prepBusinessDays: 3,
    criteria: DEFAULT_CRITERIA,
    candidates,
    lastSessionAt: null,
    hasUpcomingSession: false,
  }),
);
rows.push({
  step: `triggers over ${n} candidates`,
  ms: +trig.ms.toFixed(1),
  perSecond: Math.round(n / (trig.ms / 1000)),
});

const days = 10_000;
const bd = time(() => {
  let s = 0;
  for (let i = 0; i < days; i++)
    s += businessDaysBetween('2026-11-02', addBusinessDays('2026-11-02', (i % 60) + 1, cal), cal);
  return s;
});
rows.push({
  step: `${days} addBusinessDays + between`,
  ms: +bd.ms.toFixed(1),
  perSecond: Math.round(days / (bd.ms / 1000)),
});

const events = Array.from({ length: 1000 }, (_, i) => ({
  uid: `s${i}@overlap`,
  summary: `Account planning — Globex — Account ${i}, Account ${i + 1}, Größe ${i}`,
  description: 'Agenda:\n1. Account — ask — owner Ana\n2. Account, Inc. — give',
  start: new Date(now.getTime() + i * 3_600_000),
  end: new Date(now.getTime() + i * 3_600_000 + 2_700_000),
  dtstamp: now,
}));
const ics = time(() => parseCalendar(writeCalendar(events)).length);
rows.push({
  step: `ICS write + parse ${events.length} events`,
  ms: +ics.ms.toFixed(1),
  perSecond: Math.round(events.length / (ics.ms / 1000)),
});

printTable(rows);
printJson({
  bench: 'planning',
  overlaps: n,
  scoreMs: +score.ms.toFixed(1),
  triggersMs: +trig.ms.toFixed(1),
  proposals: trig.value.length,
  businessDayOpsPerSecond: Math.round(days / (bd.ms / 1000)),
  icsEventsPerSecond: Math.round(events.length / (ics.ms / 1000)),
});
