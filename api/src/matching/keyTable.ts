/**
 * A multimap from string keys to record slots, built for million-record indexes.
 *
 * A JS Map<string, …> costs a retained key string, a block array and ~1 µs per insert at
 * this size, and its garbage dominated profiles. This table stores only integers: two
 * independent 32-bit hashes of each key (one picks the bucket, both must agree on lookup,
 * so an unrelated key is confused with ~2^-64 odds) and the slot, chained through typed
 * arrays. A false hit would only add a candidate that scoring then rejects, so the table
 * can never create an overlap on its own. Entries of removed records are filtered by the
 * caller (their slot is empty) and dropped at the next rebuild.
 */
export class KeyTable {
  private heads: Int32Array;
  /**
   * Entries as quadruples (hash, check, slot, next) in one array: a lookup in a
   * million-record table is bound by cache misses, and one line per entry beats four arrays.
   */
  private entries: Int32Array;
  private count = 0;
  /**
   * Entries [0, linked) are chained into `heads`; later ones only appended. Chaining waits
   * for the next lookup, so a table filled before it is read (an index being built) is
   * chained once at its final size instead of re-chained at every doubling.
   */
  private linked = 0;
  private mask: number;

  constructor(expected = 1024, shared?: SharedKeys) {
    if (shared) {
      // A read-only view of a table copied into shared memory (see share()).
      this.heads = shared.heads;
      this.entries = shared.entries;
      this.count = shared.count;
      this.linked = shared.count;
      this.mask = shared.mask;
      return;
    }
    let buckets = 1024;
    while (buckets < expected * 2) buckets *= 2;
    this.mask = buckets * 2 - 1;
    this.heads = new Int32Array(buckets * 2).fill(-1);
    this.entries = new Int32Array(buckets * 4);
  }

  get size(): number {
    return this.count;
  }

  /** A copy in shared memory, for read-only lookups from worker threads. */
  share(): SharedKeys {
    this.link();
    const heads = new Int32Array(new SharedArrayBuffer(this.heads.byteLength));
    heads.set(this.heads);
    const entries = new Int32Array(new SharedArrayBuffer(this.count * 16));
    entries.set(this.entries.subarray(0, this.count * 4));
    return { heads, entries, count: this.count, mask: this.mask };
  }

  add(key: string, slot: number): void {
    hashKey(key);
    this.addHashed(slot);
  }

  /** Adds a key hashed elsewhere (e.g. in a worker thread) by {@link hashKey} or {@link hashLetters}. */
  addHash(hash: number, check: number, slot: number): void {
    HASH[0] = hash;
    HASH[1] = check;
    this.addHashed(slot);
  }

  /**
   * Appends to `out` the slots under a pre-hashed key; appends nothing when more than `limit`
   * entries share it (overload guard). No callback, so no closure per lookup.
   */
  collect(hash: number, check: number, limit: number, out: SlotList): void {
    if (this.linked < this.count) this.link();
    const entries = this.entries;
    const start = out.length;
    // One walk down the chain; an overloaded key takes back what it appended.
    for (let e = this.heads[hash & this.mask]; e >= 0; e = entries[e * 4 + 3]) {
      if (entries[e * 4] !== hash || entries[e * 4 + 1] !== check) continue;
      if (out.length - start === limit) {
        out.length = start;
        return;
      }
      out.push(entries[e * 4 + 2]);
    }
  }

  /** Appends the key whose hashes `hashLetters` (or `hashKey`) left in the scratch pair. */
  private addHashed(slot: number): void {
    if (this.count * 4 === this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    const e = this.count++;
    this.entries[e * 4] = HASH[0];
    this.entries[e * 4 + 1] = HASH[1];
    this.entries[e * 4 + 2] = slot;
  }

  /**
   * Chains the entries appended since the last lookup, newest first. Twice as many buckets
   * as entries keeps chains short; when they fall below that, all entries are re-chained.
   */
  private link(): void {
    const entries = this.entries;
    if (this.count * 2 > this.mask + 1) {
      let buckets = this.mask + 1;
      while (buckets < this.count * 2) buckets *= 2;
      this.mask = buckets - 1;
      this.heads = new Int32Array(buckets).fill(-1);
      this.linked = 0;
    }
    const heads = this.heads;
    for (let e = this.linked; e < this.count; e++) {
      const bucket = entries[e * 4] & this.mask;
      entries[e * 4 + 3] = heads[bucket];
      heads[bucket] = e;
    }
    this.linked = this.count;
  }
}

/** A key table's arrays in shared memory; views built on it must not add keys. */
export interface SharedKeys {
  heads: Int32Array;
  entries: Int32Array;
  count: number;
  mask: number;
}

/** A growable list of slots, reused across lookups. */
export class SlotList {
  items = new Int32Array(64);
  length = 0;

  push(slot: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = slot;
  }
}

/** Scratch output of hashKey and hashLetters, reused to avoid allocating a pair per call. */
export const HASH = new Int32Array(2);

/** FNV-1a and a multiply-rotate hash over UTF-16 code units, in one pass. */
export function hashKey(key: string): void {
  let a = 0x811c9dc5 | 0;
  let b = 0x27d4eb2f ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  a ^= a >>> 16;
  b = Math.imul(b, 0x85ebca6b);
  b ^= b >>> 15;
  HASH[0] = a;
  HASH[1] = b;
}

/**
 * Order-independent hashes of a token's letters: "workday" and "workady" collide on
 * purpose, which is how a swapped pair of letters still finds its candidates. Sums of
 * per-letter mixes, so no sorting and no allocation.
 */
export function hashLetters(token: string, pinned: number): void {
  let a =
    0x3c6ef372 ^
    token.length ^
    Math.imul(token.charCodeAt(pinned) + 1, pinned === 0 ? 0x2545f491 : 0x68e31da4);
  let b = 0x1b873593;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    let x = Math.imul(c ^ 0x9e37, 0x85ebca6b);
    x ^= x >>> 13;
    a = (a + Math.imul(x, 0xc2b2ae35)) | 0;
    b = (b + Math.imul(x ^ (x >>> 16), 0x27d4eb2f)) | 0;
  }
  HASH[0] = a ^ 0x5bd1e995; // keep letter entries apart from ordinary keys
  HASH[1] = b;
}
