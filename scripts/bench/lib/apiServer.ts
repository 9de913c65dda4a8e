/**
 * Child process of `bench:api`: serves either the real API on the bench database or a bare
 * Express route, so the load generator does not share the server's event loop.
 * Env: BENCH_TARGET=api|bare, BENCH_DB=<sqlite file>, LOG_LEVEL. Sends `{ port }` when listening,
 * answers `'cpu'` with `{ cpuMs }` (its CPU time so far, all threads) and exits when the parent
 * disconnects.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApp } from '../../../api/src/app';
import { loadConfig } from '../../../api/src/config';
import { createDb } from '../../../api/src/db/knex';
import { createLogger } from '../../../api/src/logger';

function start(): { server: ReturnType<express.Express['listen']>; close: () => Promise<void> } {
  if (process.env.BENCH_TARGET === 'bare') {
    const bare = express();
    bare.get('/bare', (_req, res) => {
      res.json({ ok: true });
    });
    return { server: bare.listen(0, '127.0.0.1'), close: async () => {} };
  }
  const level = process.env.LOG_LEVEL ?? 'silent';
  const config = {
    ...loadConfig({ DATABASE_URL: `sqlite:${process.env.BENCH_DB}`, LOG_LEVEL: level }),
    rateLimitPerMinute: 10_000_000,
  };
  const db = createDb(config.database);
  const ctx = { db, config, logger: createLogger(level), now: () => new Date() };
  return { server: createApp(ctx).listen(0, '127.0.0.1'), close: () => db.destroy() };
}

const { server, close } = start();
server.once('listening', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', (m) => {
  if (m !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.send?.({ cpuMs: (user + system) / 1000 });
});
process.on('disconnect', () => void close().finally(() => process.exit(0)));
