import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  prepareChunk,
  prepareKeyed,
  toColumns,
  type KeyedRecords,
  type PreparedChunk,
  type RecordColumns,
} from './chunk';
import type { ProbedPair } from './probe';
import type { IndexSnapshot } from './sharedIndex';
import { encodeRecords, type ProbeJob, type WorkerJob } from './wire';
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
  const run = inBatches(
    records,
    threads,
    (pool, columns, first) => pool.prepare(columns, first),
    prepareChunk,
  );
  for await (const { value } of run) yield value;
}

/** A batch of my records: either prepared here (to probe here) or already probed in a worker. */
export type ProbedBatch =
  | { columns: RecordColumns; keyed: KeyedRecords; pairs?: undefined }
  | { columns: RecordColumns; pairs: ProbedPair[]; keyed?: undefined };

/**
 * Like {@link preparedChunks}, but batches sent to worker threads are also probed there,
 * against `snapshot()` (taken once, when the first batch goes to a worker).
 */
export async function* probedBatches(
  records: Records,
  threads: number,
  snapshot: () => IndexSnapshot,
  minConfidence: number,
): AsyncGenerator<ProbedBatch> {
  let shared: IndexSnapshot | null = null;
  const run = inBatches<ProbedBatch>(
    records,
    threads,
    async (pool, columns, first) => {
      shared ??= snapshot();
      return { columns, pairs: await pool.probe(columns, first, shared, minConfidence) };
    },
    (columns, first) => ({ columns, keyed: prepareKeyed(columns, first) }),
  );
  for await (const { value } of run) yield value;
}

/** The batching and worker pipeline shared by preparing and probing; results in input order. */
async function* inBatches<T>(
  records: Records,
  threads: number,
  remote: (pool: PreparePool, columns: RecordColumns, first: number) => Promise<T>,
  local: (columns: RecordColumns, first: number) => T,
): AsyncGenerator<{ value: T }> {
  let pool: PreparePool | null = null;
  const pending: Array<Promise<T>> = [];
  let first = 0;
  try {
    for await (const batch of batches(records, CHUNK)) {
      const columns = toColumns(batch, first);
      if (pool === null && first > 0 && threads > 1) pool = PreparePool.get(threads);
      if (pool) {
        const job = remote(pool, columns, first);
        job.catch(() => undefined); // awaited below, in order; not an unhandled rejection
        pending.push(job);
        if (pending.length > pool.size * 2) yield { value: await pending.shift()! };
      } else yield { value: local(columns, first) };
      first += batch.length;
    }
    while (pending.length > 0) yield { value: await pending.shift()! };
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

type Reply = { result: unknown; error?: undefined } | { error: string };
type Job = { resolve: (result: unknown) => void; reject: (e: Error) => void };

/** Pools by thread count, started on first use and kept: starting a worker costs ~0.1 s. */
const pools = new Map<number, PreparePool>();

/**
 * Worker threads, each answering its jobs in the order it received them. Idle workers are
 * unref'ed so they never keep the process alive; they are ref'ed while jobs are out.
 */
class PreparePool {
  private readonly queues: Job[][];
  /** The snapshot each worker last received (messages to a worker are handled in order). */
  private readonly installed: number[];
  private next = 0;
  private outstanding = 0;

  private constructor(private readonly workers: Worker[]) {
    this.queues = workers.map(() => []);
    this.installed = workers.map(() => 0);
    workers.forEach((w, i) => {
      w.unref();
      w.on('message', (reply: Reply) => {
        const job = this.queues[i].shift();
        this.settled();
        if (reply.error !== undefined) job?.reject(new Error(reply.error));
        else job?.resolve(reply.result);
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
    return this.send(
      this.next++ % this.workers.length,
      columns,
      first,
      null,
    ) as Promise<PreparedChunk>;
  }

  /** Prepares a batch of my records and probes them against a shared index snapshot. */
  probe(
    columns: RecordColumns,
    first: number,
    snapshot: IndexSnapshot,
    minConfidence: number,
  ): Promise<ProbedPair[]> {
    const i = this.next++ % this.workers.length;
    const fresh = this.installed[i] !== snapshot.id;
    this.installed[i] = snapshot.id;
    const probe: ProbeJob = { id: snapshot.id, snapshot: fresh ? snapshot : null, minConfidence };
    return this.send(i, columns, first, probe) as Promise<ProbedPair[]>;
  }

  private send(i: number, columns: RecordColumns, first: number, probe: ProbeJob | null) {
    if (this.outstanding++ === 0) for (const w of this.workers) w.ref();
    const records = encodeRecords(columns);
    return new Promise<unknown>((resolve, reject) => {
      this.queues[i].push({ resolve, reject });
      const job: WorkerJob = { records, first, probe };
      this.workers[i].postMessage(job, [records.lengths.buffer as ArrayBuffer]);
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
