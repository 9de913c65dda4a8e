/**
 * Worker thread entry: prepares batches of records (name and domain normalization, key
 * hashing) and sends them back packed. Pure work on copies; see preparePool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { prepareChunk } from './chunk';
import { decodeRecords, encodeChunk, type WireRecords } from './wire';

interface Job {
  records: WireRecords;
  first: number;
}

parentPort?.on('message', ({ records, first }: Job) => {
  try {
    const wire = encodeChunk(prepareChunk(decodeRecords(records), first));
    const buffers = [wire.lengths.buffer, wire.keys.buffer, wire.keyStart.buffer] as ArrayBuffer[];
    parentPort!.postMessage({ wire }, buffers);
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
