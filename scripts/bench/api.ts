/**
 * `npm run bench:api [-- --n 1000000] [--seconds 10] [--rate 500] [--log both|info|silent]
 *   [--connections 20] [--generator open|autocannon] [--arrivals poisson|uniform]
 *   [--pin main|all|off] [--prof DIR]`:
 * GET /v1/records/{id}/overlaps on a workspace with N records and a partner with N, at a fixed
 * rate over loopback, and a bare Express route measured the same way in the same run. The data is
 * generated straight into a temp SQLite file (lib/apiData.ts; 1 in 5 records overlaps, random ids,
 * a real read key; the matcher is skipped: it has its own benchmark). Each server runs in its own
 * child process (lib/apiServer.ts). The default load generator is our open-loop one
 * (lib/apiLoad.ts: precomputed schedule, Poisson arrivals unless `--arrivals uniform`, latency
 * from the scheduled send time); `--generator
 * autocannon` shows autocannon's bursty `overallRate` pacing for comparison. On ≥ 2 CPUs the
 * server is pinned to the last CPU and the generator to the others (taskset), so they do not
 * trade places on a core. With `--log both` the API is measured at LOG_LEVEL=info (pino-http
 * request lines to a file, as deployed; the headline) and =silent. `--prof DIR` writes a V8 CPU
 * profile of the API child. Table first, JSON last.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../../api/src/config';
import { createDb, migrate } from '../../api/src/db/knex';
import { loadApiBenchData } from './lib/apiData';
import { openLoop, type LoadResult } from './lib/apiLoad';
import { printJson, printTable } from './lib/report';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const N = Number(arg('n', '1000000'));
const SECONDS = Number(arg('seconds', '10'));
const RATE = Number(arg('rate', '500'));
const LOGS = arg('log', 'both');
const CONNECTIONS = Number(arg('connections', '20'));
const GENERATOR = arg('generator', 'open');
const PROF = arg('prof', '');
const CPUS = os.availableParallelism();

const PIN_MODE = arg('pin', 'main');
const ARRIVALS = arg('arrivals', 'poisson') as 'poisson' | 'uniform';
if (ARRIVALS !== 'poisson' && ARRIVALS !== 'uniform')
  throw new Error('--arrivals must be poisson or uniform');

/** CPU pinning: server on the last CPU, this process on the rest; null when not possible. */
function pinning(): { server: string; generator: string } | null {
  if (PIN_MODE === 'off' || CPUS < 2) return null;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return { server: String(CPUS - 1), generator: CPUS === 2 ? '0' : `0-${CPUS - 2}` };
}
const PIN = pinning();
const pin = (cpus: string, pid: number, allThreads: boolean) =>
  execFileSync('taskset', [...(allThreads ? ['-a'] : []), '-cp', cpus, String(pid)], {
    stdio: 'ignore',
  });

interface Server {
  port: number;
  child: ChildProcess;
}

async function startServer(env: Record<string, string>, logFile?: string): Promise<Server> {
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const prof = PROF && env.BENCH_TARGET === 'api' ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : [];
  const child = fork(path.join(__dirname, 'lib', 'apiServer.ts'), [], {
    env: { ...process.env, ...env },
    execArgv: [...process.execArgv, ...prof],
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  if (PIN) pin(PIN.server, child.pid!, PIN_MODE === 'all');
  return { port, child };
}

async function stopServer(s: Server) {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.disconnect();
  await exited;
}

function serverCpuMs(s: Server): Promise<number> {
  return new Promise((resolve) => {
    s.child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
    s.child.send('cpu');
  });
}

type Measured = LoadResult & { server_cpu_ms_per_req: number; load_1m: number };

async function load(s: Server, url: string, seconds: number, key?: string): Promise<Measured> {
  const headers = key ? { authorization: `Bearer ${key}` } : undefined;
  // Every 5th record overlaps; ask for a random record (a hit 1 in 5 times, like real Account pages).
  const randomPath = () =>
    url === '/bare' ? url : `/v1/records/A${Math.floor(Math.random() * N)}/overlaps`;
  const cpu0 = await serverCpuMs(s);
  const load1 = os.loadavg()[0];
  const r =
    GENERATOR === 'autocannon'
      ? await viaAutocannon(s.port, seconds, headers, randomPath)
      : await openLoop({
          port: s.port,
          rate: RATE,
          seconds,
          connections: CONNECTIONS,
          headers,
          path: randomPath,
          arrivals: ARRIVALS,
        });
  const cpu = (await serverCpuMs(s)) - cpu0;
  return {
    ...r,
    server_cpu_ms_per_req: Number((cpu / Math.max(1, r.completed)).toFixed(3)),
    load_1m: Number(load1.toFixed(2)),
  };
}

async function viaAutocannon(
  port: number,
  seconds: number,
  headers: Record<string, string> | undefined,
  randomPath: () => string,
): Promise<LoadResult> {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}${randomPath()}`,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: seconds,
    headers,
    requests: [
      { setupRequest: (req: Record<string, unknown>) => ({ ...req, path: randomPath() }) },
    ],
  });
  const na = null as unknown as number;
  return {
    sent: r.requests.total,
    completed: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    rps: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p90_ms: na,
    p99_ms: r.latency.p99,
    p999_ms: na,
    max_ms: r.latency.max,
    send_lag_p99_ms: na,
    cpu_ms: na,
  };
}

async function measure(env: Record<string, string>, url: string, key?: string, logFile?: string) {
  const s = await startServer(env, logFile);
  try {
    await load(s, url, 2, key); // warm-up: JIT, sockets, prepared statements, page cache
    return await load(s, url, SECONDS, key);
  } finally {
    await stopServer(s);
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-bench-'));
  const config = loadConfig({ OVERLAP_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  try {
    const db = createDb(config.database);
    const t0 = performance.now();
    let key: string;
    try {
      await migrate(db);
      ({ key } = await loadApiBenchData(db, N));
    } finally {
      await db.destroy();
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    // The loader writes without fsync; push its pages to disk now, not during the first timed run.
    for (const file of [config.database.connection, `${config.database.connection}-wal`]) {
      if (!fs.existsSync(file)) continue;
      const fd = fs.openSync(file, 'r+');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
    if (PIN) pin(PIN.generator, process.pid, true);

    const logFile = path.join(dir, 'requests.log');
    const runs: Array<{ target: string; level: string | null; r: Measured }> = [];
    for (const level of LOGS === 'both' ? ['info', 'silent'] : [LOGS]) {
      const env = { BENCH_TARGET: 'api', BENCH_DB: config.database.connection, LOG_LEVEL: level };
      const r = await measure(env, '/v1/records/A0/overlaps', key, logFile);
      runs.push({ target: `GET /v1/records/{id}/overlaps (LOG_LEVEL=${level})`, level, r });
    }
    const bare = await measure({ BENCH_TARGET: 'bare' }, '/bare');
    runs.push({ target: 'bare Express', level: null, r: bare });
    const logLines = fs.existsSync(logFile)
      ? fs.readFileSync(logFile, 'utf8').split('\n').length - 1
      : 0;

    printTable(runs.map(({ target, r }) => ({ target, ...r })));
    console.log(
      `records per side: ${N}; overlaps per side: ${Math.ceil(N / 5)}; load ${loadSeconds.toFixed(1)} s; ` +
        `target ${RATE} req/s for ${SECONDS} s over ${CONNECTIONS} keep-alive connections; ` +
        `generator: ${GENERATOR === 'autocannon' ? 'autocannon overallRate (bursty)' : `open loop, ${ARRIVALS} arrivals, latency from scheduled send`}; ` +
        `${CPUS} CPUs; ${PIN ? `server pinned to CPU ${PIN.server}, generator to CPU ${PIN.generator}` : 'not pinned'}; ` +
        `request log lines: ${logLines}`,
    );
    const [head] = runs;
    const silent = runs.find((r) => r.level === 'silent')?.r;
    printJson({
      n: N,
      generator: GENERATOR,
      arrivals: GENERATOR === 'autocannon' ? null : ARRIVALS,
      connections: CONNECTIONS,
      pinned: PIN !== null,
      log_level: head.level,
      p50_ms: head.r.p50_ms,
      p99_ms: head.r.p99_ms,
      rps: head.r.rps,
      server_cpu_ms_per_req: head.r.server_cpu_ms_per_req,
      bare_p50_ms: bare.p50_ms,
      bare_p99_ms: bare.p99_ms,
      bare_rps: bare.rps,
      bare_server_cpu_ms_per_req: bare.server_cpu_ms_per_req,
      silent_p50_ms: silent?.p50_ms ?? null,
      silent_p99_ms: silent?.p99_ms ?? null,
      non2xx: runs.reduce((s, r) => s + r.r.non2xx, 0),
      target_p99_ms: 20,
      target_met: head.r.p99_ms <= 20 && head.r.rps >= RATE * 0.98,
      load_avg_1m: Number(os.loadavg()[0].toFixed(2)),
      load_s: Number(loadSeconds.toFixed(1)),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(String(err?.stack ?? err).slice(0, 800));
  process.exit(1);
});
