import { availableParallelism } from 'node:os';
import {
  chunkOf,
  packedAt,
  prepareKeyed,
  prepareRecords,
  toColumns,
  type PreparedChunk,
} from './chunk';
import { ParentLinks, type SideHierarchy } from './hierarchy';
import { HASH, hashKey, KeyTable, SlotList } from './keyTable';
import { MatchRun } from './matchRun';
import { F_ID, F_PARENT, hasId, hasParentAt, packedField, sameId } from './packed';
import { PackedStore } from './packedStore';
import { preparedChunks, probedBatches, type Records } from './preparePool';
import { hasTypoAt, websiteConflictAt, type ProbeTarget } from './probe';
import { PreparedRecord } from './prepare';
import { snapshotOf, type IndexSnapshot } from './sharedIndex';
import type { AccountInput, MatchOptions, MatchPair } from './types';

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
export class MatchIndex implements ProbeTarget {
  private slots = new PackedStore();
  private ids = new KeyTable();
  blocks = new KeyTable();
  private live = 0;
  private readonly links = new ParentLinks((id) => this.slotOf(id) >= 0);
  private readonly found = new SlotList();
  /** The shared-memory copy worker threads probe; dropped on any change. */
  private shared: IndexSnapshot | null = null;

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

  get slotCount(): number {
    return this.slots.length;
  }

  isLive(slot: number): boolean {
    return this.slots.isLive(slot);
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
    const { keys, keyStart, offsets, text } = chunk;
    this.shared = null;
    let store = this.slots;
    let t = store.addText(text);
    for (let i = 0; i < offsets.length - 1; i++) {
      const k0 = keyStart[i] * 3;
      // The first key of every record is its id; a record already under it is replaced.
      if (this.idCandidates(keys[k0 + 1], keys[k0 + 2]) > 0) {
        this.removeSlot(this.heldSlot(packedAt(chunk, i), null));
        // Removing may have compacted the index into a new store.
        if (this.slots !== store) {
          store = this.slots;
          t = store.addText(text);
        }
      }
      const slot = this.slots.push(t, offsets[i], offsets[i + 1]);
      this.live++;
      this.ids.addHash(keys[k0 + 1], keys[k0 + 2], slot);
      for (let k = k0 + 3; k < keyStart[i + 1] * 3; k += 3)
        this.blocks.addHash(keys[k + 1], keys[k + 2], slot);
      if (hasParentAt(text, offsets[i])) {
        const packed = packedAt(chunk, i);
        this.links.link(packedField(packed, F_ID), packedField(packed, F_PARENT));
      }
    }
  }

  private removeSlot(slot: number): void {
    if (slot < 0) return;
    const id = packedField(this.slots.get(slot), F_ID);
    this.slots.clear(slot);
    this.shared = null;
    this.live--;
    this.links.unlink(id);
    // Entries of removed records linger in the key tables until they outnumber live ones.
    if (this.slots.length - this.live > Math.max(1024, this.live)) this.compact();
  }

  private slotOf(id: string): number {
    hashKey(id);
    this.idCandidates(HASH[0], HASH[1]);
    return this.heldSlot(null, id);
  }

  /** Collects the slots filed under an id hash into `found`; returns how many. */
  private idCandidates(hash: number, check: number): number {
    this.found.length = 0;
    this.ids.collect(hash, check, Number.MAX_SAFE_INTEGER, this.found);
    return this.found.length;
  }

  /** Of the slots in `found`, the live one holding the id of `packed` (or `id`), or -1. */
  private heldSlot(packed: string | null, id: string | null): number {
    const found = this.found;
    for (let i = 0; i < found.length; i++) {
      const slot = found.items[i];
      if (!this.slots.isLive(slot)) continue;
      const held = this.slots.get(slot);
      if (packed !== null ? sameId(held, packed) : hasId(held, id!)) return slot;
    }
    return -1;
  }

  private compact(): void {
    const live: PreparedRecord[] = [];
    for (let s = 0; s < this.slots.length; s++)
      if (this.slots.isLive(s)) live.push(PreparedRecord.fromPacked(this.slots.get(s)));
    this.slots = new PackedStore();
    this.live = 0;
    this.ids = new KeyTable(live.length);
    this.blocks = new KeyTable(live.length * 3);
    this.addChunk(chunkOf(live));
  }

  hasTypoToken(slot: number, token: string): boolean {
    return hasTypoAt(this.slots.textOf(slot), this.slots.startOf(slot), token);
  }

  websiteConflict(slot: number, domain: string, label: string): boolean {
    return websiteConflictAt(this.slots.textOf(slot), this.slots.startOf(slot), domain, label);
  }

  /** The indexed record in `slot`, unpacked. */
  record(slot: number): PreparedRecord {
    return PreparedRecord.fromPacked(this.slots.get(slot));
  }

  /** Matches records (mine) against the indexed records (theirs). */
  match(records: Iterable<AccountInput>, options: MatchOptions = {}): MatchPair[] {
    const run = new MatchRun(this, options);
    forEachBatch(records, (batch, first) => {
      const columns = toColumns(batch, first);
      run.noteMine(columns);
      run.probeBatch(prepareKeyed(columns, first));
    });
    return run.finish();
  }

  /**
   * Like {@link match}, for a streamed list. Large lists are prepared and probed on worker
   * threads against a shared-memory snapshot of this index.
   */
  async matchFrom(records: Records, options: MatchOptions = {}): Promise<MatchPair[]> {
    const run = new MatchRun(this, options);
    const threads = options.threads ?? availableParallelism();
    const batches = probedBatches(records, threads, () => this.snapshot(), run.minConfidence);
    for await (const batch of batches) {
      run.noteMine(batch.columns);
      if (batch.keyed) run.probeBatch(batch.keyed);
      else run.addPairs(batch.pairs);
    }
    return run.finish();
  }

  /** The frozen shared-memory copy worker threads probe (kept until the index changes). */
  snapshot(): IndexSnapshot {
    this.shared ??= snapshotOf(this.slots, this.blocks);
    return this.shared;
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
