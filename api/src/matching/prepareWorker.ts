/**
 * Worker thread entry: prepares batches of records (name and domain normalization, key
 * hashing) and sends them back packed. Pure work on copies; see preparePool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { prepareChunk } from './chunk';
import { decodeRecords, type WireRecords } from './wire';

interface Job {
  records: WireRecords;
  first: number;
}

parentPort?.on('message', ({ records, first }: Job) => {
  try {
    const chunk = prepareChunk(decodeRecords(records), first);
    const buffers = [
      chunk.offsets.buffer,
      chunk.keys.buffer,
      chunk.keyStart.buffer,
    ] as ArrayBuffer[];
    parentPort!.postMessage({ chunk }, buffers);
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
