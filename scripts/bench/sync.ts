/**
 * `npm run bench:sync -- --n 100000`: N overlaps pushed to the Salesforce emulator by the real
 * sync (jsforce, sObject Collections or Bulk API 2.0), then an unchanged resync. Reports API
 * calls (counted by the emulator), the job status polls beside the emulator's job processing
 * time, wall time and the load average; the last line is one JSON object.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultRetry } from '../../api/src/salesforce/retry';
import { startSync } from '../../api/src/salesforce/sync';
import { seedOverlaps, setup } from '../../test/salesforce/fixture';
import { printJson, printTable } from './lib/report';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
}

async function main(): Promise<void> {
  const n = arg('n', 100_000);
  const f = await setup('sqlite');
  try {
    const t0 = performance.now();
    await seedOverlaps(f, n);
    const seedMs = Math.round(performance.now() - t0);

    const run = async () => {
      f.sf.stats.reset();
      const start = performance.now();
      const { done } = await startSync(f.ctx, f.acme, 'api', { retry: defaultRetry, pull: false });
      const result = await done;
      const ms = Math.round(performance.now() - start);
      if (result.status !== 'succeeded')
        throw new Error(`sync ${result.status}: ${JSON.stringify(result.errors.slice(0, 3))}`);
      return { result, ms, stats: f.sf.stats.snapshot() };
    };
    const push = await run();
    const stored = f.sf.org.all('Partner_Overlap__c').length;
    if (stored !== n)
      throw new Error(`expected ${n} Partner_Overlap__c in the org, found ${stored}`);
    const resync = await run();

    printTable([
      {
        phase: 'push',
        rows: push.result.counts.pushed ?? 0,
        api_calls: push.stats.apiCalls,
        write_calls: push.stats.writeCalls,
        ms: push.ms,
      },
      {
        phase: 'unchanged resync',
        rows: resync.result.counts.unchanged ?? 0,
        api_calls: resync.stats.apiCalls,
        write_calls: resync.stats.writeCalls,
        ms: resync.ms,
      },
    ]);
    const polls = push.stats.calls['bulk.ingest.info'] ?? 0;
    console.log(
      `\nseed ${n} overlaps: ${seedMs} ms; push calls by kind: ${JSON.stringify(push.stats.calls)}`,
    );
    console.log(
      `bulk jobs: ${push.stats.bulkJobMs.length}, processed by the emulator in ${JSON.stringify(push.stats.bulkJobMs)} ms; status polls: ${polls}; load average (1 min): ${loadavg()[0].toFixed(2)}`,
    );
    printJson({
      n,
      push_api_calls: push.stats.apiCalls,
      push_write_calls: push.stats.writeCalls,
      push_status_polls: polls,
      bulk_job_ms: push.stats.bulkJobMs,
      push_ms: push.ms,
      resync_api_calls: resync.stats.apiCalls,
      resync_write_calls: resync.stats.writeCalls,
      resync_ms: resync.ms,
      load_avg_1m: Number(loadavg()[0].toFixed(2)),
    });
  } finally {
    await f.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
