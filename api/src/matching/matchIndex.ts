import {
  chunkOf,
  KEY_DOMAIN,
  KEY_ID,
  KEY_LETTERS,
  packedAt,
  prepareRecords,
  type PreparedChunk,
} from './chunk';
import { ParentLinks, type SideHierarchy } from './hierarchy';
import { HASH, hashKey, KeyTable, SlotList } from './keyTable';
import { MatchRun } from './matchRun';
import { F_ID, F_PARENT, hasId, hasParent, packedField, sameId } from './packed';
import { preparedChunks, type Records } from './preparePool';
import { PreparedRecord } from './prepare';
import type { AccountInput, MatchOptions, MatchPair } from './types';

/**
 * Name and token blocks larger than this are skipped as an overload guard (domain blocks
 * never are). Real lists do not come close; only a degenerate list with thousands of records
 * of one name or one unknown word trips it, and then matches through that key are lost.
 */
const MAX_BLOCK = 5000;
/** Records prepared per batch on the single-thread path. */
const BATCH = 4096;

/**
 * A prepared, updatable index of one side's records (usually the partner's), so that my
 * new or changed records can be matched without re-reading the partner's whole list.
 * `index.match(records)` returns exactly what `matchAccounts(records, indexedRecords)` returns.
 *
 * Records are stored packed (one flat string each, "" once removed) and their keys as
 * integers, so a million-record index holds about one heap object per record.
 */
export class MatchIndex {
  private slots: string[] = [];
  private ids = new KeyTable();
  private blocks = new KeyTable();
  private live = 0;
  private readonly links = new ParentLinks((id) => this.slotOf(id) >= 0);
  private stamp = new Int32Array(1024);
  private probeNo = 0;
  private readonly found = new SlotList();

  static build(records: Iterable<AccountInput>, _options?: MatchOptions): MatchIndex {
    const index = new MatchIndex();
    forEachBatch(records, (batch, first) => index.addChunk(prepareRecords(batch, first)));
    return index;
  }

  /**
   * Like {@link build}, for a streamed list (CSV reader, database cursor). Large lists are
   * prepared on `options.threads` worker threads (default: all cores).
   */
  static async buildFrom(records: Records, options: MatchOptions = {}): Promise<MatchIndex> {
    const index = new MatchIndex();
    for await (const chunk of preparedChunks(records, options.threads)) index.addChunk(chunk);
    return index;
  }

  get size(): number {
    return this.live;
  }

  /** Adds a record, or replaces the record with the same id. */
  upsert(record: AccountInput): void {
    this.addChunk(prepareRecords([record]));
  }

  remove(id: string): void {
    this.removeSlot(this.slotOf(id));
  }

  /** Adds prepared records in order; each replaces an indexed record with the same id. */
  addChunk(chunk: PreparedChunk): void {
    const { keys, keyStart } = chunk;
    for (let i = 0; i < chunk.offsets.length - 1; i++) {
      const packed = packedAt(chunk, i);
      const k0 = keyStart[i] * 3;
      // The first key of every record is its id.
      this.removeSlot(this.findSlot(keys[k0 + 1], keys[k0 + 2], packed, null));
      const slot = this.slots.length;
      this.slots.push(packed);
      this.live++;
      this.ids.addHash(keys[k0 + 1], keys[k0 + 2], slot);
      for (let k = k0 + 3; k < keyStart[i + 1] * 3; k += 3)
        this.blocks.addHash(keys[k + 1], keys[k + 2], slot);
      if (hasParent(packed))
        this.links.link(packedField(packed, F_ID), packedField(packed, F_PARENT));
    }
  }

  private removeSlot(slot: number): void {
    if (slot < 0) return;
    const id = packedField(this.slots[slot], F_ID);
    this.slots[slot] = '';
    this.live--;
    this.links.unlink(id);
    // Entries of removed records linger in the key tables until they outnumber live ones.
    if (this.slots.length - this.live > Math.max(1024, this.live)) this.compact();
  }

  private slotOf(id: string): number {
    hashKey(id);
    return this.findSlot(HASH[0], HASH[1], null, id);
  }

  /** The slot holding the id of `packed` (or `id`), or -1. */
  private findSlot(hash: number, check: number, packed: string | null, id: string | null): number {
    const found = this.found;
    found.length = 0;
    this.ids.collect(hash, check, Number.MAX_SAFE_INTEGER, found);
    for (let i = 0; i < found.length; i++) {
      const slot = found.items[i];
      const held = this.slots[slot];
      if (held && (packed !== null ? sameId(held, packed) : hasId(held, id!))) return slot;
    }
    return -1;
  }

  private compact(): void {
    const live = this.slots.filter((p) => p !== '').map((p) => PreparedRecord.fromPacked(p));
    this.slots = [];
    this.live = 0;
    this.ids = new KeyTable(live.length);
    this.blocks = new KeyTable(live.length * 3);
    this.addChunk(chunkOf(live));
  }

  /** The indexed record in `slot`, unpacked. */
  record(slot: number): PreparedRecord {
    return PreparedRecord.fromPacked(this.slots[slot]);
  }

  /** Matches records (mine) against the indexed records (theirs). */
  match(records: Iterable<AccountInput>, options: MatchOptions = {}): MatchPair[] {
    const run = new MatchRun(this, options);
    forEachBatch(records, (batch, first) => run.probeChunk(prepareRecords(batch, first)));
    return run.finish();
  }

  /** Like {@link match}, for a streamed list; large lists are prepared on worker threads. */
  async matchFrom(records: Records, options: MatchOptions = {}): Promise<MatchPair[]> {
    const run = new MatchRun(this, options);
    for await (const chunk of preparedChunks(records, options.threads)) run.probeChunk(chunk);
    return run.finish();
  }

  /**
   * Slots of indexed records sharing a blocking key with record `i` of `chunk`, each once:
   * `direct` through domain, name and token keys, `letters` only through the typo key
   * (anagrams share it too, so the caller keeps only true one-swap typos).
   */
  candidates(chunk: PreparedChunk, i: number, direct: SlotList, letters: SlotList): void {
    const no = ++this.probeNo;
    if (this.stamp.length < this.slots.length) {
      const grown = new Int32Array(Math.max(this.slots.length, this.stamp.length * 2));
      grown.set(this.stamp);
      this.stamp = grown;
    }
    const found = this.found;
    direct.length = 0;
    letters.length = 0;
    const { keys, keyStart } = chunk;
    for (let pass = 0; pass < 2; pass++) {
      const out = pass === 0 ? direct : letters;
      for (let k = keyStart[i] * 3; k < keyStart[i + 1] * 3; k += 3) {
        const kind = keys[k];
        if (kind === KEY_ID || (kind === KEY_LETTERS) !== (pass === 1)) continue;
        found.length = 0;
        // Domain blocks are never capped: a shared domain is the strongest evidence there is.
        const limit = kind === KEY_DOMAIN ? Number.MAX_SAFE_INTEGER : MAX_BLOCK;
        this.blocks.collect(keys[k + 1], keys[k + 2], limit, found);
        for (let j = 0; j < found.length; j++) {
          const slot = found.items[j];
          if (this.stamp[slot] === no || this.slots[slot] === '') continue;
          this.stamp[slot] = no;
          out.push(slot);
        }
      }
    }
  }

  hierarchy(): SideHierarchy {
    return this.links;
  }
}

/** Calls `visit` with consecutive batches of a list and the index of each batch's first record. */
function forEachBatch(
  records: Iterable<AccountInput>,
  visit: (batch: AccountInput[], first: number) => void,
): void {
  let batch: AccountInput[] = [];
  let first = 0;
  for (const r of records) {
    batch.push(r);
    if (batch.length === BATCH) {
      visit(batch, first);
      first += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) visit(batch, first);
}
