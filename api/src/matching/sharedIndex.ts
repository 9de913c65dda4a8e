import { KeyTable, type SharedKeys } from './keyTable';
import type { PackedStore } from './packedStore';
import { PreparedRecord } from './prepare';
import { hasTypoAt, websiteConflictAt, type ProbeTarget } from './probe';

/**
 * A frozen copy of an index's records and blocking keys in shared memory, so worker threads
 * can probe it: posting a SharedArrayBuffer shares it. The records (packed strings, see
 * packed.ts, "" once removed) travel as one string, copied once per worker: slicing a string
 * is far cheaper than decoding each candidate from shared UTF-16 units.
 */
export interface IndexSnapshot {
  /** Distinguishes snapshots, so a worker installs each one once. */
  id: number;
  blocks: SharedKeys;
  text: string;
  /** Record `slot` is text.slice(starts[slot], ends[slot]); empty once removed. */
  starts: Int32Array;
  ends: Int32Array;
}

let nextId = 1;

export function snapshotOf(store: PackedStore, blocks: KeyTable): IndexSnapshot {
  return { id: nextId++, blocks: blocks.share(), ...store.joined() };
}

/** Probes a snapshot; what a worker thread holds. */
export class SnapshotView implements ProbeTarget {
  readonly blocks: KeyTable;
  readonly slotCount: number;

  constructor(private readonly snapshot: IndexSnapshot) {
    this.blocks = new KeyTable(0, snapshot.blocks);
    this.slotCount = snapshot.starts.length;
  }

  get id(): number {
    return this.snapshot.id;
  }

  isLive(slot: number): boolean {
    return this.snapshot.ends[slot] > this.snapshot.starts[slot];
  }

  record(slot: number): PreparedRecord {
    const { text, starts, ends } = this.snapshot;
    return PreparedRecord.fromPacked(text.slice(starts[slot], ends[slot]));
  }

  hasTypoToken(slot: number, token: string): boolean {
    return hasTypoAt(this.snapshot.text, this.snapshot.starts[slot], token);
  }

  websiteConflict(slot: number, domain: string, label: string): boolean {
    return websiteConflictAt(this.snapshot.text, this.snapshot.starts[slot], domain, label);
  }
}
