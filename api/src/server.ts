import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import type { AppContext } from './context';
import { createDb, migrate } from './db/knex';
import { createLogger } from './logger';
import { startNotifier } from './notify/worker';
import { startDigestScheduler } from './planning/digestService';
import { startSalesforce } from './salesforce/runtime';
import { readDemoKeys, seedDemo, type DemoKeys } from './demo/seed';
import { withPreview } from './preview/router';

/** Opens the database, migrates, seeds the demo when empty, and listens. */
export async function start(
  config: Config,
): Promise<{ server: Server; ctx: AppContext; url: string }> {
  const logger = createLogger(config.logLevel);
  const db = createDb(config.database);
  const ctx: AppContext = { db, config, logger, now: () => new Date() };
  const applied = await migrate(db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  if (config.seedDemo) {
    const seeded = await seedDemo(ctx);
    if (seeded) logger.info('demo data seeded');
  }
  const app = withPreview(ctx, createApp(ctx)); // /preview when the demo data is on
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.on('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host}:${port}`;
  server.on('close', () => void db.destroy());
  return { server, ctx, url };
}

function banner(url: string, config: Config, keys: DemoKeys | null): string {
  const lines = [
    '',
    `Overlap API listening on ${url}`,
    `  database: ${config.database.client === 'pg' ? 'PostgreSQL' : `SQLite ${config.database.connection}`}`,
    `  health:   ${url}/healthz`,
    `  openapi:  ${url}/openapi.json   (browse: ${url}/docs)`,
  ];
  if (keys) {
    lines.push(`  preview:  ${url}/preview   (the Salesforce components on the demo data)`);
    lines.push('', 'Demo workspaces (keys are stored in the data dir; demo only):');
    for (const w of keys.workspaces) {
      lines.push(
        `  ${w.name.padEnd(12)} id ${w.id}`,
        `    admin key: ${w.adminKey}`,
        `    read key:  ${w.readKey}`,
      );
    }
    const k = keys.workspaces[0].adminKey;
    lines.push(
      '',
      'Try:',
      `  curl -s ${url}/healthz`,
      `  curl -s -H "Authorization: Bearer ${k}" ${url}/v1/partners`,
      `  curl -s -H "Authorization: Bearer ${k}" "${url}/v1/overlaps?limit=5"`,
      `  curl -s -H "Authorization: Bearer ${k}" ${url}/v1/partners/<partnerId>/matrix`,
    );
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw err;
  }
  const { server, ctx, url } = await start(config);
  const stopNotifier = startNotifier(ctx);
  const stopDigests = startDigestScheduler(ctx);
  const demoKeys = config.seedDemo ? readDemoKeys(config.dataDir) : null;
  const acme = demoKeys?.workspaces[0];
  const salesforce = await startSalesforce(
    ctx,
    acme ? { workspaceId: acme.id, adminKey: acme.adminKey, apiUrl: url } : null,
  );
  process.stdout.write(banner(url, config, demoKeys) + salesforce.banner);
  const stop = (signal: string) => {
    ctx.logger.info({ signal }, 'shutting down');
    stopNotifier();
    stopDigests();
    void salesforce.stop();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`Overlap failed to start: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
