/**
 * Business-day arithmetic in a workspace's time zone. Pure: dates are `YYYY-MM-DD` strings of the
 * local calendar, instants are `Date`s, and time zones go through Intl (no dependency).
 */

export interface BusinessCalendar {
  /** IANA time zone, e.g. `Europe/Berlin` */
  timeZone: string;
  /** local dates (`YYYY-MM-DD`) that are not business days */
  holidays: readonly string[];
  /** weekdays that are not business days, 0 = Sunday … 6 = Saturday */
  weekend?: readonly number[];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function assertDate(d: string): void {
  if (!DATE_RE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
    throw new RangeError(`not a YYYY-MM-DD date: ${d}`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(instant: Date, timeZone: string): Record<string, number> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local calendar date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Local wall-clock `HH:MM` of an instant. */
export function localTime(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** Offset of the zone from UTC at an instant, in minutes (Berlin in winter: +60). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a local wall-clock time. A time skipped by a DST jump moves forward by the jump
 * (02:30 on a spring-forward night is 03:30); a repeated time takes its first occurrence.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  assertDate(date);
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`not a HH:MM time: ${time}`);
  const wall = Date.parse(`${date}T${time}:00Z`);
  // Try the offsets in force a day either side; keep the earliest instant that shows this wall time.
  const offsets = new Set([
    zoneOffsetMinutes(new Date(wall - DAY_MS), timeZone),
    zoneOffsetMinutes(new Date(wall + DAY_MS), timeZone),
  ]);
  const exact = [...offsets]
    .map((o) => wall - o * 60_000)
    .filter(
      (t) => localDate(new Date(t), timeZone) === date && localTime(new Date(t), timeZone) === time,
    )
    .sort((a, b) => a - b);
  if (exact.length) return new Date(exact[0]);
  // In the gap: apply the offset from before the jump, which lands after it.
  return new Date(wall - zoneOffsetMinutes(new Date(wall - DAY_MS), timeZone) * 60_000);
}

export function dayOfWeek(date: string): number {
  assertDate(date);
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function addCalendarDays(date: string, n: number): string {
  assertDate(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function isBusinessDay(date: string, cal: BusinessCalendar): boolean {
  const weekend = cal.weekend ?? [0, 6];
  return !weekend.includes(dayOfWeek(date)) && !cal.holidays.includes(date);
}

// Day numbers (days since 1970-01-01) keep the loops to integer arithmetic.
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

function businessTest(cal: BusinessCalendar): (day: number) => boolean {
  const weekend = new Set(cal.weekend ?? [0, 6]);
  if (weekend.size >= 7) throw new RangeError('a calendar needs one working weekday');
  const holidays = new Set(cal.holidays.filter((h) => DATE_RE.test(h)).map(dayNumber));
  return (day) => !weekend.has((((day + 4) % 7) + 7) % 7) && !holidays.has(day); // 1970-01-01 was a Thursday
}

/**
 * Steps `n` business days from `date` (backwards when negative). With n ≠ 0 the result is always a
 * business day; n = 0 returns `date` unchanged.
 */
export function addBusinessDays(date: string, n: number, cal: BusinessCalendar): string {
  assertDate(date);
  const open = businessTest(cal);
  const step = n < 0 ? -1 : 1;
  let d = dayNumber(date);
  for (let left = Math.abs(n); left > 0;) {
    d += step;
    if (open(d)) left--;
  }
  return fromDayNumber(d);
}

/**
 * Business days d with from < d ≤ to (negative when `to` is before `from`): how many working days
 * someone has between loading an agenda on `from` and meeting on `to`.
 */
export function businessDaysBetween(from: string, to: string, cal: BusinessCalendar): number {
  assertDate(from);
  assertDate(to);
  if (to < from) return -businessDaysBetween(to, from, cal);
  const open = businessTest(cal);
  const last = dayNumber(to);
  let count = 0;
  for (let d = dayNumber(from) + 1; d <= last; d++) if (open(d)) count++;
  return count;
}

/** The ISO week (`2026-W48`) of a local date, for one digest per partner per week. */
export function isoWeek(date: string): string {
  assertDate(date);
  const t = new Date(`${date}T00:00:00Z`);
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow); // the Thursday of this week decides the year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${t.getUTCFullYear()}-W${pad(week)}`;
}

/** `2026-Q4` of a local date. */
export function quarterOf(date: string): string {
  assertDate(date);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** First and last local date of a quarter key. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`not a quarter like 2026-Q4: ${quarter}`);
  const y = Number(m[1]);
  const q = Number(m[2]);
  const from = `${y}-${pad(q * 3 - 2)}-01`;
  const next = q === 4 ? `${y + 1}-01-01` : `${y}-${pad(q * 3 + 1)}-01`;
  return { from, to: addCalendarDays(next, -1) };
}
