import { randomUUID } from 'node:crypto';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { createTestContext, type DbKind, type TestContext } from '../helpers/context';
import { upsertRecords } from '../../api/src/mapping/recordsStore';
import { createWorkspace, linkPartners } from '../../api/src/mapping/workspaces';
import { connectOrg } from '../../api/src/salesforce/connect';
import type { RetryOptions } from '../../api/src/salesforce/retry';
import { startSync, type SyncDeps } from '../../api/src/salesforce/sync';

/** Retries without waiting, so fault tests run at full speed; the sleeps are still counted. */
export function fastRetry(): RetryOptions & { slept: number[] } {
  const slept: number[] = [];
  return {
    sleep: async (ms) => void slept.push(ms),
    attempts: 6,
    baseMs: 100,
    maxMs: 2000,
    random: () => 0.5,
    slept,
  };
}

/** One sync of Acme with fast retries (push only unless `pull` is given); resolves when it ends. */
export async function syncAcme(f: Fixture, deps: SyncDeps = {}) {
  const { done } = await startSync(f.ctx, f.acme, 'api', {
    retry: fastRetry(),
    pull: false,
    ...deps,
  });
  return done;
}

export interface Fixture {
  ctx: TestContext;
  sf: Emulator;
  acme: string;
  globex: string;
  /** Acme's partner row for Globex */
  partnerId: string;
  close(): Promise<void>;
}

/** A migrated database with Acme and Globex as partners, and an emulated org Acme is connected to. */
export async function setup(kind: DbKind, emulator: EmulatorOptions = {}): Promise<Fixture> {
  const ctx = await createTestContext(kind, { secretKey: 'a'.repeat(64) });
  const sf = await createEmulator({ bulkTickMs: 1, ...emulator });
  const acme = await createWorkspace(ctx.db, 'Acme Cloud');
  const globex = await createWorkspace(ctx.db, 'Globex Data');
  await linkPartners(ctx.db, acme, globex);
  const partner = await ctx
    .db('partners')
    .where({ workspace_id: acme.id, partner_workspace_id: globex.id })
    .first();
  await connectOrg(ctx, acme.id, {
    method: 'token',
    instanceUrl: sf.instanceUrl,
    accessToken: sf.accessToken,
  });
  return {
    ctx,
    sf,
    acme: acme.id,
    globex: globex.id,
    partnerId: partner.id,
    close: async () => {
      await sf.close();
      await ctx.close();
    },
  };
}

/**
 * N overlaps between Acme accounts (created in the emulated org, so the Account lookups are real)
 * and Globex records, with Globex sharing its Customers population with Acme, owner fields included.
 */
export async function seedOverlaps(
  f: Fixture,
  n: number,
  opts: { shareOwner?: boolean } = {},
): Promise<string[]> {
  const { db } = f.ctx;
  const accounts = f.sf.org.insert(
    'Account',
    Array.from({ length: n }, (_, i) => ({
      Name: `Account ${i}`,
      Website: `https://a${i}.example.com`,
    })),
  );
  await upsertRecords(
    db,
    f.acme,
    accounts.map((a) => ({
      sourceId: String(a.Id),
      name: String(a.Name),
      website: String(a.Website),
    })),
  );
  await upsertRecords(
    db,
    f.globex,
    accounts.map((_, i) => ({
      sourceId: `G${i}`,
      name: `Globex side ${i}`,
      ownerName: `Owner ${i}`,
      ownerEmail: `owner${i}@globex.example`,
    })),
  );
  const popId = randomUUID();
  const now = new Date().toISOString();
  await db('populations').insert({
    id: popId,
    workspace_id: f.globex,
    name: 'Customers',
    kind: 'standard',
    standard_key: 'customers',
    created_at: now,
    updated_at: now,
  });
  const back = await db('partners')
    .where({ workspace_id: f.globex, partner_workspace_id: f.acme })
    .first();
  await db('sharing_rules').insert({
    id: randomUUID(),
    workspace_id: f.globex,
    partner_id: back.id,
    population_id: popId,
    level: 'overlaps',
    fields: JSON.stringify(opts.shareOwner === false ? [] : ['ownerName', 'ownerEmail']),
    updated_at: now,
  });
  const mine = await db('records')
    .select('id', 'source_id')
    .where('workspace_id', f.acme)
    .orderBy('id');
  const theirs = await db('records').select('id').where('workspace_id', f.globex).orderBy('id');
  const rp = theirs.map((t) => ({ record_id: t.id, population_id: popId }));
  for (let i = 0; i < rp.length; i += 200)
    await db('record_populations').insert(rp.slice(i, i + 200));
  const ids: string[] = [];
  const rows = mine.map((m, i) => {
    const id = randomUUID();
    ids.push(id);
    return {
      id,
      workspace_id: f.acme,
      partner_id: f.partnerId,
      record_id: m.id,
      partner_record_id: theirs[i].id,
      method: 'domain',
      confidence: 0.97,
      first_seen: '2026-11-01T10:00:00.000Z',
      last_seen: '2026-11-20T10:00:00.000Z',
    };
  });
  for (let i = 0; i < rows.length; i += 50) await db('overlaps').insert(rows.slice(i, i + 50));
  return ids;
}
