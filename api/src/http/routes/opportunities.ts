import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { BatchImport } from '../../mapping/batch';
import {
  OpportunityItem,
  listOpportunities,
  opportunityCsvColumns,
  storeOpportunities,
} from '../../mapping/opportunities';
import { workspaceId } from '../auth';
import { importCsv, parseMapParam, requireCsv } from '../csv';
import { PageQuery, parseQuery } from '../validate';
import { registerBatchPaths } from './batchOpenapi';
import { batchItems } from './records';

const ImportQuery = z.object({ map: z.string().max(10_000).optional() });
const ListQuery = PageQuery.extend({ accountSourceId: z.string().min(1).max(64).optional() });

/** `/v1/opportunities…`: batch upsert, CSV import and listing of the workspace's opportunities. */
export function opportunitiesRouter(ctx: AppContext): Router {
  const router = Router();
  const importer = (ws: string) =>
    new BatchImport(OpportunityItem, (items) => storeOpportunities(ctx, ws, items));

  router.put('/', async (req, res) => {
    const items = batchItems(req);
    const batch = importer(workspaceId(req));
    await batch.add(
      items,
      items.map((_, index) => ({ index })),
    );
    res.json(batch.result());
  });

  router.post('/import', async (req, res) => {
    requireCsv(req);
    const map = parseMapParam(parseQuery(req, ImportQuery).map, opportunityCsvColumns);
    const batch = importer(workspaceId(req));
    await importCsv(req, opportunityCsvColumns, batch, { map });
    res.json(batch.result());
  });

  router.get('/', async (req, res) => {
    res.json(await listOpportunities(ctx.db, workspaceId(req), parseQuery(req, ListQuery)));
  });
  return router;
}

registerBatchPaths({
  tag: 'opportunities',
  item: OpportunityItem,
  itemName: 'OpportunityInput',
  view: z.object({
    sourceId: z.string(),
    accountSourceId: z.string(),
    name: z.string(),
    stage: z.string(),
    isClosed: z.boolean(),
    isWon: z.boolean(),
    amount: z.number().nullable(),
    currency: z.string().nullable(),
    createdDate: z.string(),
    closeDate: z.string().nullable(),
    ownerId: z.string().nullable(),
    updatedAt: z.string(),
  }),
  paths: ['/v1/opportunities'],
  csvHeaders: opportunityCsvColumns,
  single: false,
});
