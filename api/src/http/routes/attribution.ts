import { Router } from 'express';
import { z } from 'zod';
import { opportunityPartners } from '../../attribution/opportunityPartners';
import { AttributionRulesSchema } from '../../attribution/rules';
import { getRules, putRules, recomputeAttribution } from '../../attribution/service';
import { listAttributions } from '../../attribution/store';
import type { AppContext } from '../../context';
import { workspaceId } from '../auth';
import { bearerAuth, problemResponses, registry } from '../openapi';
import { TouchSchema } from './touches';

// A copy made here: zod 4 gives `.openapi()` only to schemas created after the registry extended zod.
const Rules = registry.register(
  'AttributionRules',
  AttributionRulesSchema.describe(
    'Per-workspace attribution rules; omitted fields take their defaults',
  ),
);

const Step = z.object({
  touchId: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  rule: z.enum(['sourced_window', 'influence_window', 'customer_overlap']),
  detail: z.string(),
});
const Explanation = z.object({ splitModel: z.string(), summary: z.string(), steps: z.array(Step) });

const AttributionSchema = registry.register(
  'Attribution',
  z.object({
    id: z.string(),
    opportunitySourceId: z.string(),
    partnerId: z.string(),
    type: z.enum(['sourced', 'influenced']),
    weight: z.number(),
    amount: z.number().nullable(),
    currency: z.string().nullable(),
    touchIds: z.array(z.string()),
    explanation: Explanation,
    computedAt: z.string(),
  }),
);

const RecomputeBody = z.strictObject({
  opportunitySourceIds: z.array(z.string().min(1).max(64)).max(10_000).optional(),
});
const RecomputeResult = z.object({
  opportunities: z.number().int(),
  attributions: z.number().int(),
  changedOpportunities: z.array(z.string()),
});
const AttributionQuery = z.object({
  opportunity: z.string().optional(),
  partnerId: z.string().optional(),
  type: z.enum(['sourced', 'influenced']).optional(),
});

const OpportunityPartners = z.object({
  opportunity: z.object({
    sourceId: z.string(),
    name: z.string(),
    amount: z.number().nullable(),
    currency: z.string().nullable(),
    accountSourceId: z.string(),
  }),
  overlaps: z.array(z.record(z.string(), z.unknown())),
  attributions: z.array(
    z.object({
      partner: z.object({ id: z.string(), name: z.string() }),
      type: z.enum(['sourced', 'influenced']),
      weight: z.number(),
      amount: z.number().nullable(),
      currency: z.string().nullable(),
      touches: z.array(TouchSchema),
      explanation: Explanation,
    }),
  ),
});

const security = [{ [bearerAuth.name]: [] }];
const json = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});
registry.registerPath({
  method: 'get',
  path: '/v1/attribution/rules',
  summary: 'The workspace attribution rules (defaults filled in)',
  security,
  responses: { 200: json('Rules', Rules), ...problemResponses(401) },
});
registry.registerPath({
  method: 'put',
  path: '/v1/attribution/rules',
  summary: 'Replace the attribution rules and recompute every attribution',
  security,
  request: { body: { content: { 'application/json': { schema: Rules } } } },
  responses: {
    200: json('Stored', z.object({ rules: Rules, recompute: RecomputeResult })),
    ...problemResponses(400, 401, 403),
  },
});
registry.registerPath({
  method: 'post',
  path: '/v1/attribution/recompute',
  summary: 'Recompute attributions of some opportunities, or all',
  security,
  request: { body: { content: { 'application/json': { schema: RecomputeBody } } } },
  responses: { 200: json('Recomputed', RecomputeResult), ...problemResponses(400, 401, 403) },
});
registry.registerPath({
  method: 'get',
  path: '/v1/attributions',
  summary: 'Attributions with the touches and rules behind each',
  security,
  request: { query: AttributionQuery },
  responses: {
    200: json('Attributions', z.object({ data: z.array(AttributionSchema) })),
    ...problemResponses(400, 401),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/opportunities/{sourceId}/partners',
  summary: "Partners on an opportunity: the account's shared overlaps and the attributions",
  security,
  request: { params: z.object({ sourceId: z.string() }) },
  responses: {
    200: json('Partners of the opportunity', OpportunityPartners),
    ...problemResponses(401, 404),
  },
});

export function attributionRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/attribution/rules', async (req, res) => {
    res.json(await getRules(ctx.db, workspaceId(req)));
  });
  router.put('/attribution/rules', async (req, res) => {
    res.json(await putRules(ctx, workspaceId(req), req.body ?? {}));
  });
  router.post('/attribution/recompute', async (req, res) => {
    const body = RecomputeBody.parse(req.body ?? {});
    res.json(await recomputeAttribution(ctx, workspaceId(req), body.opportunitySourceIds));
  });
  router.get('/attributions', async (req, res) => {
    const q = AttributionQuery.parse(req.query);
    const data = await listAttributions(ctx.db, workspaceId(req), {
      opportunitySourceId: q.opportunity,
      partnerId: q.partnerId,
      type: q.type,
    });
    res.json({ data });
  });
  router.get('/opportunities/:sourceId/partners', async (req, res) => {
    res.json(await opportunityPartners(ctx.db, workspaceId(req), req.params.sourceId));
  });
  return router;
}
