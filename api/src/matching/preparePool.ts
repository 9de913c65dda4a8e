import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { prepareChunk, toColumns, type PreparedChunk, type RecordColumns } from './chunk';
import { encodeRecords } from './wire';
import type { AccountInput } from './types';

export type Records = Iterable<AccountInput> | AsyncIterable<AccountInput>;

/** Records per batch sent to a worker: large enough to amortize messaging, small enough to stream. */
const CHUNK = 8192;

/**
 * Prepares a list in batches, in input order. A list longer than one batch is prepared on
 * `threads` worker threads (default: all cores) while the caller indexes or probes the
 * batches already done; shorter lists, `threads: 1`, or a runtime that cannot start the
 * worker script stay in this thread. Preparing is pure, so the result never depends on
 * which thread did it.
 */
export async function* preparedChunks(
  records: Records,
  threads: number = availableParallelism(),
): AsyncGenerator<PreparedChunk> {
  let pool: PreparePool | null = null;
  const pending: Array<Promise<PreparedChunk>> = [];
  let first = 0;
  try {
    for await (const batch of batches(records, CHUNK)) {
      const columns = toColumns(batch, first);
      if (pool === null && first > 0 && threads > 1) pool = PreparePool.get(threads);
      if (pool) {
        const job = pool.prepare(columns, first);
        job.catch(() => undefined); // awaited below, in order; not an unhandled rejection
        pending.push(job);
        if (pending.length > pool.size * 2) yield await pending.shift()!;
      } else yield prepareChunk(columns, first);
      first += batch.length;
    }
    while (pending.length > 0) yield await pending.shift()!;
  } finally {
    // Leaving early (an error, a consumer that stopped): let outstanding jobs finish unobserved.
    for (const job of pending) job.catch(() => undefined);
  }
}

async function* batches(records: Records, size: number): AsyncGenerator<AccountInput[]> {
  let batch: AccountInput[] = [];
  // A plain loop for arrays and generators: `for await` would cost a microtask per record.
  const iterable = Symbol.iterator in records ? (records as Iterable<AccountInput>) : null;
  if (iterable) {
    for (const r of iterable) {
      batch.push(r);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  } else {
    for await (const r of records) {
      batch.push(r);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

type Reply = { chunk: PreparedChunk; error?: undefined } | { error: string };
type Job = { resolve: (c: PreparedChunk) => void; reject: (e: Error) => void };

/** Pools by thread count, started on first use and kept: starting a worker costs ~0.1 s. */
const pools = new Map<number, PreparePool>();

/**
 * Worker threads, each answering its jobs in the order it received them. Idle workers are
 * unref'ed so they never keep the process alive; they are ref'ed while jobs are out.
 */
class PreparePool {
  private readonly queues: Job[][];
  private next = 0;
  private outstanding = 0;

  private constructor(private readonly workers: Worker[]) {
    this.queues = workers.map(() => []);
    workers.forEach((w, i) => {
      w.unref();
      w.on('message', (reply: Reply) => {
        const job = this.queues[i].shift();
        this.settled();
        if (reply.error !== undefined) job?.reject(new Error(reply.error));
        else job?.resolve(reply.chunk);
      });
      w.on('error', (e) => this.fail(i, e));
      w.on('exit', (code) => this.fail(i, new Error(`prepare worker exited with code ${code}`)));
    });
  }

  static get(threads: number): PreparePool {
    let pool = pools.get(threads);
    if (!pool) {
      const ext = extname(__filename);
      // Under ts-jest the worker script is TypeScript; let tsx (a dev dependency) load it.
      const execArgv =
        ext === '.ts' && !process.execArgv.some((a) => a.includes('tsx'))
          ? [...process.execArgv, '--require', require.resolve('tsx/cjs')]
          : undefined;
      const file = join(__dirname, `prepareWorker${ext}`);
      const workers: Worker[] = [];
      for (let i = 0; i < threads; i++) workers.push(new Worker(file, { execArgv }));
      pool = new PreparePool(workers);
      pools.set(threads, pool);
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  prepare(columns: RecordColumns, first: number): Promise<PreparedChunk> {
    const i = this.next++ % this.workers.length;
    if (this.outstanding++ === 0) for (const w of this.workers) w.ref();
    const records = encodeRecords(columns);
    return new Promise((resolve, reject) => {
      this.queues[i].push({ resolve, reject });
      this.workers[i].postMessage({ records, first }, [records.lengths.buffer as ArrayBuffer]);
    });
  }

  private settled(): void {
    if (--this.outstanding === 0) for (const w of this.workers) w.unref();
  }

  /** A failed worker fails its jobs and retires the pool; the next run starts a new one. */
  private fail(i: number, error: Error): void {
    if (pools.get(this.workers.length) === this) pools.delete(this.workers.length);
    for (const job of this.queues[i].splice(0)) {
      this.settled();
      job.reject(error);
    }
    for (const w of this.workers) void w.terminate();
  }
}
