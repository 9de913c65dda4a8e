import type { Knex } from 'knex';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { CsvColumns } from '../http/csv';
import { decodeCursor, keysetPage } from '../http/validate';
import { onOpportunitiesChanged } from './recompute';
import { upsertOpportunities, type OpportunityInput, type UpsertCounts } from './recordsStore';
import { sourceIdSchema } from './records';

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;
const validDate = (v: string) => DATE_PREFIX.test(v) && !Number.isNaN(Date.parse(v));

const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((v) => (v === null || v === '' ? undefined : v));

export const OpportunityItem = z
  .object({
    sourceId: sourceIdSchema.describe('Salesforce Opportunity Id'),
    accountSourceId: sourceIdSchema.describe('the Account it belongs to (AccountId)'),
    name: z.string().trim().min(1, 'is required').max(255),
    stage: z.string().trim().min(1, 'is required').max(80).describe('StageName'),
    isClosed: z.boolean('must be true or false').default(false),
    isWon: z.boolean('must be true or false').default(false),
    amount: optional(z.number('must be a number').min(-1e15).max(1e15)),
    currency: optional(
      z
        .string()
        .trim()
        .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code like EUR'),
    ),
    createdDate: z
      .string('is required')
      .trim()
      .refine(validDate, 'must be an ISO date or date-time')
      .transform((v) => new Date(v).toISOString()),
    closeDate: optional(
      z
        .string()
        .trim()
        .refine(validDate, 'must be an ISO date (YYYY-MM-DD)')
        .transform((v) => v.slice(0, 10)),
    ),
    ownerId: optional(z.string().trim().max(64)),
  })
  .refine((o) => !o.isWon || o.isClosed, {
    path: ['isWon'],
    message: 'a won opportunity must also be closed',
  });
export type OpportunityItem = z.infer<typeof OpportunityItem>;

const asBoolean = (v: string | undefined) =>
  v === undefined
    ? undefined
    : /^(true|1|yes)$/i.test(v)
      ? true
      : /^(false|0|no)$/i.test(v)
        ? false
        : v;
const asNumber = (v: string | undefined) =>
  v !== undefined && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;

/** CSV headers: ours (`account_id`, `is_won`) and Salesforce export ones (`AccountId`, `IsWon`). */
export const opportunityCsvColumns: CsvColumns = {
  aliases: {
    sourceId: ['id', 'opportunityid', 'sourceid'],
    accountSourceId: ['accountid', 'accountsourceid'],
    name: ['name', 'opportunityname'],
    stage: ['stage', 'stagename'],
    isClosed: ['isclosed', 'closed'],
    isWon: ['iswon', 'won'],
    amount: ['amount'],
    currency: ['currency', 'currencyisocode'],
    createdDate: ['createddate'],
    closeDate: ['closedate'],
    ownerId: ['ownerid'],
  },
  required: ['sourceId', 'accountSourceId', 'name', 'stage', 'createdDate'],
  // Cells are text; turn the unambiguous ones into booleans and numbers, leave the rest to zod.
  toItem: (cells) => ({
    ...cells,
    isClosed: asBoolean(cells.isClosed),
    isWon: asBoolean(cells.isWon),
    amount: asNumber(cells.amount),
  }),
};

type Row = Record<string, unknown> & { id: number };

function toView(r: Row) {
  return {
    sourceId: r.source_id as string,
    accountSourceId: r.account_source_id as string,
    name: r.name as string,
    stage: r.stage as string,
    isClosed: Boolean(r.is_closed),
    isWon: Boolean(r.is_won),
    amount: r.amount === null || r.amount === undefined ? null : Number(r.amount),
    currency: (r.currency as string) ?? null,
    createdDate: new Date(r.created_date as string).toISOString(),
    closeDate: r.close_date
      ? String(r.close_date instanceof Date ? r.close_date.toISOString() : r.close_date).slice(
          0,
          10,
        )
      : null,
    ownerId: (r.owner_id as string) ?? null,
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

/**
 * Stores opportunities and tells populations which accounts to look at again: those of changed
 * opportunities, and the account an opportunity moved away from.
 */
export async function storeOpportunities(
  ctx: AppContext,
  workspaceId: string,
  items: OpportunityInput[],
): Promise<UpsertCounts> {
  const before = new Map<string, string>();
  for (let i = 0; i < items.length; i += 500) {
    const rows = await ctx
      .db('opportunities')
      .select('source_id', 'account_source_id')
      .where({ workspace_id: workspaceId })
      .whereIn(
        'source_id',
        items.slice(i, i + 500).map((o) => o.sourceId),
      );
    for (const r of rows) before.set(r.source_id, r.account_source_id);
  }
  const counts = await upsertOpportunities(ctx.db, workspaceId, items);
  if (counts.changedSourceIds.length > 0) {
    const byId = new Map(items.map((o) => [o.sourceId, o.accountSourceId]));
    const accounts = new Set<string>();
    for (const id of counts.changedSourceIds) {
      accounts.add(byId.get(id) as string);
      const prior = before.get(id);
      if (prior) accounts.add(prior);
    }
    await onOpportunitiesChanged(ctx, workspaceId, [...accounts]);
  }
  return counts;
}

export async function listOpportunities(
  db: Knex,
  workspaceId: string,
  page: { limit: number; cursor?: string; accountSourceId?: string },
) {
  const after = decodeCursor(page.cursor, 'number');
  const rows: Row[] = await db('opportunities')
    .where({ workspace_id: workspaceId })
    .whereNull('deleted_at')
    .modify((q) => {
      if (after !== undefined) q.where('id', '>', after);
      if (page.accountSourceId) q.where('account_source_id', page.accountSourceId);
    })
    .orderBy('id')
    .limit(page.limit + 1);
  return keysetPage(rows, page.limit, toView);
}
