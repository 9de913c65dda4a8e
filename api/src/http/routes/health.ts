import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { migrationSource } from '../../db/migrations';
import { API_VERSION } from '../../version';
import { registry } from '../openapi';

const Health = registry.register(
  'Health',
  z.object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    uptimeSeconds: z.number(),
    database: z.object({
      client: z.enum(['sqlite3', 'pg']),
      reachable: z.boolean(),
      latencyMs: z.number().optional(),
      migrations: z.object({ applied: z.number().int(), pending: z.number().int() }).optional(),
      workspaces: z.number().int().optional(),
      error: z.string().optional(),
    }),
  }),
);

registry.registerPath({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness and database state',
  tags: ['meta'],
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: Health } } },
    503: {
      description: 'Database unreachable',
      content: { 'application/json': { schema: Health } },
    },
  },
});

export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  const started = Date.now();
  router.get('/healthz', async (_req, res) => {
    const client = ctx.config.database.client;
    const t0 = performance.now();
    try {
      const all = await migrationSource.getMigrations([]);
      const applied = await ctx.db('knex_migrations').count<{ n: number }[]>({ n: '*' });
      const workspaces = await ctx.db('workspaces').count<{ n: number }[]>({ n: '*' });
      const nApplied = Number(applied[0].n);
      res.json({
        status: nApplied >= all.length ? 'ok' : 'degraded',
        version: API_VERSION,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        database: {
          client,
          reachable: true,
          latencyMs: Math.round((performance.now() - t0) * 100) / 100,
          migrations: { applied: nApplied, pending: Math.max(0, all.length - nApplied) },
          workspaces: Number(workspaces[0].n),
        },
      });
    } catch (err) {
      res.status(503).json({
        status: 'degraded',
        version: API_VERSION,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        database: { client, reachable: false, error: (err as Error).message },
      });
    }
  });
  return router;
}
