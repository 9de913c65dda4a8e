import { Router } from 'express';
import { z } from 'zod';
import { onTouchesAdded } from '../../attribution/service';
import { validateTouch } from '../../attribution/touchService';
import { insertTouch, listTouches } from '../../attribution/touchesStore';
import { TOUCH_SOURCES, TOUCH_TYPES } from '../../attribution/types';
import type { AppContext } from '../../context';
import { workspaceId } from '../auth';
import { bearerAuth, problemResponses, registry } from '../openapi';

export const TouchSchema = registry.register(
  'Touch',
  z.object({
    id: z.string(),
    partnerId: z.string(),
    accountSourceId: z.string(),
    opportunitySourceId: z.string().nullable(),
    type: z.enum([...TOUCH_TYPES, 'customer_overlap']),
    occurredAt: z.string(),
    source: z.enum(TOUCH_SOURCES),
    ref: z.string().nullable(),
    note: z.string().nullable(),
  }),
);

const TouchBody = z.strictObject({
  partnerId: z.string().min(1).max(36),
  accountSourceId: z.string().trim().min(1).max(64),
  opportunitySourceId: z.string().trim().min(1).max(64).nullish(),
  type: z.enum(TOUCH_TYPES),
  occurredAt: z.iso.datetime({ offset: true }).optional().describe('defaults to now'),
  note: z.string().max(4000).nullish(),
  source: z.enum(['api', 'lwc', 'sync']).default('api'),
  ref: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('idempotency key: a second POST with the same type and ref returns the first touch'),
});

const TouchQuery = z.object({
  partnerId: z.string().optional(),
  accountSourceId: z.string().optional(),
  opportunitySourceId: z.string().optional(),
  cursor: z.string().regex(/^\d+$/, 'must be a cursor returned by a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

registry.registerPath({
  method: 'post',
  path: '/v1/touches',
  summary:
    'Record a partner touch (intro, co-sell meeting, referral); recomputes attribution for the account',
  security: [{ [bearerAuth.name]: [] }],
  request: { body: { content: { 'application/json': { schema: TouchBody } } } },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: TouchSchema } } },
    200: {
      description: 'Already recorded with this type and ref',
      content: { 'application/json': { schema: TouchSchema } },
    },
    ...problemResponses(400, 401, 403, 404),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/touches',
  summary: 'List touches, oldest first',
  security: [{ [bearerAuth.name]: [] }],
  request: { query: TouchQuery },
  responses: {
    200: {
      description: 'A page of touches',
      content: {
        'application/json': {
          schema: z.object({ data: z.array(TouchSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...problemResponses(400, 401),
  },
});

export function touchesRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/touches', async (req, res) => {
    const ws = workspaceId(req);
    const body = TouchBody.parse(req.body);
    await validateTouch(ctx.db, ws, body);
    const occurredAt = body.occurredAt ?? ctx.now().toISOString();
    const { touch, created } = await insertTouch(ctx.db, ws, { ...body, occurredAt }, ctx.now());
    if (created) await onTouchesAdded(ctx, ws, [touch]);
    res.status(created ? 201 : 200).json(touch);
  });
  router.get('/touches', async (req, res) => {
    const ws = workspaceId(req);
    const q = TouchQuery.parse(req.query);
    const offset = q.cursor ? Number(q.cursor) : 0;
    const rows = await listTouches(ctx.db, ws, q, { offset, limit: q.limit + 1 });
    const more = rows.length > q.limit;
    res.json({ data: rows.slice(0, q.limit), nextCursor: more ? String(offset + q.limit) : null });
  });
  return router;
}
