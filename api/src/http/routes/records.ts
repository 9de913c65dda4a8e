import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { BatchImport } from '../../mapping/batch';
import { managedWorkspaceId } from '../../mapping/partners';
import {
  RecordItem,
  deleteRecord,
  getRecord,
  listRecords,
  recordCsvColumns,
  storeRecords,
} from '../../mapping/records';
import { workspaceId } from '../auth';
import { importCsv, parseMapParam, requireCsv } from '../csv';
import { PayloadTooLargeError } from '../errors';
import { PageQuery, parseBody, parseParams, parseQuery } from '../validate';
import { registerBatchPaths } from './batchOpenapi';

export const MAX_BATCH = 10_000;

/** `{ items: [...] }`, checked for size before any item is validated. */
export function batchItems(req: Request): unknown[] {
  const { items } = parseBody(req, z.object({ items: z.array(z.unknown()) }));
  if (items.length > MAX_BATCH) {
    throw new PayloadTooLargeError(
      `At most ${MAX_BATCH} items per request (got ${items.length}); use the CSV import for more`,
    );
  }
  return items;
}

const SourceIdParams = z.object({ sourceId: z.string().min(1).max(64) });
const ImportQuery = z.object({ map: z.string().max(10_000).optional() });

/** Which workspace's records a request addresses: our own, or a managed partner's. */
type Resolve = (req: Request) => Promise<string>;

function recordRoutes(ctx: AppContext, resolve: Resolve): Router {
  const router = Router({ mergeParams: true });
  const importer = (ws: string) =>
    new BatchImport(RecordItem, (items) => storeRecords(ctx, ws, items));

  router.put('/', async (req, res) => {
    const items = batchItems(req);
    const ws = await resolve(req);
    const batch = importer(ws);
    await batch.add(
      items,
      items.map((_, index) => ({ index })),
    );
    res.json(batch.result());
  });

  router.post('/import', async (req, res) => {
    requireCsv(req);
    const map = parseMapParam(parseQuery(req, ImportQuery).map, recordCsvColumns);
    const batch = importer(await resolve(req));
    await importCsv(req, recordCsvColumns, batch, { map });
    res.json(batch.result());
  });

  router.get('/', async (req, res) => {
    const page = parseQuery(req, PageQuery);
    res.json(await listRecords(ctx.db, await resolve(req), page));
  });

  router.get('/:sourceId', async (req, res) => {
    const { sourceId } = parseParams(req, SourceIdParams);
    res.json(await getRecord(ctx.db, await resolve(req), sourceId));
  });

  router.delete('/:sourceId', async (req, res) => {
    const { sourceId } = parseParams(req, SourceIdParams);
    await deleteRecord(ctx, await resolve(req), sourceId);
    res.status(204).end();
  });
  return router;
}

/** `/v1/records…`: the calling workspace's own accounts. */
export function recordsRouter(ctx: AppContext): Router {
  return recordRoutes(ctx, async (req) => workspaceId(req));
}

/** `/v1/partners/{id}/records…`: a managed partner's accounts, which we upload for it. */
export function managedRecordsRouter(ctx: AppContext): Router {
  return recordRoutes(ctx, (req) =>
    managedWorkspaceId(ctx.db, workspaceId(req), String(req.params.id)),
  );
}

registerBatchPaths({
  tag: 'records',
  item: RecordItem,
  itemName: 'RecordInput',
  paths: ['/v1/records', '/v1/partners/{id}/records'],
  view: z.object({
    sourceId: z.string(),
    name: z.string(),
    website: z.string().nullable(),
    domain: z.string().nullable().describe('registrable domain used for matching'),
    country: z.string().nullable(),
    parentSourceId: z.string().nullable(),
    ownerName: z.string().nullable(),
    ownerEmail: z.string().nullable(),
    type: z.string().nullable(),
    fields: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  csvHeaders: recordCsvColumns,
  single: true,
});
