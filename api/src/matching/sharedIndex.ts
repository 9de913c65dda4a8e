import { KeyTable, type SharedKeys } from './keyTable';
import { PreparedRecord } from './prepare';
import type { ProbeTarget } from './probe';

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
  /** Record `slot` is text.slice(offsets[slot], offsets[slot + 1]). */
  offsets: Int32Array;
}

let nextId = 1;

export function snapshotOf(slots: readonly string[], blocks: KeyTable): IndexSnapshot {
  const offsets = new Int32Array(new SharedArrayBuffer((slots.length + 1) * 4));
  for (let s = 0; s < slots.length; s++) offsets[s + 1] = offsets[s] + slots[s].length;
  return { id: nextId++, blocks: blocks.share(), text: slots.join(''), offsets };
}

/** Probes a snapshot; what a worker thread holds. */
export class SnapshotView implements ProbeTarget {
  readonly blocks: KeyTable;
  readonly slotCount: number;

  constructor(private readonly snapshot: IndexSnapshot) {
    this.blocks = new KeyTable(0, snapshot.blocks);
    this.slotCount = snapshot.offsets.length - 1;
  }

  get id(): number {
    return this.snapshot.id;
  }

  isLive(slot: number): boolean {
    return this.snapshot.offsets[slot + 1] > this.snapshot.offsets[slot];
  }

  record(slot: number): PreparedRecord {
    const { text, offsets } = this.snapshot;
    return PreparedRecord.fromPacked(text.slice(offsets[slot], offsets[slot + 1]));
  }
}
