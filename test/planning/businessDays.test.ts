import fc from 'fast-check';
import {
  addBusinessDays,
  businessDaysBetween,
  isoWeek,
  localDate,
  quarterOf,
  quarterRange,
  zonedTimeToUtc,
  type BusinessCalendar,
} from '../../api/src/planning/businessDays';

const US: BusinessCalendar = {
  timeZone: 'America/New_York',
  holidays: ['2026-11-26', '2026-12-25'],
};
const NONE: BusinessCalendar = { timeZone: 'UTC', holidays: [] };
const GULF: BusinessCalendar = { timeZone: 'Asia/Dubai', holidays: [], weekend: [6, 0] };

describe('addBusinessDays', () => {
  it.each([
    // [from, n, calendar, expected, why]
    ['2026-11-23', 3, NONE, '2026-11-26', 'Mon + 3 = Thu'],
    ['2026-11-23', 3, US, '2026-11-27', 'Thanksgiving skipped'],
    ['2026-11-27', 1, US, '2026-11-30', 'Fri + 1 = Mon'],
    ['2026-11-28', 1, NONE, '2026-11-30', 'from a Saturday'],
    ['2026-12-24', 1, US, '2026-12-28', 'Christmas and the weekend'],
    ['2026-12-02', -3, US, '2026-11-27', 'backwards over the weekend'],
    ['2026-11-30', -1, US, '2026-11-27', 'Mon − 1 = Fri'],
    ['2026-11-30', -2, US, '2026-11-25', 'Mon − 2 skips Thanksgiving'],
    ['2026-11-30', 0, US, '2026-11-30', 'zero steps'],
    ['2026-12-31', 1, NONE, '2027-01-01', 'over the year end'],
  ])('%s %+d → %s', (from, n, cal, expected) => {
    expect(addBusinessDays(from as string, n as number, cal as BusinessCalendar)).toBe(expected);
  });

  it('honours another weekend', () => {
    // Saturday/Sunday weekend passed explicitly; Friday is a business day here.
    expect(addBusinessDays('2026-11-26', 1, GULF)).toBe('2026-11-27');
    expect(addBusinessDays('2026-11-27', 1, GULF)).toBe('2026-11-30');
    expect(() =>
      addBusinessDays('2026-11-27', 1, { ...NONE, weekend: [0, 1, 2, 3, 4, 5, 6] }),
    ).toThrow(/one working weekday/);
  });

  it('rejects a malformed date', () => {
    expect(() => addBusinessDays('2026-13-01', 1, NONE)).toThrow(/YYYY-MM-DD/);
  });
});

describe('businessDaysBetween', () => {
  it.each([
    ['2026-11-23', '2026-11-26', NONE, 3],
    ['2026-11-23', '2026-11-26', US, 2],
    ['2026-11-27', '2026-12-02', US, 3],
    ['2026-11-27', '2026-11-27', US, 0],
    ['2026-12-02', '2026-11-27', US, -3],
    ['2026-11-28', '2026-11-29', NONE, 0],
  ])('%s → %s', (a, b, cal, n) => {
    expect(businessDaysBetween(a as string, b as string, cal as BusinessCalendar)).toBe(n);
  });

  it('inverts addBusinessDays for any start, step count and holiday list', () => {
    const day = fc
      .integer({ min: 0, max: 800 })
      .map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 30 }),
        fc.array(day, { maxLength: 20 }),
        (from, n, holidays) => {
          const cal = { timeZone: 'UTC', holidays };
          const to = addBusinessDays(from, n, cal);
          return businessDaysBetween(from, to, cal) === n && addBusinessDays(to, -n, cal) <= from;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('time zones', () => {
  it.each([
    // [instant, zone, local date]
    ['2026-11-27T03:30:00Z', 'America/New_York', '2026-11-26'],
    ['2026-11-27T03:30:00Z', 'Europe/Berlin', '2026-11-27'],
    ['2026-11-27T14:30:00Z', 'Pacific/Auckland', '2026-11-28'],
    ['2026-03-08T06:59:00Z', 'America/New_York', '2026-03-08'],
  ])('%s in %s is %s', (instant, tz, date) => {
    expect(localDate(new Date(instant), tz)).toBe(date);
  });

  it.each([
    // [date, time, zone, instant, why]
    ['2026-03-07', '10:00', 'America/New_York', '2026-03-07T15:00:00.000Z', 'EST before the jump'],
    ['2026-03-09', '10:00', 'America/New_York', '2026-03-09T14:00:00.000Z', 'EDT after the jump'],
    [
      '2026-03-08',
      '02:30',
      'America/New_York',
      '2026-03-08T07:30:00.000Z',
      'skipped hour moves forward',
    ],
    [
      '2026-11-01',
      '01:30',
      'America/New_York',
      '2026-11-01T05:30:00.000Z',
      'repeated hour: first occurrence',
    ],
    ['2026-03-29', '10:00', 'Europe/Berlin', '2026-03-29T08:00:00.000Z', 'CEST starts that night'],
    ['2026-10-25', '10:00', 'Europe/Berlin', '2026-10-25T09:00:00.000Z', 'CET again'],
    ['2026-04-05', '09:00', 'Australia/Sydney', '2026-04-04T23:00:00.000Z', 'southern DST ends'],
    ['2026-06-01', '09:00', 'UTC', '2026-06-01T09:00:00.000Z', 'UTC'],
  ])('%s %s %s → %s (%s)', (date, time, tz, iso) => {
    expect(zonedTimeToUtc(date, time, tz).toISOString()).toBe(iso);
  });
});

describe('weeks and quarters', () => {
  it.each([
    ['2026-11-27', '2026-W48'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (d, w) => expect(isoWeek(d)).toBe(w));

  it('maps dates to quarters and back', () => {
    expect(quarterOf('2026-11-27')).toBe('2026-Q4');
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterRange('2027-Q1')).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(() => quarterRange('2026-Q5')).toThrow(/quarter/);
  });
});
