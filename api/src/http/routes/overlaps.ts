import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { listOverlaps, recordOverlaps } from '../../mapping/overlaps';
import { workspaceId } from '../auth';
import { bearerAuth, jsonResponse, problemResponses, registry } from '../openapi';
import { PageQuery, parseParams, parseQuery } from '../validate';

export const SharedRecordSchema = registry.register(
  'SharedPartnerRecord',
  z
    .object({
      name: z.string(),
      website: z.string().nullable().optional(),
      domain: z.string().nullable().optional(),
      country: z.string().nullable().optional(),
      ownerName: z.string().nullable().optional(),
      ownerEmail: z.string().nullable().optional(),
      type: z.string().nullable().optional(),
      fields: z.record(z.string(), z.unknown()).optional(),
    })
    .describe(
      'The partner’s record: name, plus only the fields the partner shares for its populations',
    ),
);

export const OverlapSchema = registry.register(
  'Overlap',
  z.object({
    id: z.string(),
    partner: z.object({ id: z.string(), name: z.string() }),
    myRecord: z.object({ sourceId: z.string(), name: z.string() }),
    myPopulations: z.array(z.string()),
    partnerPopulations: z
      .array(z.string())
      .describe('only populations the partner shares at level overlaps'),
    partnerRecord: SharedRecordSchema,
    method: z.enum(['domain', 'name', 'fuzzy', 'hierarchy']),
    relation: z.enum(['same', 'parent', 'child']).describe('role of my record'),
    confidence: z.number(),
    firstSeen: z.string(),
    lastSeen: z.string(),
  }),
);

const ListQuery = z.object({
  partnerId: z.string().min(1).max(64).optional(),
  population: z.string().min(1).max(120).optional().describe('my population, id or name'),
  partnerPopulation: z
    .string()
    .min(1)
    .max(120)
    .optional()
    .describe('partner population, id or name'),
  recordId: z.string().min(1).max(64).optional().describe('my record’s source id'),
  cursor: PageQuery.shape.cursor,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const RecordParams = z.object({ sourceId: z.string().min(1).max(64) });

const security = [{ [bearerAuth.name]: [] }];
registry.registerPath({
  method: 'get',
  path: '/v1/overlaps',
  tags: ['overlaps'],
  security,
  summary: 'Active overlaps from my side, as far as each partner shares them',
  request: { query: ListQuery },
  responses: {
    200: jsonResponse(
      z.object({ data: z.array(OverlapSchema), nextCursor: z.string().nullable() }),
      'A page of overlaps',
    ),
    ...problemResponses(400, 401, 404, 429),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/records/{sourceId}/overlaps',
  tags: ['overlaps'],
  security,
  summary: 'Overlaps of one of my records (what the Account page shows)',
  request: { params: RecordParams },
  responses: {
    200: jsonResponse(
      z.object({
        record: z.object({ sourceId: z.string(), name: z.string() }),
        overlaps: z.array(OverlapSchema),
      }),
      'The record and its overlaps',
    ),
    ...problemResponses(400, 401, 404, 429),
  },
});

export function overlapsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/overlaps', async (req, res) => {
    const q = parseQuery(req, ListQuery);
    res.json(
      await listOverlaps(ctx.db, workspaceId(req), {
        partnerId: q.partnerId,
        population: q.population,
        partnerPopulation: q.partnerPopulation,
        recordSourceId: q.recordId,
        cursor: q.cursor,
        limit: q.limit,
      }),
    );
  });
  router.get('/records/:sourceId/overlaps', async (req, res) => {
    res.json(
      await recordOverlaps(ctx.db, workspaceId(req), parseParams(req, RecordParams).sourceId),
    );
  });
  return router;
}
