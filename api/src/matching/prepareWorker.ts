/**
 * Worker thread entry: prepares batches of records (name and domain normalization, key
 * hashing) and sends them back packed, or probes them against a shared read-only index
 * snapshot and sends back the pairs found. Pure work on copies; see preparePool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { prepareChunk, prepareKeyed } from './chunk';
import { Prober, type ProbedPair } from './probe';
import { SnapshotView } from './sharedIndex';
import { decodeRecords, type WorkerJob } from './wire';

let view: SnapshotView | null = null;
const prober = new Prober();

parentPort?.on('message', ({ records, first, probe }: WorkerJob) => {
  // Install a new snapshot before anything can fail: the pool counts it as received.
  if (probe?.snapshot) view = new SnapshotView(probe.snapshot);
  try {
    const columns = decodeRecords(records);
    if (probe) {
      if (view?.id !== probe.id) throw new Error(`index snapshot ${probe.id} was not received`);
      const pairs: ProbedPair[] = [];
      prober.probeBatch(view, prepareKeyed(columns, first), probe.minConfidence, pairs);
      parentPort!.postMessage({ result: pairs });
      return;
    }
    const chunk = prepareChunk(columns, first);
    const buffers = [
      chunk.offsets.buffer,
      chunk.keys.buffer,
      chunk.keyStart.buffer,
    ] as ArrayBuffer[];
    parentPort!.postMessage({ result: chunk }, buffers);
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
