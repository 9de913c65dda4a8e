/**
 * Salesforce-style record ids: a 3-character key prefix, a 12-character body, and the 3-character
 * case-safe suffix that turns a 15-character id into the 18-character form the API returns.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The case-safe suffix: one bit per character of each 5-character chunk, set where it is upper case. */
export function checksum(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    out += SUFFIX[bits];
  }
  return out;
}

export function makeId(prefix: string, n: number): string {
  let body = '';
  let v = n;
  do {
    body = BASE62[v % 62] + body;
    v = Math.floor(v / 62);
  } while (v > 0);
  const id15 = `${prefix}0E0${body.padStart(9, '0')}`;
  return id15 + checksum(id15);
}

const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function isIdShape(value: string): boolean {
  return ID_SHAPE.test(value);
}

/** 15- and 18-character ids name the same record; the store keys by the 15-character body. */
export function idKey(id: string): string {
  return id.slice(0, 15);
}

/** Sequential id allocator per key prefix. */
export class IdAllocator {
  private readonly next = new Map<string, number>();

  allocate(prefix: string): string {
    const n = (this.next.get(prefix) ?? 0) + 1;
    this.next.set(prefix, n);
    return makeId(prefix, n);
  }
}
