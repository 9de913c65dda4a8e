/**
 * Bench data for `bench:api`: a workspace with N records, its partner with N, memberships in the
 * standard populations (record k: Customers, Prospects, Leads or none by k % 4), 1 in 5 records
 * overlapping, and the partner sharing Customers (+ owner) and Prospects at `overlaps`. Rows are
 * generated inside SQLite (recursive CTE, INSERT … SELECT), so 1M + 1M rows load in tens of
 * seconds; the bench database only, with bench-only PRAGMAs.
 */
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { ensureStandardPopulations } from '../../../api/src/mapping/populations';
import { createWorkspace, issueApiKey, linkPartners } from '../../../api/src/mapping/workspaces';

const SEQ = 'WITH RECURSIVE seq(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM seq WHERE k < ?)';

async function records(db: Knex, workspaceId: string, prefix: string, n: number, firstId: number) {
  await db.raw(
    `${SEQ} INSERT INTO records (id, workspace_id, source_id, name, website, domain, country,
       owner_name, owner_email, type, fields, content_hash, created_at, updated_at)
     SELECT ? + k, ?, ? || k, 'Company ' || k || ' ' || ?, 'company' || k || '.com',
       'company' || k || '.com', 'Sweden', 'Owner ' || (k % 97), 'o' || (k % 97) || '@' || ? || '.example',
       CASE k % 4 WHEN 0 THEN 'Customer - Direct' WHEN 1 THEN 'Prospect' WHEN 2 THEN 'Lead' ELSE 'Other' END,
       '{}', 'bench', ?, ? FROM seq`,
    [n - 1, firstId, workspaceId, prefix, prefix, prefix, now(), now()],
  );
}

async function memberships(db: Knex, workspaceId: string, n: number, firstId: number) {
  const pops = await db('populations')
    .select('id', 'standard_key')
    .where({ workspace_id: workspaceId });
  const byKey: Record<string, string> = Object.fromEntries(pops.map((p) => [p.standard_key, p.id]));
  for (const [rest, key] of [
    [0, 'customers'],
    [1, 'prospects'],
    [2, 'leads'],
  ] as const) {
    await db.raw(
      `INSERT INTO record_populations (record_id, population_id)
       SELECT id, ? FROM records WHERE id BETWEEN ? AND ? AND (id - ?) % 4 = ?`,
      [byKey[key], firstId, firstId + n - 1, firstId, rest],
    );
  }
  return byKey;
}

/** Overlap ids are random UUIDs (as in production), made in SQL from randomblob. */
const UUID_SQL = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
  substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

async function overlaps(
  db: Knex,
  side: { ws: string; partnerId: string; mine: number; theirs: number },
  n: number,
) {
  await db.raw(
    `${SEQ} INSERT INTO overlaps (id, workspace_id, partner_id, record_id, partner_record_id,
       method, relation, confidence, duplicate_count, first_seen, last_seen)
     SELECT ${UUID_SQL}, ?, ?, ? + k * 5, ? + k * 5, 'domain', 'same', 0.98, 1, ?, ? FROM seq`,
    [Math.ceil(n / 5) - 1, side.ws, side.partnerId, side.mine, side.theirs, now(), now()],
  );
}

const now = () => new Date().toISOString();

/** Loads everything into an empty, migrated SQLite database; returns a read key of workspace A. */
export async function loadApiBenchData(db: Knex, n: number): Promise<{ key: string }> {
  // Bench database only: no fsync while loading; the server reopens it with the normal settings.
  await db.raw('PRAGMA synchronous = OFF');
  await db.raw('PRAGMA cache_size = -262144');
  const acme = await createWorkspace(db, 'Acme Bench');
  const globex = await createWorkspace(db, 'Globex Bench');
  for (const ws of [acme, globex]) await ensureStandardPopulations(db, ws.id);
  await linkPartners(db, acme, globex);
  const key = await issueApiKey(db, acme.id, 'bench', 'read');
  const pa = await db('partners').where({ workspace_id: acme.id }).first();
  const pg = await db('partners').where({ workspace_id: globex.id }).first();
  let gPops: Record<string, string> = {};
  await db.transaction(async (trx) => {
    await records(trx, acme.id, 'A', n, 1);
    await records(trx, globex.id, 'G', n, n + 1);
    await memberships(trx, acme.id, n, 1);
    gPops = await memberships(trx, globex.id, n, n + 1);
    await overlaps(trx, { ws: acme.id, partnerId: pa.id, mine: 1, theirs: n + 1 }, n);
    await overlaps(trx, { ws: globex.id, partnerId: pg.id, mine: n + 1, theirs: 1 }, n);
  });
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
      updated_at: now(),
    });
  }
  await db.raw('ANALYZE');
  await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  return { key: key.key };
}
