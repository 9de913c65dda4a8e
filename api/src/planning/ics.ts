import { zonedTimeToUtc } from './businessDays';

/**
 * iCalendar (RFC 5545) writing and a small reader for the import, pure. Written events use UTC
 * times (no VTIMEZONE needed); the reader accepts UTC, TZID and floating times and all-day dates.
 */

export interface IcsEvent {
  uid: string;
  summary: string;
  description?: string;
  start: Date;
  end: Date;
  dtstamp: Date;
  url?: string | null;
  attendees?: Array<{ name: string; email?: string | null }>;
}

export const TITLE_PREFIX = 'Account planning';

/** The naming convention: "Account planning — {partner} — {account, account, …}". */
export function sessionTitle(partner: string, accounts: string[]): string {
  return `${TITLE_PREFIX} — ${partner} — ${accounts.join(', ')}`;
}

/** Splits a title written by the convention (em dash, en dash or spaced hyphen); null otherwise. */
export function parseSessionTitle(title: string): { partner: string; accounts: string } | null {
  const m = /^\s*account\s+planning\s*[—–]\s*|^\s*account\s+planning\s+-\s+/i.exec(title);
  if (!m) return null;
  const rest = title.slice(m[0].length);
  const sep = /\s*[—–]\s*|\s+-\s+/.exec(rest);
  if (!sep || sep.index === 0) return null;
  const partner = rest.slice(0, sep.index).trim();
  const accounts = rest.slice(sep.index + sep[0].length).trim();
  return partner && accounts ? { partner, accounts } : null;
}

export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

export function unescapeText(s: string): string {
  return s.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Folds a content line at 75 octets (UTF-8), never inside a character; continuations start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length ? 74 : 75; // a continuation's leading space counts
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function icsUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const paramText = (s: string) => `"${s.replace(/["\r\n]/g, '')}"`;

export function writeCalendar(
  events: IcsEvent[],
  prodId = '-//Overlap//Account planning//EN',
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${icsUtc(e.dtstamp)}`,
      `DTSTART:${icsUtc(e.start)}`,
      `DTEND:${icsUtc(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    for (const a of e.attendees ?? [])
      if (a.email) lines.push(`ATTENDEE;CN=${paramText(a.name)}:mailto:${a.email}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export interface ParsedEvent {
  uid: string | null;
  summary: string;
  description: string | null;
  start: Date | null;
  end: Date | null;
  /** 1-based line of BEGIN:VEVENT, for error messages */
  line: number;
}

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}

function parseProp(line: string): Prop | null {
  let i = 0;
  let quoted = false;
  for (; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) break;
  }
  if (i >= line.length) return null;
  const [name, ...rawParams] = line.slice(0, i).split(';');
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params, value: line.slice(i + 1) };
}

/** DATE-TIME in UTC, with TZID, floating (read in `fallbackZone`), or an all-day DATE. */
export function parseIcsTime(p: Prop, fallbackZone: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(p.value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!m[4]) return zonedTimeToUtc(date, '00:00', p.params.TZID ?? fallbackZone);
  if (m[7]) return new Date(`${date}T${m[4]}:${m[5]}:${m[6]}Z`);
  try {
    const base = zonedTimeToUtc(date, `${m[4]}:${m[5]}`, p.params.TZID ?? fallbackZone);
    return new Date(base.getTime() + Number(m[6]) * 1000);
  } catch {
    return null; // an unknown TZID
  }
}

/** Reads the VEVENTs of a calendar; lines outside events and unknown properties are ignored. */
export function parseCalendar(text: string, fallbackZone = 'UTC'): ParsedEvent[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const lines: Array<{ text: string; line: number }> = [];
  physical.forEach((l, i) => {
    if (/^[ \t]/.test(l) && lines.length) lines[lines.length - 1].text += l.slice(1);
    else lines.push({ text: l, line: i + 1 });
  });
  const events: ParsedEvent[] = [];
  let current: ParsedEvent | null = null;
  for (const { text: l, line } of lines) {
    const prop = parseProp(l);
    if (!prop) continue;
    if (prop.name === 'BEGIN' && prop.value.toUpperCase() === 'VEVENT') {
      current = { uid: null, summary: '', description: null, start: null, end: null, line };
      continue;
    }
    if (!current) continue;
    if (prop.name === 'END' && prop.value.toUpperCase() === 'VEVENT') {
      events.push(current);
      current = null;
    } else if (prop.name === 'UID') current.uid = prop.value.trim();
    else if (prop.name === 'SUMMARY') current.summary = unescapeText(prop.value);
    else if (prop.name === 'DESCRIPTION') current.description = unescapeText(prop.value);
    else if (prop.name === 'DTSTART') current.start = parseIcsTime(prop, fallbackZone);
    else if (prop.name === 'DTEND') current.end = parseIcsTime(prop, fallbackZone);
  }
  return events;
}
