import type { Connection } from 'jsforce';
import type { AppContext } from '../context';
import { onOpportunitiesChanged, onRecordsChanged } from '../mapping/recompute';
import {
  upsertOpportunities,
  upsertRecords,
  type OpportunityInput,
  type RecordInput,
} from '../mapping/recordsStore';
import { ACCOUNT_PULL, OPPORTUNITY_PULL } from './fieldMap';
import { getPullState, setPullState, softDelete, type PullState } from './pullStore';
import { withRetry, type RetryOptions } from './retry';

type SfRecord = Record<string, unknown>;

export interface PullCounts {
  pulledAccounts: number;
  pulledOpportunities: number;
  deleted: number;
}

export interface PullOptions {
  bulkThreshold: number;
  retry: RetryOptions;
  /** Extra Account fields the workspace maps (settings.salesforce.accountFields). */
  accountFields?: string[];
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*(__c)?$/;

/** SOQL datetime literal, whole seconds (SOQL takes no fractions). */
export function soqlDateTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

/** Fetches every record of a SOQL query, page by page (queryMore), retrying each page. */
async function queryAllPages(
  conn: Connection,
  soql: string,
  retry: RetryOptions,
  includeDeleted = false,
): Promise<SfRecord[]> {
  // scanAll sends the query to /queryAll, which also returns deleted (recycle bin) records.
  const first = await withRetry(
    async () => await conn.query<SfRecord>(soql, { autoFetch: false, scanAll: includeDeleted }),
    retry,
  );
  const out = [...first.records];
  let next = first.done ? undefined : first.nextRecordsUrl;
  while (next) {
    const url = next;
    const page = await withRetry(async () => await conn.queryMore<SfRecord>(url), retry);
    out.push(...page.records);
    next = page.done ? undefined : page.nextRecordsUrl;
  }
  return out;
}

/** Full read: REST query below the threshold, one Bulk API 2.0 query job above it. */
async function readAll(
  conn: Connection,
  object: string,
  fields: string[],
  o: PullOptions,
): Promise<SfRecord[]> {
  const count = await withRetry(
    async () => await conn.query(`SELECT COUNT() FROM ${object}`),
    o.retry,
  );
  const soql = `SELECT ${fields.join(', ')} FROM ${object}`;
  if (count.totalSize < o.bulkThreshold)
    return queryAllPages(conn, `${soql} ORDER BY SystemModstamp`, o.retry);
  return withRetry(async () => {
    const stream = await conn.bulk2.query(soql, { pollInterval: 200, pollTimeout: 600_000 });
    return (await stream.toArray()) as SfRecord[];
  }, o.retry);
}

const str = (v: unknown): string | null =>
  v === null || v === undefined || v === '' ? null : String(v);
const bool = (v: unknown): boolean => v === true || v === 'true';
const num = (v: unknown): number | null =>
  v === null || v === undefined || v === '' ? null : Number(v);
/** Relationship fields arrive nested from REST (`Owner.Name`) and flat from Bulk CSV (`"Owner.Name"`). */
const rel = (r: SfRecord, a: string, b: string): unknown =>
  (r[a] as SfRecord | null)?.[b] ?? r[`${a}.${b}`];

export function toRecordInput(r: SfRecord, extra: string[]): RecordInput {
  const fields: Record<string, string | number | boolean | null> = {};
  for (const f of extra) fields[f] = (r[f] as string | number | boolean | null | undefined) ?? null;
  return {
    sourceId: String(r.Id),
    name: str(r.Name) ?? String(r.Id),
    website: str(r.Website),
    country: str(r.BillingCountry),
    parentSourceId: str(r.ParentId),
    ownerName: str(rel(r, 'Owner', 'Name')),
    ownerEmail: str(rel(r, 'Owner', 'Email')),
    type: str(r.Type),
    ...(extra.length ? { fields } : {}),
  };
}

export function toOpportunityInput(r: SfRecord): OpportunityInput {
  return {
    sourceId: String(r.Id),
    accountSourceId: String(r.AccountId ?? ''),
    name: str(r.Name) ?? String(r.Id),
    stage: str(r.StageName) ?? '',
    isClosed: bool(r.IsClosed),
    isWon: bool(r.IsWon),
    amount: num(r.Amount),
    currency: str(r.CurrencyIsoCode),
    createdDate: new Date(String(r.CreatedDate)).toISOString(),
    closeDate: str(r.CloseDate),
    ownerId: str(r.OwnerId),
  };
}

/** SystemModstamp as ISO-8601 UTC, so marks compare as strings whatever format the API used. */
const stamp = (r: SfRecord): string => new Date(String(r.SystemModstamp)).toISOString();

interface ObjectPull {
  changed: SfRecord[];
  deletedIds: string[];
}

/**
 * One object: everything on the first pull, afterwards what changed since the high-water mark
 * and what was deleted since the deletion mark. Marks are stored after the caller has saved the
 * records, so a crash re-reads rather than skips.
 */
async function pullObject(
  conn: Connection,
  state: PullState,
  object: string,
  fields: string[],
  o: PullOptions,
) {
  let changed: SfRecord[];
  let deletedIds: string[] = [];
  if (!state.highWater) {
    changed = await readAll(conn, object, fields, o);
  } else {
    // Whole-second literal with >=, then drop what is not newer than the mark: nothing is missed.
    const soql = `SELECT ${fields.join(', ')} FROM ${object} WHERE SystemModstamp >= ${soqlDateTime(state.highWater)} ORDER BY SystemModstamp`;
    changed = (await queryAllPages(conn, soql, o.retry)).filter((r) => stamp(r) > state.highWater!);
  }
  const since = state.deletedHighWater ?? state.highWater;
  let deletedMark = since;
  if (since) {
    const soql = `SELECT Id, SystemModstamp FROM ${object} WHERE IsDeleted = true AND SystemModstamp >= ${soqlDateTime(since)}`;
    const gone = (await queryAllPages(conn, soql, o.retry, true)).filter((r) => stamp(r) > since);
    deletedIds = gone.map((r) => String(r.Id));
    for (const r of gone) if (!deletedMark || stamp(r) > deletedMark) deletedMark = stamp(r);
  }
  let highWater = state.highWater;
  for (const r of changed) {
    const m = stamp(r);
    if (!highWater || m > highWater) highWater = m;
  }
  const next: PullState = { highWater, deletedHighWater: deletedMark ?? highWater, fields };
  return { pulled: { changed, deletedIds } as ObjectPull, next };
}

async function opportunityFields(
  conn: Connection,
  state: PullState,
  o: PullOptions,
): Promise<string[]> {
  if (state.fields) return state.fields;
  const described = await withRetry(() => conn.describe('Opportunity'), o.retry);
  const present = new Set(described.fields.map((f) => f.name));
  return [
    ...OPPORTUNITY_PULL.fields,
    ...OPPORTUNITY_PULL.optionalFields.filter((f) => present.has(f)),
  ];
}

/** Pulls Accounts then Opportunities into the store and re-runs incremental matching. */
export async function pullWorkspace(
  ctx: AppContext,
  conn: Connection,
  workspaceId: string,
  o: PullOptions,
): Promise<PullCounts> {
  const counts: PullCounts = { pulledAccounts: 0, pulledOpportunities: 0, deleted: 0 };
  const now = ctx.now().toISOString();

  const extra = (o.accountFields ?? []).filter(
    (f) => FIELD_NAME.test(f) && !(ACCOUNT_PULL.fields as readonly string[]).includes(f),
  );
  const aState = await getPullState(ctx.db, workspaceId, 'Account');
  const accounts = await pullObject(conn, aState, 'Account', [...ACCOUNT_PULL.fields, ...extra], o);
  const upserted = await upsertRecords(
    ctx.db,
    workspaceId,
    accounts.pulled.changed.map((r) => toRecordInput(r, extra)),
  );
  const goneAccounts = await softDelete(
    ctx.db,
    'records',
    workspaceId,
    accounts.pulled.deletedIds,
    now,
  );
  counts.pulledAccounts = accounts.pulled.changed.length;
  counts.deleted += goneAccounts.removed.length;
  await onRecordsChanged(ctx, workspaceId, {
    changed: upserted.changedSourceIds,
    removed: goneAccounts.removed,
  });
  await setPullState(ctx.db, workspaceId, 'Account', accounts.next);

  const oState = await getPullState(ctx.db, workspaceId, 'Opportunity');
  const oFields = await opportunityFields(conn, oState, o);
  const opps = await pullObject(conn, oState, 'Opportunity', oFields, o);
  const inputs = opps.pulled.changed.map(toOpportunityInput);
  const oppUpserted = await upsertOpportunities(ctx.db, workspaceId, inputs);
  const goneOpps = await softDelete(
    ctx.db,
    'opportunities',
    workspaceId,
    opps.pulled.deletedIds,
    now,
  );
  counts.pulledOpportunities = inputs.length;
  counts.deleted += goneOpps.removed.length;
  const changedSet = new Set(oppUpserted.changedSourceIds);
  const touchedAccounts = inputs
    .filter((i) => changedSet.has(i.sourceId))
    .map((i) => i.accountSourceId);
  await onOpportunitiesChanged(ctx, workspaceId, [
    ...new Set([...touchedAccounts, ...goneOpps.accountSourceIds]),
  ]);
  await setPullState(ctx.db, workspaceId, 'Opportunity', opps.next);
  return counts;
}
