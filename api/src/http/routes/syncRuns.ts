import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { startSync, type SyncDeps } from '../../salesforce/sync';
import { findRun, listRuns } from '../../salesforce/syncRunsStore';
import { workspaceId } from '../auth';
import { NotFoundError } from '../errors';
import { bearerAuth, jsonResponse, problemResponses, registry } from '../openapi';
import { parseBody, parseParams, parseQuery } from '../validate';

const StartRun = z.object({ trigger: z.enum(['manual', 'api']).default('api') });
const RunParams = z.object({ id: z.uuid('not a sync run id') });
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.iso.datetime({ message: 'not a cursor' }).optional(),
});

const SyncRun = registry.register(
  'SyncRun',
  z.object({
    id: z.string(),
    workspaceId: z.string(),
    trigger: z.enum(['manual', 'schedule', 'api']),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'partial']),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    counts: z.object({
      pulledAccounts: z.number().int().optional(),
      pulledOpportunities: z.number().int().optional(),
      deleted: z.number().int().optional(),
      pushed: z.number().int().optional(),
      unchanged: z.number().int().optional(),
      failed: z.number().int().optional(),
      skipped: z.number().int().optional(),
      apiCalls: z.number().int().optional(),
      writeCalls: z.number().int().optional(),
    }),
    errors: z.array(
      z.object({
        stage: z.enum(['connect', 'pull', 'push']),
        object: z.string().optional(),
        key: z.string().optional(),
        message: z.string(),
      }),
    ),
  }),
);

const security = [{ [bearerAuth.name]: [] }];
registry.registerPath({
  method: 'post',
  path: '/v1/sync-runs',
  tags: ['salesforce'],
  summary: 'Start a Salesforce sync (pull, match, push) in the background',
  security,
  request: { body: { content: { 'application/json': { schema: StartRun } } } },
  responses: { 202: jsonResponse(SyncRun, 'Queued'), ...problemResponses(400, 401, 403, 409) },
});
registry.registerPath({
  method: 'get',
  path: '/v1/sync-runs',
  tags: ['salesforce'],
  summary: 'Sync runs, most recent first',
  security,
  request: { query: ListQuery },
  responses: {
    200: jsonResponse(
      z.object({ data: z.array(SyncRun), nextCursor: z.string().nullable() }),
      'Runs',
    ),
    ...problemResponses(400, 401),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/sync-runs/{id}',
  tags: ['salesforce'],
  summary: 'One sync run with its counts and errors',
  security,
  request: { params: RunParams },
  responses: { 200: jsonResponse(SyncRun, 'Run'), ...problemResponses(401, 404) },
});

/** `deps` lets tests shorten retries; the app uses the defaults. */
export function syncRunsRouter(ctx: AppContext, deps: SyncDeps = {}): Router {
  const router = Router();
  router.post('/sync-runs', async (req, res) => {
    const { trigger } = parseBody(req, StartRun);
    const { run, done } = await startSync(ctx, workspaceId(req), trigger, deps);
    done.catch((err) => ctx.logger.error({ err, runId: run.id }, 'sync run crashed'));
    res.status(202).location(`/v1/sync-runs/${run.id}`).json(run);
  });
  router.get('/sync-runs', async (req, res) => {
    const q = parseQuery(req, ListQuery);
    const runs = await listRuns(ctx.db, workspaceId(req), q.limit + 1, q.cursor);
    const page = runs.slice(0, q.limit);
    res.json({
      data: page,
      nextCursor: runs.length > q.limit ? page[page.length - 1].createdAt : null,
    });
  });
  router.get('/sync-runs/:id', async (req, res) => {
    const { id } = parseParams(req, RunParams);
    const run = await findRun(ctx.db, workspaceId(req), id);
    if (!run) throw new NotFoundError(`No sync run ${id}`, 'sync_run_not_found');
    res.json(run);
  });
  return router;
}
