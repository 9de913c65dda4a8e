/**
 * `npm run bench:api [-- --n 1000000] [--seconds 10] [--rate 500] [--log both|info|silent]`:
 * GET /v1/records/{id}/overlaps on a workspace with N records and a partner with N, at a fixed
 * rate over loopback, next to a bare Express route in the same run. The data is generated straight
 * into a temp SQLite file (scripts/bench/lib/apiData.ts; 1 in 5 records overlaps; the matcher is
 * skipped: it has its own benchmark). Each server runs in its own child process
 * (lib/apiServer.ts) so autocannon does not share its event loop. With `--log both` the API is
 * measured with LOG_LEVEL=info (pino-http request logs to a file, as deployed) and =silent.
 * Table first, JSON last (headline figures = the info run when measured).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../../api/src/config';
import { createDb, migrate } from '../../api/src/db/knex';
import { loadApiBenchData } from './lib/apiData';
import { printJson, printTable } from './lib/report';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const N = Number(arg('n', '1000000'));
const SECONDS = Number(arg('seconds', '10'));
const RATE = Number(arg('rate', '500'));
const LOGS = arg('log', 'both');

interface Server {
  port: number;
  child: ChildProcess;
}

async function startServer(env: Record<string, string>, logFile?: string): Promise<Server> {
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = fork(path.join(__dirname, 'lib', 'apiServer.ts'), [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { port, child };
}

async function stopServer(s: Server) {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.disconnect();
  await exited;
}

function hit(port: number, key: string, seconds: number) {
  // Every 5th record overlaps; ask for a random record (a hit 1 in 5 times, like real Account pages).
  return autocannon({
    url: `http://127.0.0.1:${port}/v1/records/A0/overlaps`,
    connections: 20,
    overallRate: RATE,
    duration: seconds,
    headers: { authorization: `Bearer ${key}` },
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          path: `/v1/records/A${Math.floor(Math.random() * N)}/overlaps`,
        }),
      },
    ],
  });
}

async function measureApi(db: string, key: string, level: string, logFile: string) {
  const s = await startServer({ BENCH_TARGET: 'api', BENCH_DB: db, LOG_LEVEL: level }, logFile);
  try {
    await hit(s.port, key, 2); // warm-up: JIT, prepared statements, page cache
    const load = os.loadavg()[0];
    return { result: await hit(s.port, key, SECONDS), load };
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

    const levels = LOGS === 'both' ? ['info', 'silent'] : [LOGS];
    const logFile = path.join(dir, 'requests.log');
    const runs: Array<{ level: string; result: autocannon.Result; load: number }> = [];
    for (const level of levels)
      runs.push({ level, ...(await measureApi(config.database.connection, key, level, logFile)) });
    const bareServer = await startServer({ BENCH_TARGET: 'bare' });
    const bareLoad = os.loadavg()[0];
    const bare = await autocannon({
      url: `http://127.0.0.1:${bareServer.port}/bare`,
      connections: 20,
      overallRate: RATE,
      duration: SECONDS,
    });
    await stopServer(bareServer);
    const logLines = fs.existsSync(logFile)
      ? fs.readFileSync(logFile, 'utf8').split('\n').length - 1
      : 0;

    const row = (name: string, r: autocannon.Result, load: number) => ({
      target: name,
      requests: r.requests.total,
      rps: Math.round(r.requests.average),
      p50_ms: r.latency.p50,
      p99_ms: r.latency.p99,
      max_ms: r.latency.max,
      non2xx: r.non2xx,
      errors: r.errors,
      load_1m: Number(load.toFixed(2)),
    });
    printTable([
      ...runs.map((r) =>
        row(`GET /v1/records/{id}/overlaps (LOG_LEVEL=${r.level})`, r.result, r.load),
      ),
      row('bare Express', bare, bareLoad),
    ]);
    console.log(
      `records per side: ${N}; overlaps per side: ${Math.ceil(N / 5)}; load ${loadSeconds.toFixed(1)} s; ` +
        `target ${RATE} req/s for ${SECONDS} s; ${os.cpus().length} CPUs; request log lines: ${logLines}`,
    );
    const [head] = runs;
    const silent = runs.find((r) => r.level === 'silent');
    printJson({
      n: N,
      log_level: head.level,
      p50_ms: head.result.latency.p50,
      p99_ms: head.result.latency.p99,
      rps: Math.round(head.result.requests.average),
      bare_rps: Math.round(bare.requests.average),
      bare_p99_ms: bare.latency.p99,
      p99_over_bare: Number((head.result.latency.p99 / Math.max(1, bare.latency.p99)).toFixed(2)),
      silent_p50_ms: silent?.result.latency.p50 ?? null,
      silent_p99_ms: silent?.result.latency.p99 ?? null,
      silent_rps: silent ? Math.round(silent.result.requests.average) : null,
      non2xx: runs.reduce((s, r) => s + r.result.non2xx, 0),
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
