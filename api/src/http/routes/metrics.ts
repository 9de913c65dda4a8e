import { Router, type Request } from 'express';
import { z } from 'zod';
import { liftCsv, liftMetrics, revenueCsv, revenueMetrics } from '../../attribution/metricsService';
import type { AppContext } from '../../context';
import { workspaceId } from '../auth';
import { bearerAuth, problemResponses, registry } from '../openapi';

const day = z.iso.date().describe('inclusive bound on the close date, YYYY-MM-DD');
const format = z.enum(['json', 'csv']).optional().describe('csv, or send Accept: text/csv');

const RevenueQuery = z.object({
  groupBy: z
    .enum(['partner', 'quarter', 'partner,quarter', 'quarter,partner'])
    .default('partner')
    .transform((g) => g.split(',') as Array<'partner' | 'quarter'>),
  type: z.enum(['sourced', 'influenced']).optional(),
  status: z
    .enum(['won', 'open', 'all'])
    .default('won')
    .describe('won = closed won (revenue), open = pipeline'),
  from: day.optional(),
  to: day.optional(),
  format,
});
const LiftQuery = z.object({
  type: z
    .enum(['sourced', 'influenced'])
    .optional()
    .describe('which attributions count as partner involvement; any when omitted'),
  from: day.optional(),
  to: day.optional(),
  format,
});

const RevenueRow = registry.register(
  'RevenueRow',
  z.object({
    partner: z.object({ id: z.string(), name: z.string() }).optional(),
    quarter: z.string().optional(),
    type: z.enum(['sourced', 'influenced']),
    currency: z.string().nullable(),
    amount: z.number(),
    opportunities: z.number().int().describe('distinct opportunities behind the amount'),
    attributions: z.number().int(),
  }),
);
const Cohort = z.object({
  opportunities: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  winRate: z.number().nullable(),
  avgDaysToClose: z.number().nullable(),
  daysToCloseCount: z.number().int(),
  avgDealSize: z.array(
    z.object({
      currency: z.string().nullable(),
      average: z.number(),
      count: z.number().int(),
      total: z.number(),
    }),
  ),
});
const Lift = registry.register(
  'Lift',
  z.object({
    withPartner: Cohort,
    withoutPartner: Cohort,
    lift: z.object({
      winRatePoints: z.number().nullable(),
      daysToCloseDelta: z.number().nullable(),
      dealSizeRatio: z.array(
        z.object({ currency: z.string().nullable(), ratio: z.number().nullable() }),
      ),
    }),
  }),
);

const csvContent = { 'text/csv': { schema: z.string() } };
registry.registerPath({
  method: 'get',
  path: '/v1/metrics/revenue',
  summary: 'Partner-sourced and partner-influenced revenue by partner and/or quarter, with counts',
  security: [{ [bearerAuth.name]: [] }],
  request: { query: RevenueQuery },
  responses: {
    200: {
      description: 'Revenue rows (one per group, type and currency)',
      content: {
        'application/json': { schema: z.object({ data: z.array(RevenueRow) }) },
        ...csvContent,
      },
    },
    ...problemResponses(400, 401),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/metrics/lift',
  summary:
    'Win rate, days to close and deal size with and without partner involvement, with counts',
  security: [{ [bearerAuth.name]: [] }],
  request: { query: LiftQuery },
  responses: {
    200: {
      description: 'Both cohorts and the lift',
      content: { 'application/json': { schema: Lift }, ...csvContent },
    },
    ...problemResponses(400, 401),
  },
});

function wantsCsv(req: Request, format?: string): boolean {
  if (format) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

export function metricsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/metrics/revenue', async (req, res) => {
    const q = RevenueQuery.parse(req.query);
    const rows = await revenueMetrics(ctx.db, workspaceId(req), q);
    if (wantsCsv(req, q.format)) {
      res.type('text/csv').attachment('partner-revenue.csv').send(revenueCsv(rows));
    } else res.json({ data: rows });
  });
  router.get('/metrics/lift', async (req, res) => {
    const q = LiftQuery.parse(req.query);
    const l = await liftMetrics(ctx.db, workspaceId(req), q);
    if (wantsCsv(req, q.format))
      res.type('text/csv').attachment('partner-lift.csv').send(liftCsv(l));
    else res.json(l);
  });
  return router;
}
