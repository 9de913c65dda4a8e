import type { Knex } from 'knex';

/** sf_push_state: per (workspace, object, external key) what Salesforce confirmed last. */
export interface PushState {
  key: string;
  hash: string | null;
  sfId: string | null;
  lastError: string | null;
  attempts: number;
}

export async function loadPushState(
  db: Knex,
  workspaceId: string,
  object: string,
): Promise<Map<string, PushState>> {
  const rows = await db('sf_push_state')
    .select('external_key', 'hash', 'sf_id', 'last_error', 'attempts')
    .where({ workspace_id: workspaceId, object });
  return new Map(
    rows.map((r) => [
      String(r.external_key),
      {
        key: String(r.external_key),
        hash: r.hash ?? null,
        sfId: r.sf_id ?? null,
        lastError: r.last_error ?? null,
        attempts: Number(r.attempts),
      },
    ]),
  );
}

/** Salesforce ids by external key, as confirmed so far: the lookups that later objects need. */
export async function loadSfIds(
  db: Knex,
  workspaceId: string,
  object: string,
): Promise<Map<string, string | null>> {
  const rows = await db('sf_push_state')
    .select('external_key', 'sf_id')
    .where({ workspace_id: workspaceId, object });
  return new Map(rows.map((r) => [String(r.external_key), r.sf_id ?? null]));
}

export interface RowOutcome {
  key: string;
  ok: boolean;
  hash: string;
  sfId?: string | null;
  error?: string;
}

/**
 * Records what Salesforce answered. A success stores the hash (so the row is not sent again);
 * a failure keeps the old hash and stores the error, so the next run retries the row.
 */
export async function recordOutcomes(
  db: Knex,
  workspaceId: string,
  object: string,
  outcomes: RowOutcome[],
  prior: Map<string, PushState>,
  now: string,
): Promise<void> {
  const rows = outcomes.map((o) => {
    const p = prior.get(o.key);
    return {
      workspace_id: workspaceId,
      object,
      external_key: o.key,
      hash: o.ok ? o.hash : (p?.hash ?? null),
      sf_id: o.sfId ?? p?.sfId ?? null,
      last_error: o.ok ? null : (o.error ?? 'unknown error'),
      attempts: o.ok ? 0 : (p?.attempts ?? 0) + 1,
      pushed_at: o.ok ? now : null,
    };
  });
  await db.transaction(async (trx) => {
    // 8 columns × 50 rows stays inside SQLite's bound-variable limit.
    for (let i = 0; i < rows.length; i += 50) {
      await trx('sf_push_state')
        .insert(rows.slice(i, i + 50))
        .onConflict(['workspace_id', 'object', 'external_key'])
        .merge();
    }
  });
}

export async function forgetKeys(
  db: Knex,
  workspaceId: string,
  object: string,
  keys: string[],
): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) {
    await db('sf_push_state')
      .where({ workspace_id: workspaceId, object })
      .whereIn('external_key', keys.slice(i, i + 500))
      .delete();
  }
}
