import { HASH, hashKey, hashLetters } from './keyTable';
import { pickBlockingTokens, prepareRecord, PreparedRecord } from './prepare';
import type { AccountInput } from './types';

/**
 * A batch of prepared records in the compact form the index consumes: one packed string per
 * record and all blocking keys already hashed into integers. Preparing is the costly part
 * (name and domain normalization) and a pure function of each record, so it can run in any
 * thread; the index only copies integers and keeps the strings.
 */
export interface PreparedChunk {
  /** The packed records (packed.ts), concatenated: record i is text[offsets[i], offsets[i+1]). */
  text: string;
  offsets: Int32Array;
  /** Triples (kind, hash, check) per key; record i owns triples keyStart[i] ≤ k < keyStart[i+1]. */
  keys: Int32Array;
  keyStart: Int32Array;
}

/** The record id: exact lookup, never a blocking key. */
export const KEY_ID = 0;
/** A registrable domain: never capped, a shared domain is the strongest evidence there is. */
export const KEY_DOMAIN = 1;
/** A name key or rare token: capped against degenerate blocks. */
export const KEY_NAME = 2;
/** The letters of the longest rare token: capped, and only true one-swap typos go on. */
export const KEY_LETTERS = 3;

/** Record i of a chunk as its own packed string. */
export function packedAt(chunk: PreparedChunk, i: number): string {
  return chunk.text.slice(chunk.offsets[i], chunk.offsets[i + 1]);
}

/** Records as parallel arrays: what crosses to a worker thread (cheaper than objects). */
export interface RecordColumns {
  ids: string[];
  names: string[];
  websites: Array<string | null>;
  countries: Array<string | null>;
  parents: Array<string | null>;
}

export function toColumns(records: readonly AccountInput[], firstIndex: number): RecordColumns {
  const n = records.length;
  const c: RecordColumns = {
    ids: new Array<string>(n),
    names: new Array<string>(n),
    websites: new Array<string | null>(n),
    countries: new Array<string | null>(n),
    parents: new Array<string | null>(n),
  };
  for (let i = 0; i < n; i++) {
    const r = records[i];
    if (r === null || typeof r !== 'object' || typeof r.id !== 'string')
      throw new Error(`record ${firstIndex + i}: id must be a string`);
    c.ids[i] = r.id;
    c.names[i] = r.name;
    c.websites[i] = r.website ?? null;
    c.countries[i] = r.country ?? null;
    c.parents[i] = r.parentId ?? null;
  }
  return c;
}

/**
 * Prepared records with their blocking keys hashed, not packed: what probing consumes (my
 * records are scored as they are and never stored, so packing them would be wasted work).
 */
export interface KeyedRecords {
  records: PreparedRecord[];
  /** Triples (kind, hash, check) per key; record i owns triples keyStart[i] ≤ k < keyStart[i+1]. */
  keys: Int32Array;
  keyStart: Int32Array;
}

/** Prepares a batch; `firstIndex` numbers records in error messages. */
export function prepareChunk(c: RecordColumns, firstIndex: number): PreparedChunk {
  return packKeyed(prepareKeyed(c, firstIndex));
}

/** Prepares a batch for probing; `firstIndex` numbers records in error messages. */
export function prepareKeyed(c: RecordColumns, firstIndex: number): KeyedRecords {
  const n = c.ids.length;
  const records = new Array<PreparedRecord>(n);
  for (let i = 0; i < n; i++) {
    const name = c.names[i];
    if (name != null && typeof name !== 'string')
      throw new Error(`record ${firstIndex + i}: name must be a string`);
    records[i] = prepareRecord({
      id: c.ids[i],
      name,
      website: c.websites[i],
      country: c.countries[i],
      parentId: c.parents[i],
    });
  }
  return keyRecords(records);
}

/** Packs prepared records and hashes their keys. */
export function chunkOf(records: PreparedRecord[]): PreparedChunk {
  return packKeyed(keyRecords(records));
}

function packKeyed({ records, keys, keyStart }: KeyedRecords): PreparedChunk {
  const n = records.length;
  const parts: string[] = [];
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + records[i].packInto(parts);
  return { text: parts.join(''), offsets, keys, keyStart };
}

/**
 * Hashes the keys of prepared records: the id, then the blocking keys of
 * {@link forEachBlockingKey} (same keys, same order) and the typo key's two letter hashes.
 * Kinds are known without looking: a domain always has a dot, names and tokens never do.
 */
function keyRecords(records: PreparedRecord[]): KeyedRecords {
  const n = records.length;
  const keyStart = new Int32Array(n + 1);
  let keys = new Int32Array(n * 24 + 24);
  let k = 0;
  const put = (kind: number): void => {
    if (k + 3 > keys.length) {
      const grown = new Int32Array(keys.length * 2);
      grown.set(keys);
      keys = grown;
    }
    keys[k++] = kind;
    keys[k++] = HASH[0];
    keys[k++] = HASH[1];
  };
  for (let i = 0; i < n; i++) {
    const r = records[i];
    keyStart[i] = k / 3;
    hashKey(r.id);
    put(KEY_ID);
    if (r.domain) {
      hashKey(r.domain);
      put(KEY_DOMAIN);
    }
    const nameKey = r.nameKey;
    if (nameKey) {
      hashKey(nameKey);
      put(KEY_NAME);
    }
    if (r.aliasKeys)
      for (const alias of r.aliasKeys) {
        hashKey(alias);
        put(KEY_NAME);
      }
    const tokens = r.tokens;
    const picks = pickBlockingTokens(tokens);
    const first = picks[0];
    const second = picks[1];
    const typo = picks[2];
    if (first >= 0 && tokens[first] !== nameKey) {
      hashKey(tokens[first]);
      put(KEY_NAME);
    }
    if (second >= 0 && tokens[second] !== tokens[first] && tokens[second] !== nameKey) {
      hashKey(tokens[second]);
      put(KEY_NAME);
    }
    if (typo >= 0) {
      const t = tokens[typo];
      hashLetters(t, 0);
      put(KEY_LETTERS);
      hashLetters(t, t.length - 1);
      put(KEY_LETTERS);
    }
  }
  keyStart[n] = k / 3;
  return { records, keys: keys.slice(0, k), keyStart };
}

/** Prepares records held in memory (the single-thread path). */
export function prepareRecords(records: readonly AccountInput[], firstIndex = 0): PreparedChunk {
  return prepareChunk(toColumns(records, firstIndex), firstIndex);
}
