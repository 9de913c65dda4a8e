/**
 * Speed benchmark: matches n synthetic records against n, streamed, and compares with a
 * plain exact-domain hash join over the same generated data in the same process.
 *
 *   npm run bench:match -- --n 1000000
 *
 * Prints a table, then one JSON line: { n, ms, baseline_ms, ratio, peak_rss_mb, pairs, ... }.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { getDomain } from 'tldts';
import { MatchIndex } from '../../api/src/matching';
import { generateMine, generateTheirs, entityOf, type SyntheticOptions } from './lib/synthetic';
import { peakRssMb, printJson, printTable } from './lib/report';

/** The baseline: lower-case host → registrable domain (tldts) → Map join. No names, no traps. */
function baselineJoin(opts: SyntheticOptions): { ms: number; cpuMs: number; pairs: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const byDomain = new Map<string, string | string[]>();
  const domainOf = (website: string | null | undefined): string | null => {
    if (!website) return null;
    let host = website.toLowerCase().replace(/^[a-z]+:\/\//, '');
    host = host.split(/[/?#:]/)[0];
    return getDomain(host);
  };
  for (const r of generateTheirs(opts)) {
    const d = domainOf(r.website);
    if (!d) continue;
    const prior = byDomain.get(d);
    if (prior === undefined) byDomain.set(d, r.id);
    else if (typeof prior === 'string') byDomain.set(d, [prior, r.id]);
    else prior.push(r.id);
  }
  let pairs = 0;
  for (const r of generateMine(opts)) {
    const d = domainOf(r.website);
    const hit = d ? byDomain.get(d) : undefined;
    if (hit !== undefined) pairs += typeof hit === 'string' ? 1 : hit.length;
  }
  return { ms: performance.now() - start, cpuMs: cpuMsSince(cpu), pairs };
}

/** CPU time (user + system, all threads) since `from`: honest when other jobs share the cores. */
function cpuMsSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

interface MatcherResult {
  ms: number;
  cpuMs: number;
  indexMs: number;
  pairs: number;
  tp: number;
  truePairs: number;
}

function matcherRun(opts: SyntheticOptions): MatcherResult {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const index = MatchIndex.build(generateTheirs(opts));
  const indexMs = performance.now() - start;
  const pairs = index.match(generateMine(opts), { includeHierarchy: false });
  const ms = performance.now() - start;
  const cpuMs = cpuMsSince(cpu);
  let tp = 0;
  for (const p of pairs) if (entityOf(p.mineId) === entityOf(p.theirsId)) tp++;
  // True pairs: every (mine copy, theirs copy) of each shared entity.
  const theirsCopies = new Map<number, number>();
  const shared = Math.floor(opts.n * (opts.overlap ?? 0.3));
  for (const r of generateTheirs(opts)) {
    const e = entityOf(r.id);
    if (e < shared) theirsCopies.set(e, (theirsCopies.get(e) ?? 0) + 1);
  }
  let truePairs = 0;
  for (const r of generateMine(opts)) truePairs += theirsCopies.get(entityOf(r.id)) ?? 0;
  return { ms, cpuMs, indexMs, pairs: pairs.length, tp, truePairs };
}

function main(): void {
  const { values } = parseArgs({ options: { n: { type: 'string', default: '1000000' } } });
  const n = Number(values.n);
  if (!Number.isInteger(n) || n <= 0) throw new Error('--n must be a positive integer');
  const opts: SyntheticOptions = { n };
  // Matcher first, so JIT warm-up of the shared generator counts against us, not the baseline.
  const matcher = matcherRun(opts);
  const baseline = baselineJoin(opts);
  const ratio = matcher.ms / baseline.ms;
  const peak = peakRssMb();
  const precision = matcher.tp / Math.max(1, matcher.pairs);
  const recall = matcher.tp / Math.max(1, matcher.truePairs);
  printTable([
    {
      run: 'matcher (index + match)',
      ms: Math.round(matcher.ms),
      cpu_ms: Math.round(matcher.cpuMs),
      pairs: matcher.pairs,
      note: `index built in ${Math.round(matcher.indexMs)} ms`,
    },
    {
      run: 'baseline exact-domain join',
      ms: Math.round(baseline.ms),
      cpu_ms: Math.round(baseline.cpuMs),
      pairs: baseline.pairs,
      note: 'no name, trap or duplicate handling',
    },
  ]);
  printTable([
    { metric: 'ratio matcher/baseline', value: Number(ratio.toFixed(2)) },
    { metric: 'synthetic precision', value: precision },
    { metric: 'synthetic recall', value: recall },
    { metric: 'peak RSS MiB', value: peak },
  ]);
  printJson({
    n,
    ms: Math.round(matcher.ms),
    baseline_ms: Math.round(baseline.ms),
    ratio: Number(ratio.toFixed(2)),
    cpu_ms: Math.round(matcher.cpuMs),
    baseline_cpu_ms: Math.round(baseline.cpuMs),
    load_avg_1m: Number(loadavg()[0].toFixed(1)),
    peak_rss_mb: peak,
    pairs: matcher.pairs,
    baseline_pairs: baseline.pairs,
    synthetic_precision: Number(precision.toFixed(5)),
    synthetic_recall: Number(recall.toFixed(5)),
  });
}

main();
