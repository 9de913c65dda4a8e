import type { Knex } from 'knex';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { CsvColumns } from '../http/csv';
import { NotFoundError } from '../http/errors';
import { decodeCursor, keysetPage } from '../http/validate';
import { onRecordsChanged } from './recompute';
import { upsertRecords, type RecordInput, type UpsertCounts } from './recordsStore';

const required = (what: string) => ({
  error: (iss: { input?: unknown }) =>
    iss.input === undefined ? 'is required' : `must be ${what}`,
});

/** Optional text: '' and null mean "not given", so JSON and CSV uploads hash alike. */
const optionalText = (max: number) =>
  z
    .string(required('a string'))
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || undefined);

export const sourceIdSchema = z.string(required('a string')).trim().min(1, 'is required').max(64);

export const RecordItem = z.object({
  sourceId: sourceIdSchema.describe('Salesforce Account Id or your own stable id'),
  name: z.string(required('a string')).trim().min(1, 'is required').max(255),
  website: optionalText(255).refine((v) => v === undefined || !/\s/.test(v), {
    message: 'must be a URL or domain without spaces',
  }),
  country: optionalText(80),
  parentSourceId: optionalText(64),
  ownerName: optionalText(121),
  ownerEmail: optionalText(255).refine(
    (v) => v === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    { message: 'must be an e-mail address' },
  ),
  type: optionalText(80).describe('Account type, e.g. Customer, Prospect'),
  fields: z
    .record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
    .optional()
    .refine((f) => f === undefined || Object.keys(f).length <= 200, {
      message: 'at most 200 extra fields',
    })
    .describe('Extra fields (custom populations can filter on them)'),
});
export type RecordItem = z.infer<typeof RecordItem>;

/** CSV headers, ours (`owner_name`) and Salesforce export ones (`Owner.Name`), normalised. */
export const recordCsvColumns: CsvColumns = {
  aliases: {
    sourceId: ['id', 'accountid', 'sourceid'],
    name: ['name', 'accountname'],
    website: ['website'],
    country: ['country', 'billingcountry'],
    parentSourceId: ['parentid', 'parentsourceid'],
    ownerName: ['ownername'],
    ownerEmail: ['owneremail'],
    type: ['type', 'accounttype'],
  },
  required: ['sourceId', 'name'],
  // Unmapped columns become extra fields, so custom populations can filter on them.
  toItem: (cells, extras) => (Object.keys(extras).length ? { ...cells, fields: extras } : cells),
};

export interface RecordView {
  sourceId: string;
  name: string;
  website: string | null;
  domain: string | null;
  country: string | null;
  parentSourceId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  type: string | null;
  fields: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

type Row = Record<string, unknown> & { id: number };

function toView(r: Row): RecordView {
  return {
    sourceId: r.source_id as string,
    name: r.name as string,
    website: (r.website as string) ?? null,
    domain: (r.domain as string) ?? null,
    country: (r.country as string) ?? null,
    parentSourceId: (r.parent_source_id as string) ?? null,
    ownerName: (r.owner_name as string) ?? null,
    ownerEmail: (r.owner_email as string) ?? null,
    type: (r.type as string) ?? null,
    fields: JSON.parse((r.fields as string) || '{}'),
    createdAt: new Date(r.created_at as string).toISOString(),
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

/** Stores valid records and lets matching look again at exactly the ones that changed. */
export async function storeRecords(
  ctx: AppContext,
  workspaceId: string,
  items: RecordInput[],
): Promise<UpsertCounts> {
  const counts = await upsertRecords(ctx.db, workspaceId, items);
  if (counts.changedSourceIds.length > 0) {
    await onRecordsChanged(ctx, workspaceId, { changed: counts.changedSourceIds, removed: [] });
  }
  return counts;
}

export async function listRecords(
  db: Knex,
  workspaceId: string,
  page: { limit: number; cursor?: string },
): Promise<{ data: RecordView[]; nextCursor: string | null }> {
  const after = decodeCursor(page.cursor, 'number');
  const rows: Row[] = await db('records')
    .where({ workspace_id: workspaceId })
    .whereNull('deleted_at')
    .modify((q) => {
      if (after !== undefined) q.where('id', '>', after);
    })
    .orderBy('id')
    .limit(page.limit + 1);
  return keysetPage(rows, page.limit, toView);
}

export async function getRecord(db: Knex, workspaceId: string, sourceId: string) {
  const row: Row | undefined = await db('records')
    .where({ workspace_id: workspaceId, source_id: sourceId })
    .whereNull('deleted_at')
    .first();
  if (!row) throw new NotFoundError(`No record ${sourceId}`, 'record_not_found');
  return toView(row);
}

/** Soft delete: the row stays (re-uploading revives it) but leaves populations and overlaps. */
export async function deleteRecord(
  ctx: AppContext,
  workspaceId: string,
  sourceId: string,
): Promise<void> {
  const n = await ctx
    .db('records')
    .where({ workspace_id: workspaceId, source_id: sourceId })
    .whereNull('deleted_at')
    .update({ deleted_at: ctx.now().toISOString(), updated_at: ctx.now().toISOString() });
  if (n === 0) throw new NotFoundError(`No record ${sourceId}`, 'record_not_found');
  await onRecordsChanged(ctx, workspaceId, { changed: [], removed: [sourceId] });
}
