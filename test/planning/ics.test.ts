import ical, { type VEvent } from 'node-ical';
import {
  escapeText,
  foldLine,
  parseCalendar,
  parseSessionTitle,
  sessionTitle,
  writeCalendar,
  type IcsEvent,
} from '../../api/src/planning/ics';
import { matchTitleAccounts } from '../../api/src/planning/icsMatch';

const event = (over: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: 'session-1@overlap',
  summary: sessionTitle('Globex Data', ['Blue Harbor Logistics', 'Acme, Inc.', 'Zürich Größe AG']),
  description: 'Agenda:\n1. Blue Harbor — give; owner Ana\n2. Back\\slash; semi, comma',
  start: new Date('2026-12-01T15:00:00Z'),
  end: new Date('2026-12-01T15:45:00Z'),
  dtstamp: new Date('2026-11-27T10:00:00Z'),
  url: 'https://meet.example/rec/1',
  attendees: [{ name: 'Ana Ruiz', email: 'ana@acme.example' }],
  ...over,
});

describe('ICS writing (RFC 5545)', () => {
  it('uses CRLF, folds at 75 octets without splitting characters, and escapes text', () => {
    const long = `Account planning — Globex — ${'Größenwahn Systems, '.repeat(10)}`;
    const text = writeCalendar([event({ summary: long })]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n'))
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toContain('\r\n '); // folded
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    for (const k of [
      'UID:',
      'DTSTAMP:20261127T100000Z',
      'DTSTART:20261201T150000Z',
      'DTEND:20261201T154500Z',
    ])
      expect(text).toContain(k);
  });

  it('round-trips through node-ical, a real parser', () => {
    const e = event();
    const parsed = Object.values(ical.sync.parseICS(writeCalendar([e]))).filter(
      (c) => c?.type === 'VEVENT',
    );
    expect(parsed).toHaveLength(1);
    const v = parsed[0] as VEvent;
    expect(v.uid).toBe(e.uid);
    expect(String(v.summary)).toBe(e.summary);
    expect(String(v.description)).toBe(e.description);
    expect(new Date(v.start).toISOString()).toBe(e.start.toISOString());
    expect(new Date(v.end!).toISOString()).toBe(e.end.toISOString());
  });

  it('reads back what it wrote, agreeing with node-ical', () => {
    const text = writeCalendar([
      event(),
      event({ uid: 'two@overlap', summary: 'Team lunch', description: undefined }),
    ]);
    const mine = parseCalendar(text);
    expect(mine.map((e) => [e.uid, e.summary, e.start?.toISOString()])).toEqual([
      ['session-1@overlap', event().summary, '2026-12-01T15:00:00.000Z'],
      ['two@overlap', 'Team lunch', '2026-12-01T15:00:00.000Z'],
    ]);
    expect(mine[0].description).toBe(event().description);
  });

  it('reads TZID, floating and all-day times from other calendars', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:a',
      'SUMMARY:Account planning — Globex — Blue Harbor',
      'DTSTART;TZID=Europe/Berlin:20261201T100000',
      'DTEND;TZID="Europe/Berlin":20261201T104500',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b',
      'SUMMARY:floating',
      'DTSTART:20260701T090000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:c',
      'SUMMARY:all day',
      'DTSTART;VALUE=DATE:20261224',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const [a, b, c] = parseCalendar(text, 'America/New_York');
    expect(a.start?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(a.end?.toISOString()).toBe('2026-12-01T09:45:00.000Z');
    expect(b.start?.toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(c.start?.toISOString()).toBe('2026-12-24T05:00:00.000Z');
    expect(a.line).toBe(2);
  });
});

describe('the naming convention', () => {
  it.each([
    [
      'Account planning — Globex Data — Blue Harbor, Summit Peak',
      'Globex Data',
      'Blue Harbor, Summit Peak',
    ],
    ['account planning – Globex – Blue Harbor', 'Globex', 'Blue Harbor'],
    ['Account Planning - Globex Data - Blue Harbor', 'Globex Data', 'Blue Harbor'],
  ])('%s', (title, partner, accounts) => {
    expect(parseSessionTitle(title)).toEqual({ partner, accounts });
  });

  it.each(['Team lunch', 'Account planning — Globex', 'Account planning —  — Blue'])(
    'rejects %s',
    (title) => {
      expect(parseSessionTitle(title)).toBeNull();
    },
  );

  it('matches named accounts by normalized name, names with commas included', () => {
    const accounts = [
      { overlapId: 'o1', sourceId: 'A1', names: ['Blue Harbor Logistics Inc.'] },
      { overlapId: 'o2', sourceId: 'A2', names: ['Acme, Inc.'] },
      { overlapId: 'o3', sourceId: 'A3', names: ['Summit Peak Foods GmbH', 'SUMMIT PEAK FOODS'] },
    ];
    const r = matchTitleAccounts(
      'BLUE HARBOR LOGISTICS, Acme, Inc., summit peak foods, Unknown Co, Blue Harbor Logistics',
      accounts,
    );
    expect(r.matched.map((m) => m.account.overlapId)).toEqual(['o1', 'o2', 'o3']);
    expect(r.unmatched).toEqual(['Unknown Co']);
  });
});
