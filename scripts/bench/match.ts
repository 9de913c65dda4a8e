/**
 * Speed benchmark: matches n synthetic records against n and compares with a plain
 * exact-domain hash join over the same records in the same process.
 *
 *   npm run bench:match -- --n 1000000 [--threads 2]
 *
 * Both sides are generated once into arrays before any timing; both timings cover only
 * reading those records and matching them. The matcher prepares records on `--threads`
 * worker threads (default: all cores); the baseline is single-threaded. Prints tables, then
 * one JSON line: { n, threads, ms, baseline_ms, ratio, cpu_ms, baseline_cpu_ms, peak_rss_mb, … }.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { getDomain } from 'tldts';
import { MatchIndex, type MatchPair } from '../../api/src/matching';
import {
  entityOf,
  generateMine,
  generateTheirs,
  materialize,
  recordsOf,
  type SyntheticList,
} from './lib/synthetic';
import { peakRssMb, printJson, printTable } from './lib/report';

interface Timed {
  ms: number;
  cpuMs: number;
}

/** Wall and CPU time (user + system, all threads: honest when other jobs share the cores). */
async function timed<T>(run: () => Promise<T> | T): Promise<Timed & { value: T }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const d = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (d.user + d.system) / 1000, value };
}

/** The baseline: lower-case host → registrable domain (tldts) → Map join. No names, no traps. */
function baselineJoin(mine: SyntheticList, theirs: SyntheticList): number {
  const byDomain = new Map<string, string | string[]>();
  const domainOf = (website: string | null | undefined): string | null => {
    if (!website) return null;
    let host = website.toLowerCase().replace(/^[a-z]+:\/\//, '');
    host = host.split(/[/?#:]/)[0];
    return getDomain(host);
  };
  for (const r of recordsOf(theirs)) {
    const d = domainOf(r.website);
    if (!d) continue;
    const prior = byDomain.get(d);
    if (prior === undefined) byDomain.set(d, r.id);
    else if (typeof prior === 'string') byDomain.set(d, [prior, r.id]);
    else prior.push(r.id);
  }
  let pairs = 0;
  for (const r of recordsOf(mine)) {
    const d = domainOf(r.website);
    const hit = d ? byDomain.get(d) : undefined;
    if (hit !== undefined) pairs += typeof hit === 'string' ? 1 : hit.length;
  }
  return pairs;
}

async function matcherRun(
  mine: SyntheticList,
  theirs: SyntheticList,
  threads: number,
): Promise<{ pairs: MatchPair[]; indexMs: number }> {
  const start = performance.now();
  const index = await MatchIndex.buildFrom(recordsOf(theirs), { threads });
  const indexMs = performance.now() - start;
  const pairs = await index.matchFrom(recordsOf(mine), { includeHierarchy: false, threads });
  return { pairs, indexMs };
}

/** Synthetic ground truth: every (mine copy, theirs copy) of each shared entity. */
function quality(pairs: MatchPair[], mine: SyntheticList, theirs: SyntheticList, shared: number) {
  let tp = 0;
  for (const p of pairs) if (entityOf(p.mineId) === entityOf(p.theirsId)) tp++;
  const theirsCopies = new Map<number, number>();
  for (const { id } of recordsOf(theirs)) {
    const e = entityOf(id);
    if (e < shared) theirsCopies.set(e, (theirsCopies.get(e) ?? 0) + 1);
  }
  let truePairs = 0;
  for (const { id } of recordsOf(mine)) truePairs += theirsCopies.get(entityOf(id)) ?? 0;
  return { precision: tp / Math.max(1, pairs.length), recall: tp / Math.max(1, truePairs) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '1000000' },
      threads: { type: 'string', default: String(availableParallelism()) },
    },
  });
  const n = Number(values.n);
  const threads = Number(values.threads);
  if (!Number.isInteger(n) || n <= 0) throw new Error('--n must be a positive integer');
  if (!Number.isInteger(threads) || threads <= 0)
    throw new Error('--threads must be a positive integer');
  const opts = { n, overlap: 0.3 };
  const generated = await timed(() => ({
    mine: materialize(generateMine(opts)),
    theirs: materialize(generateTheirs(opts)),
  }));
  const { mine, theirs } = generated.value;
  // Matcher first, so JIT warm-up of the shared record reader counts against it.
  const matcher = await timed(() => matcherRun(mine, theirs, threads));
  const baseline = await timed(() => baselineJoin(mine, theirs));
  const peak = peakRssMb();
  const { pairs, indexMs } = matcher.value;
  const q = quality(pairs, mine, theirs, Math.floor(n * opts.overlap));
  const ratio = matcher.ms / baseline.ms;
  const cpuRatio = matcher.cpuMs / baseline.cpuMs;
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `${mine.size} × ${theirs.size} records, generated once in ${Math.round(generated.ms)} ms (not timed below)`,
  );
  printTable([
    {
      run: `matcher (index + match), ${threads} thread${threads > 1 ? 's' : ''}`,
      wall_ms: Math.round(matcher.ms),
      cpu_ms: Math.round(matcher.cpuMs),
      pairs: pairs.length,
      note: `index built in ${Math.round(indexMs)} ms`,
    },
    {
      run: 'baseline exact-domain join, 1 thread',
      wall_ms: Math.round(baseline.ms),
      cpu_ms: Math.round(baseline.cpuMs),
      pairs: baseline.value,
      note: 'no name, trap or duplicate handling',
    },
  ]);
  printTable([
    { metric: 'ratio matcher/baseline (wall)', value: Number(ratio.toFixed(2)) },
    { metric: 'ratio matcher/baseline (cpu)', value: Number(cpuRatio.toFixed(2)) },
    { metric: 'synthetic precision', value: q.precision },
    { metric: 'synthetic recall', value: q.recall },
    { metric: 'peak RSS MiB', value: peak },
    { metric: 'load average 1/5/15 min', value: load },
  ]);
  printJson({
    n,
    threads,
    ms: Math.round(matcher.ms),
    baseline_ms: Math.round(baseline.ms),
    ratio: Number(ratio.toFixed(2)),
    cpu_ms: Math.round(matcher.cpuMs),
    baseline_cpu_ms: Math.round(baseline.cpuMs),
    cpu_ratio: Number(cpuRatio.toFixed(2)),
    index_ms: Math.round(indexMs),
    generate_ms: Math.round(generated.ms),
    load_avg_1m: Number(loadavg()[0].toFixed(1)),
    peak_rss_mb: peak,
    pairs: pairs.length,
    baseline_pairs: baseline.value,
    synthetic_precision: Number(q.precision.toFixed(5)),
    synthetic_recall: Number(q.recall.toFixed(5)),
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
