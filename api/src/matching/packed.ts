/**
 * One prepared record packed into one flat string: a header of field lengths (two UTF-16
 * units each, so any length fits) followed by the fields. An index of a million records then
 * retains one string per record instead of a handful of objects; garbage-collector marking
 * of those objects dominated the run time. Packed strings also cross worker threads cheaply.
 */

/** Field order in a packed record. Empty string stands for null. */
export const F_ID = 0;
export const F_PARENT = 1;
export const F_NAME_KEY = 2;
/** Alias keys joined by spaces (keys never contain spaces). */
export const F_ALIASES = 3;
/** Name tokens joined by spaces. */
export const F_TOKENS = 4;
export const F_DOMAIN = 5;
export const F_LABEL = 6;
export const F_COUNTRY = 7;
export const FIELD_COUNT = 8;
const HEADER = FIELD_COUNT * 2;

/** Packs exactly FIELD_COUNT fields. Array.join yields a flat string, not a rope. */
export function pack(fields: string[]): string {
  const parts = new Array<string>(FIELD_COUNT + 1);
  let header = '';
  for (let f = 0; f < FIELD_COUNT; f++) {
    const len = fields[f].length;
    header += String.fromCharCode(len >>> 16, len & 0xffff);
    parts[f + 1] = fields[f];
  }
  parts[0] = header;
  return parts.join('');
}

function fieldLength(packed: string, f: number): number {
  return packed.charCodeAt(2 * f) * 0x10000 + packed.charCodeAt(2 * f + 1);
}

function fieldStart(packed: string, f: number): number {
  let at = HEADER;
  for (let i = 0; i < f; i++) at += fieldLength(packed, i);
  return at;
}

/** One field of a packed record. */
export function packedField(packed: string, f: number): string {
  const start = fieldStart(packed, f);
  return packed.slice(start, start + fieldLength(packed, f));
}

/** Reads all fields in one pass into `out` (reused by callers to avoid an array per record). */
export function unpackInto(packed: string, out: string[]): string[] {
  let at = HEADER;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const len = fieldLength(packed, f);
    out[f] = packed.slice(at, at + len);
    at += len;
  }
  return out;
}

/** True when two packed records have the same id, without building strings. */
export function sameId(a: string, b: string): boolean {
  const len = fieldLength(a, F_ID);
  if (fieldLength(b, F_ID) !== len) return false;
  for (let i = HEADER; i < HEADER + len; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** Whether the packed record starting at `start` of `text` has a parent id, without slicing. */
export function hasParentAt(text: string, start: number): boolean {
  return text.charCodeAt(start + 2 * F_PARENT) > 0 || text.charCodeAt(start + 2 * F_PARENT + 1) > 0;
}

/** True when the packed record's id is `id`, without building a string. */
export function hasId(packed: string, id: string): boolean {
  return fieldLength(packed, F_ID) === id.length && packed.startsWith(id, HEADER);
}
