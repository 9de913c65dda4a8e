/**
 * `npm run bench:api [-- --n 50000] [--seconds 10] [--rate 500]`: GET /v1/records/{id}/overlaps
 * on a workspace with N records and a partner with N, at a fixed rate over loopback, next to a
 * bare Express route in the same run. The data is bulk-loaded straight into a temp SQLite file
 * (multi-row inserts) and the overlaps are generated directly (1 in 5 records overlaps; the
 * matcher is skipped: it has its own benchmark). Table first, JSON last.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import express from 'express';
import type { Knex } from 'knex';
import { createApp } from '../../api/src/app';
import { loadConfig } from '../../api/src/config';
import { createDb, migrate } from '../../api/src/db/knex';
import { createLogger } from '../../api/src/logger';
import { ensureStandardPopulations } from '../../api/src/mapping/populations';
import { createWorkspace, issueApiKey, linkPartners } from '../../api/src/mapping/workspaces';
import { printJson, printTable } from './lib/report';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const N = arg('n', 1_000_000);
const SECONDS = arg('seconds', 10);
const RATE = arg('rate', 500);
const TYPES = ['Customer - Direct', 'Prospect', 'Lead', 'Other'];

async function bulkRecords(
  db: Knex,
  workspaceId: string,
  prefix: string,
  n: number,
  firstId: number,
) {
  const now = new Date().toISOString();
  for (let start = 0; start < n; start += 20_000) {
    await db.transaction(async (trx) => {
      for (let i = start; i < Math.min(n, start + 20_000); i += 500) {
        const rows = [];
        for (let k = i; k < Math.min(n, i + 500); k++) {
          rows.push({
            id: firstId + k,
            workspace_id: workspaceId,
            source_id: `${prefix}${k}`,
            name: `Company ${k} ${prefix}`,
            website: `company${k}.com`,
            domain: `company${k}.com`,
            country: 'Sweden',
            owner_name: `Owner ${k % 97}`,
            owner_email: `o${k % 97}@${prefix}.example`,
            type: TYPES[k % 4],
            fields: '{}',
            content_hash: 'bench',
            updated_at: now,
          });
        }
        await trx('records').insert(rows);
      }
    });
  }
}

async function bulkMembership(db: Knex, workspaceId: string, n: number, firstId: number) {
  const pops = await db('populations')
    .select('id', 'standard_key')
    .where({ workspace_id: workspaceId });
  const byKey = Object.fromEntries(pops.map((p) => [p.standard_key, p.id]));
  const keyOf = ['customers', 'prospects', 'leads', null];
  await db.transaction(async (trx) => {
    for (let i = 0; i < n; i += 5000) {
      const rows = [];
      for (let k = i; k < Math.min(n, i + 5000); k++)
        if (keyOf[k % 4])
          rows.push({ record_id: firstId + k, population_id: byKey[keyOf[k % 4]!] });
      for (let j = 0; j < rows.length; j += 500)
        await trx('record_populations').insert(rows.slice(j, j + 500));
    }
  });
  return byKey;
}

async function bulkOverlaps(
  db: Knex,
  sides: Array<{ ws: string; partnerId: string; mine: number; theirs: number }>,
  n: number,
) {
  const now = new Date().toISOString();
  await db.transaction(async (trx) => {
    for (const s of sides) {
      for (let i = 0; i < n; i += 5 * 400) {
        const rows = [];
        for (let k = i; k < Math.min(n, i + 5 * 400); k += 5) {
          rows.push({
            id: randomUUID(),
            workspace_id: s.ws,
            partner_id: s.partnerId,
            record_id: s.mine + k,
            partner_record_id: s.theirs + k,
            method: 'domain',
            relation: 'same',
            confidence: 0.98,
            duplicate_count: 1,
            first_seen: now,
            last_seen: now,
          });
        }
        await trx('overlaps').insert(rows);
      }
    }
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-bench-'));
  const config = {
    ...loadConfig({ OVERLAP_DATA_DIR: dir, LOG_LEVEL: 'silent' }),
    rateLimitPerMinute: 10_000_000,
  };
  const db = createDb(config.database);
  const ctx = { db, config, logger: createLogger('silent'), now: () => new Date() };
  try {
    await migrate(db);
    const t0 = performance.now();
    const acme = await createWorkspace(db, 'Acme Bench');
    const globex = await createWorkspace(db, 'Globex Bench');
    for (const ws of [acme, globex]) await ensureStandardPopulations(db, ws.id);
    await linkPartners(db, acme, globex);
    const key = await issueApiKey(db, acme.id, 'bench', 'read');
    await bulkRecords(db, acme.id, 'A', N, 1);
    await bulkRecords(db, globex.id, 'G', N, N + 1);
    await bulkMembership(db, acme.id, N, 1);
    const gPops = await bulkMembership(db, globex.id, N, N + 1);
    const pa = await db('partners').where({ workspace_id: acme.id }).first();
    const pg = await db('partners').where({ workspace_id: globex.id }).first();
    await bulkOverlaps(
      db,
      [
        { ws: acme.id, partnerId: pa.id, mine: 1, theirs: N + 1 },
        { ws: globex.id, partnerId: pg.id, mine: N + 1, theirs: 1 },
      ],
      N,
    );
    for (const [pop, fields] of [
      ['customers', ['ownerName', 'ownerEmail']],
      ['prospects', []],
    ] as const) {
      await db('sharing_rules').insert({
        id: randomUUID(),
        workspace_id: globex.id,
        partner_id: pg.id,
        population_id: gPops[pop],
        level: 'overlaps',
        fields: JSON.stringify(fields),
        updated_at: new Date().toISOString(),
      });
    }
    await db.raw('ANALYZE');
    const loadSeconds = (performance.now() - t0) / 1000;

    const api = createApp(ctx).listen(0, '127.0.0.1');
    const bare = express();
    bare.get('/bare', (_req, res) => {
      res.json({ ok: true });
    });
    const bareServer = bare.listen(0, '127.0.0.1');
    await Promise.all([api, bareServer].map((s) => new Promise((r) => s.once('listening', r))));
    const port = (s: typeof api) => (s.address() as AddressInfo).port;

    const run = (url: string, setupPath?: () => string) =>
      autocannon({
        url,
        connections: 20,
        overallRate: RATE,
        duration: SECONDS,
        headers: { authorization: `Bearer ${key.key}` },
        requests: setupPath
          ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: setupPath() }) }]
          : undefined,
      });
    // Every 5th record overlaps; ask for a random record (a hit 1 in 5 times, like real Account pages).
    const api1 = await run(
      `http://127.0.0.1:${port(api)}/v1/records/A0/overlaps`,
      () => `/v1/records/A${Math.floor(Math.random() * N)}/overlaps`,
    );
    const bare1 = await run(`http://127.0.0.1:${port(bareServer)}/bare`);
    api.close();
    bareServer.close();

    const row = (name: string, r: autocannon.Result) => ({
      target: name,
      requests: r.requests.total,
      rps: Math.round(r.requests.average),
      p50_ms: r.latency.p50,
      p99_ms: r.latency.p99,
      max_ms: r.latency.max,
      non2xx: r.non2xx,
      errors: r.errors,
    });
    printTable([row('GET /v1/records/{id}/overlaps', api1), row('bare Express', bare1)]);
    console.log(
      `records per side: ${N}; overlaps per side: ${Math.ceil(N / 5)}; load ${loadSeconds.toFixed(1)} s; target ${RATE} req/s for ${SECONDS} s`,
    );
    printJson({
      n: N,
      p50_ms: api1.latency.p50,
      p99_ms: api1.latency.p99,
      rps: Math.round(api1.requests.average),
      bare_rps: Math.round(bare1.requests.average),
      bare_p99_ms: bare1.latency.p99,
      non2xx: api1.non2xx,
      load_s: Number(loadSeconds.toFixed(1)),
    });
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(String(err?.message ?? err).slice(0, 500));
  process.exit(1);
});
