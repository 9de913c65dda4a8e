import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '../http/errors';
import type { Filter } from './filter';
import { refreshMembership, type MembershipChanges, type StandardKey } from './membership';

/** The four populations every workspace has from the start, defined by record type and opportunities. */
export const STANDARD_POPULATIONS: ReadonlyArray<{
  key: StandardKey;
  name: string;
  definition: string;
}> = [
  { key: 'customers', name: 'Customers', definition: 'record type starts with "Customer"' },
  {
    key: 'open_opportunities',
    name: 'Open Opportunities',
    definition: 'the account has an open opportunity',
  },
  { key: 'prospects', name: 'Prospects', definition: 'record type is "Prospect"' },
  { key: 'leads', name: 'Leads', definition: 'record type is "Lead"' },
];

export interface Population {
  id: string;
  name: string;
  kind: 'standard' | 'custom';
  standardKey: StandardKey | null;
  definition: string | null;
  filter: Filter | null;
  recordCount: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Creates the standard populations a workspace lacks (idempotent; safe to call on every
 * workspace creation and at start) and materialises their membership when any were created.
 */
export async function ensureStandardPopulations(db: Knex, workspaceId: string): Promise<void> {
  const have = new Set(
    (
      await db('populations')
        .select('standard_key')
        .where({ workspace_id: workspaceId, kind: 'standard' })
    ).map((r) => r.standard_key as string),
  );
  const now = new Date().toISOString();
  const missing = STANDARD_POPULATIONS.filter((p) => !have.has(p.key));
  if (!missing.length) return;
  await db('populations').insert(
    missing.map((p) => ({
      id: randomUUID(),
      workspace_id: workspaceId,
      name: p.name,
      kind: 'standard',
      standard_key: p.key,
      filter: null,
      created_at: now,
      updated_at: now,
    })),
  );
  await refreshMembership(db, workspaceId);
}

function toPopulation(row: Record<string, unknown>, count: number): Population {
  const key = (row.standard_key as StandardKey | null) ?? null;
  return {
    id: String(row.id),
    name: String(row.name),
    kind: row.kind === 'standard' ? 'standard' : 'custom',
    standardKey: key,
    definition: key ? (STANDARD_POPULATIONS.find((p) => p.key === key)?.definition ?? null) : null,
    filter: row.filter ? (JSON.parse(String(row.filter)) as Filter) : null,
    recordCount: count,
    createdAt: new Date(String(row.created_at)).toISOString(),
    updatedAt: new Date(String(row.updated_at)).toISOString(),
  };
}

export async function listPopulations(db: Knex, workspaceId: string): Promise<Population[]> {
  const rows = await db('populations')
    .where('workspace_id', workspaceId)
    .orderBy([{ column: 'kind', order: 'desc' }, 'created_at', 'name']);
  const counts = await db('record_populations as rp')
    .join('populations as p', 'p.id', 'rp.population_id')
    .where('p.workspace_id', workspaceId)
    .groupBy('rp.population_id')
    .select('rp.population_id')
    .count({ n: '*' });
  const byId = new Map(
    (counts as Array<{ population_id: string; n: unknown }>).map((c) => [
      String(c.population_id),
      Number(c.n),
    ]),
  );
  return rows.map((r) => toPopulation(r, byId.get(r.id) ?? 0));
}

export async function getPopulation(
  db: Knex,
  workspaceId: string,
  id: string,
): Promise<Population> {
  const row = await db('populations').where({ workspace_id: workspaceId, id }).first();
  if (!row) throw new NotFoundError(`Population ${id} not found`, 'population_not_found');
  const [{ n }] = await db('record_populations').where('population_id', id).count({ n: '*' });
  return toPopulation(row, Number(n));
}

async function assertNameFree(db: Knex, workspaceId: string, name: string, exceptId?: string) {
  const q = db('populations').where({ workspace_id: workspaceId, name });
  if (exceptId) q.whereNot('id', exceptId);
  if (await q.first())
    throw new ConflictError(`A population named "${name}" already exists`, 'population_name_taken');
}

export async function createPopulation(
  db: Knex,
  workspaceId: string,
  input: { name: string; filter: Filter },
): Promise<{ population: Population; changes: MembershipChanges }> {
  await assertNameFree(db, workspaceId, input.name);
  const now = new Date().toISOString();
  const id = randomUUID();
  await db('populations').insert({
    id,
    workspace_id: workspaceId,
    name: input.name,
    kind: 'custom',
    standard_key: null,
    filter: JSON.stringify(input.filter),
    created_at: now,
    updated_at: now,
  });
  const changes = await refreshMembership(db, workspaceId);
  return { population: await getPopulation(db, workspaceId, id), changes };
}

export async function updatePopulation(
  db: Knex,
  workspaceId: string,
  id: string,
  patch: { name?: string; filter?: Filter },
): Promise<{ population: Population; changes: MembershipChanges }> {
  const current = await getPopulation(db, workspaceId, id);
  if (patch.filter !== undefined && current.kind === 'standard') {
    throw new ConflictError(
      `"${current.name}" is a standard population; its definition cannot change`,
      'standard_population',
    );
  }
  if (patch.name !== undefined) await assertNameFree(db, workspaceId, patch.name, id);
  const update: Record<string, unknown> = { updated_at: new Date().toISOString() };
  if (patch.name !== undefined) update.name = patch.name;
  if (patch.filter !== undefined) update.filter = JSON.stringify(patch.filter);
  await db('populations').where({ workspace_id: workspaceId, id }).update(update);
  const changes = patch.filter !== undefined ? await refreshMembership(db, workspaceId) : new Map();
  return { population: await getPopulation(db, workspaceId, id), changes };
}

/** Deletes a custom population; its memberships and sharing rules go with it (cascade). */
export async function deletePopulation(
  db: Knex,
  workspaceId: string,
  id: string,
): Promise<{ population: Population; formerMembers: number[] }> {
  const current = await getPopulation(db, workspaceId, id);
  if (current.kind === 'standard') {
    throw new ConflictError(
      `"${current.name}" is a standard population and cannot be deleted`,
      'standard_population',
    );
  }
  const formerMembers = (
    await db('record_populations').select('record_id').where('population_id', id)
  ).map((r) => Number(r.record_id));
  await db.transaction(async (trx) => {
    await trx('sharing_rules').where('population_id', id).delete();
    await trx('record_populations').where('population_id', id).delete();
    await trx('populations').where({ workspace_id: workspaceId, id }).delete();
  });
  return { population: current, formerMembers };
}
