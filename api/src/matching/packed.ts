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
export const HEADER_LENGTH = FIELD_COUNT * 2;
const HEADER = HEADER_LENGTH;

/**
 * The header of a packed record: each of the FIELD_COUNT field lengths as two UTF-16 units.
 * The fields follow it in order (see PreparedRecord.packInto).
 */
// prettier-ignore
export function packedHeader(l: Int32Array): string {
  return String.fromCharCode(
    l[0] >>> 16, l[0] & 0xffff, l[1] >>> 16, l[1] & 0xffff, l[2] >>> 16, l[2] & 0xffff,
    l[3] >>> 16, l[3] & 0xffff, l[4] >>> 16, l[4] & 0xffff, l[5] >>> 16, l[5] & 0xffff,
    l[6] >>> 16, l[6] & 0xffff, l[7] >>> 16, l[7] & 0xffff,
  );
}

function fieldLength(packed: string, f: number): number {
  return fieldLengthAt(packed, 0, f);
}

/** One field of a packed record. */
export function packedField(packed: string, f: number): string {
  const start = fieldStartAt(packed, 0, f);
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

/** Where field `f` of the packed record starting at `start` of `text` begins. */
export function fieldStartAt(text: string, start: number, f: number): number {
  let at = start + HEADER;
  for (let i = 0; i < f; i++)
    at += text.charCodeAt(start + 2 * i) * 0x10000 + text.charCodeAt(start + 2 * i + 1);
  return at;
}

/** Length of field `f` of the packed record starting at `start` of `text`. */
export function fieldLengthAt(text: string, start: number, f: number): number {
  return text.charCodeAt(start + 2 * f) * 0x10000 + text.charCodeAt(start + 2 * f + 1);
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
