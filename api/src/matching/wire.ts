import type { RecordColumns } from './chunk';
import type { IndexSnapshot } from './sharedIndex';

/**
 * What crosses between threads: each batch as one string plus an Int32Array of field
 * lengths. Cloning a message costs per object, and thousands of small strings per batch
 * made messaging the main thread's largest cost; one string and one buffer are near a copy.
 * Prepared chunks travel as they are (one string and typed arrays, see chunk.ts).
 */
export interface WireRecords {
  text: string;
  /** Five per record (id, name, website, country, parentId); -1 stands for null. */
  lengths: Int32Array;
}

export function encodeRecords(c: RecordColumns): WireRecords {
  const n = c.ids.length;
  const lengths = new Int32Array(n * 5);
  const parts: string[] = [];
  const put = (at: number, value: string | null): void => {
    lengths[at] = value === null ? -1 : value.length;
    if (value !== null) parts.push(value);
  };
  for (let i = 0; i < n; i++) {
    put(i * 5, c.ids[i]);
    // A name that is not a string is reported by prepareChunk; keep it null on the wire.
    put(i * 5 + 1, typeof c.names[i] === 'string' ? c.names[i] : null);
    put(i * 5 + 2, c.websites[i]);
    put(i * 5 + 3, c.countries[i]);
    put(i * 5 + 4, c.parents[i]);
  }
  return { text: parts.join(''), lengths };
}

export function decodeRecords({ text, lengths }: WireRecords): RecordColumns {
  const n = lengths.length / 5;
  const cols: Array<Array<string | null>> = [[], [], [], [], []];
  let at = 0;
  for (let i = 0; i < n * 5; i++) {
    const len = lengths[i];
    if (len < 0) cols[i % 5].push(null);
    else {
      cols[i % 5].push(text.slice(at, at + len));
      at += len;
    }
  }
  return {
    ids: cols[0] as string[],
    names: cols[1] as string[],
    websites: cols[2],
    countries: cols[3],
    parents: cols[4],
  };
}

/** Probing settings sent with a batch; the snapshot itself only with a worker's first batch. */
export interface ProbeJob {
  id: number;
  snapshot: IndexSnapshot | null;
  minConfidence: number;
}

/** One message to a worker: prepare `records`, and probe them when `probe` is set. */
export interface WorkerJob {
  records: WireRecords;
  first: number;
  probe: ProbeJob | null;
}
