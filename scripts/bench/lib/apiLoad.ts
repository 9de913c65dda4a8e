/**
 * An open-loop load generator for `bench:api`: requests leave on a precomputed schedule (Poisson
 * arrivals by default, or evenly spaced) over a pool of keep-alive sockets, and each latency is measured from the request's
 * *scheduled* send time to the end of its response. A slow response therefore delays nobody's
 * schedule and a request that had to wait for a free socket (or for this process) is charged the
 * wait, so the figures are free of coordinated omission.
 *
 * Why not autocannon's `overallRate`: autocannon 8 gives each connection rate/connections requests
 * per second, sends them back to back when its 1 s timer fires and then idles, so "500 req/s over
 * 20 connections" is a 500-request burst at the top of every second; it then "corrects" each
 * latency with fake samples at a 1 ms interval. Both inflate the tail of even a bare route.
 */
import http from 'node:http';
import { mulberry32 } from '../../../api/src/demo/prng';

export interface LoadOptions {
  port: number;
  /** requests per second */
  rate: number;
  seconds: number;
  /** keep-alive sockets; a request waits (and is charged for it) when all are busy */
  connections: number;
  headers?: Record<string, string>;
  /** the path of the next request */
  path: () => string;
  /**
   * `poisson`: independent users, exponential gaps averaging 1000/rate ms (seeded, so runs
   * compare), which bunches requests now and then the way real traffic does; `uniform`: one
   * every 1000/rate ms, the kindest schedule a server can get.
   */
  arrivals?: 'poisson' | 'uniform';
}

/** Send times (ms from the start) of `total` requests at `rate` per second. */
export function schedule(
  total: number,
  rate: number,
  arrivals: 'poisson' | 'uniform',
): Float64Array {
  const interval = 1000 / rate;
  const at = new Float64Array(total);
  const random = mulberry32(0x5eed);
  for (let i = 1; i < total; i++)
    at[i] = at[i - 1] + (arrivals === 'uniform' ? interval : -Math.log(1 - random()) * interval);
  return at;
}

export interface LoadResult {
  sent: number;
  completed: number;
  non2xx: number;
  errors: number;
  /** achieved responses per second over the run */
  rps: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  p999_ms: number;
  max_ms: number;
  /** how late this process sent requests, p99 (ms): its own share of the latencies above */
  send_lag_p99_ms: number;
  /** CPU time the generator used during the run (ms) */
  cpu_ms: number;
}

/** Nearest-rank percentile of an ascending array (0 when empty). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export async function openLoop(opts: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const total = Math.round(opts.rate * opts.seconds);
  const at = schedule(total, opts.rate, opts.arrivals ?? 'poisson');
  const latencies = new Float64Array(total);
  const lags = new Float64Array(total);
  let completed = 0;
  let non2xx = 0;
  let errors = 0;
  let next = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now() + 5;

  await new Promise<void>((done) => {
    const finish = () => {
      if (completed + errors === total) done();
    };
    const send = (i: number, scheduled: number) => {
      lags[i] = performance.now() - scheduled;
      const req = http.get(
        { host: '127.0.0.1', port: opts.port, path: opts.path(), headers: opts.headers, agent },
        (res) => {
          if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode >= 300)
            non2xx++;
          res.resume();
          res.on('end', () => {
            latencies[completed++] = performance.now() - scheduled;
            finish();
          });
        },
      );
      req.on('error', () => {
        errors++;
        finish();
      });
    };
    // Timers fire up to ~1 ms late; every request whose time has come goes out on each wake-up.
    const tick = () => {
      const now = performance.now();
      while (next < total && start + at[next] <= now) {
        send(next, start + at[next]);
        next++;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + at[next] - performance.now()));
    };
    setTimeout(tick, 5);
  });
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  const sorted = latencies.subarray(0, completed).sort();
  const sortedLags = lags.sort();
  return {
    sent: total,
    completed,
    non2xx,
    errors,
    rps: Math.round(completed / elapsed),
    p50_ms: round(percentile(sorted, 50)),
    p90_ms: round(percentile(sorted, 90)),
    p99_ms: round(percentile(sorted, 99)),
    p999_ms: round(percentile(sorted, 99.9)),
    max_ms: round(sorted.length ? sorted[sorted.length - 1] : 0),
    send_lag_p99_ms: round(percentile(sortedLags, 99)),
    cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
  };
}
