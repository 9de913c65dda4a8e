/**
 * Where matching spends its time, stage by stage, in one thread: what the worker threads of
 * `bench:match` do, without the threads (so each stage's CPU time is its own).
 *
 *   npm run bench:match-stages -- [--n 1000000]
 *
 * Generates n × n synthetic records (untimed), warms the JIT up, then times preparing their
 * side (normalizing and packing), indexing it, freezing the snapshot workers probe,
 * preparing my side, and probing. Prints CPU µs per record for each stage, then one JSON line.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { AccountInput } from '../../api/src/matching';
import {
  prepareChunk,
  prepareKeyed,
  toColumns,
  type RecordColumns,
} from '../../api/src/matching/chunk';
import { MatchIndex } from '../../api/src/matching/matchIndex';
import { Prober, type ProbedPair } from '../../api/src/matching/probe';
import { SnapshotView } from '../../api/src/matching/sharedIndex';
import { DEFAULT_MIN_CONFIDENCE } from '../../api/src/matching/types';
import { peakRssMb, printJson, printTable } from './lib/report';
import {
  generateMine,
  generateTheirs,
  materialize,
  recordsOf,
  type SyntheticList,
} from './lib/synthetic';

/** The batches a worker receives, as columns (decoding them is not timed). */
function columnsOf(list: SyntheticList): RecordColumns[] {
  const out: RecordColumns[] = [];
  let batch: AccountInput[] = [];
  for (const r of recordsOf(list)) {
    batch.push(r);
    if (batch.length === 8192) {
      out.push(toColumns(batch, 0));
      batch = [];
    }
  }
  if (batch.length > 0) out.push(toColumns(batch, 0));
  return out;
}

/** Process CPU ms (this benchmark runs one JS thread; V8's helper threads count too). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function main(): void {
  const { values } = parseArgs({ options: { n: { type: 'string', default: '1000000' } } });
  const n = Number(values.n);
  if (!Number.isInteger(n) || n <= 0) throw new Error('--n must be a positive integer');
  const theirs = columnsOf(materialize(generateTheirs({ n })));
  const mine = columnsOf(materialize(generateMine({ n })));
  const ms: Record<string, number> = {};
  // Warm the JIT up first, so the first stage timed does not pay for compiling everything.
  for (const c of [...theirs.slice(0, 2), ...mine.slice(0, 2)]) prepareChunk(c, 0);
  let t = cpuMs();
  const lap = (stage: string): void => {
    const now = cpuMs();
    ms[stage] = (ms[stage] ?? 0) + now - t;
    t = now;
  };
  // A worker keeps nothing of what it prepares, so the timed pass keeps nothing either;
  // the index is then built from a second, untimed pass.
  for (const c of theirs) prepareChunk(c, 0);
  lap('prepare_theirs');
  const chunks = theirs.map((c) => prepareChunk(c, 0));
  t = cpuMs();
  const index = new MatchIndex();
  for (const c of chunks) index.addChunk(c);
  lap('index');
  // What a worker probes: the shared snapshot (taken here as matchFrom takes it).
  const view = new SnapshotView(index.snapshot());
  lap('snapshot');
  const prober = new Prober();
  const pairs: ProbedPair[] = [];
  for (const c of mine) {
    const keyed = prepareKeyed(c, 0);
    lap('prepare_mine');
    prober.probeBatch(view, keyed, DEFAULT_MIN_CONFIDENCE, pairs);
    lap('probe');
  }
  const perRecord = (stage: string): number => Number(((ms[stage] * 1000) / n).toFixed(2));
  const stages = ['prepare_theirs', 'index', 'snapshot', 'prepare_mine', 'probe'];
  printTable(
    stages.map((s) => ({ stage: s, cpu_ms: Math.round(ms[s]), us_per_record: perRecord(s) })),
  );
  const load = Number(loadavg()[0].toFixed(1));
  console.log(`${n} × ${n} records, ${pairs.length} pairs, load average ${load}`);
  printJson({
    n,
    ...Object.fromEntries(stages.map((s) => [`${s}_us`, perRecord(s)])),
    pairs: pairs.length,
    peak_rss_mb: peakRssMb(),
    load_avg_1m: load,
  });
}

main();
