import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { overlapsCsv } from '../../mapping/overlapExport';
import { partnerMatrix } from '../../mapping/overlaps';
import { isShareableField, SHARING_LEVELS } from '../../mapping/sharing';
import { getSharing, putSharing } from '../../mapping/sharingService';
import { workspaceId } from '../auth';
import { bearerAuth, jsonResponse, problemResponses, registry } from '../openapi';
import { parseBody, parseParams } from '../validate';

const Params = z.object({ id: z.string().min(1).max(64) });
const Level = z.enum(SHARING_LEVELS);
const RuleInput = z.strictObject({
  populationId: z.string().min(1).max(64),
  level: Level,
  fields: z
    .array(
      z.string().refine(isShareableField, {
        message:
          'not a shareable field (website, domain, country, ownerName, ownerEmail, type, fields.<name>, fields.*)',
      }),
    )
    .max(100)
    .default([]),
});
const PutBody = z.strictObject({ rules: z.array(RuleInput).max(500) });

const Sharing = registry.register(
  'Sharing',
  z.object({
    partner: z.object({ id: z.string(), name: z.string() }),
    rules: z.array(
      z.object({
        populationId: z.string(),
        populationName: z.string(),
        level: Level,
        fields: z.array(z.string()),
      }),
    ),
  }),
);
const Matrix = registry.register(
  'Matrix',
  z.object({
    partner: z.object({ id: z.string(), name: z.string() }),
    myPopulations: z.array(z.object({ id: z.string(), name: z.string() })),
    partnerPopulations: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .describe('partner populations shared with me at counts or better'),
    cells: z
      .array(
        z.object({
          myPopulationId: z.string(),
          partnerPopulationId: z.string(),
          count: z.number().int(),
        }),
      )
      .describe(
        'a cell is absent unless my rule for my population and theirs for their population are both counts or better',
      ),
  }),
);

const security = [{ [bearerAuth.name]: [] }];
const tags = ['sharing'];
registry.registerPath({
  method: 'get',
  path: '/v1/partners/{id}/sharing',
  tags,
  security,
  request: { params: Params },
  summary: 'My sharing rules toward a partner: one per population (hidden where none)',
  responses: { 200: jsonResponse(Sharing, 'Rules'), ...problemResponses(401, 404, 429) },
});
registry.registerPath({
  method: 'put',
  path: '/v1/partners/{id}/sharing',
  tags,
  security,
  summary: 'Replace my sharing rules toward a partner (populations not listed become hidden)',
  request: { params: Params, body: { content: { 'application/json': { schema: PutBody } } } },
  responses: {
    200: jsonResponse(Sharing, 'Stored'),
    ...problemResponses(400, 401, 403, 404, 409, 429),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/partners/{id}/matrix',
  tags: ['overlaps'],
  security,
  request: { params: Params },
  summary: 'The account mapping matrix: overlap counts per (my population × partner population)',
  responses: { 200: jsonResponse(Matrix, 'Matrix'), ...problemResponses(401, 404, 429) },
});
registry.registerPath({
  method: 'get',
  path: '/v1/partners/{id}/overlaps.csv',
  tags: ['overlaps'],
  security,
  request: { params: Params },
  summary: 'CSV export of overlaps with a partner, through the partner’s sharing rules',
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses(401, 404, 429),
  },
});

export function partnerMappingRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/partners/:id/sharing', async (req, res) => {
    res.json(await getSharing(ctx, workspaceId(req), parseParams(req, Params).id));
  });
  router.put('/partners/:id/sharing', async (req, res) => {
    const { id } = parseParams(req, Params);
    const body = parseBody(req, PutBody);
    res.json(await putSharing(ctx, workspaceId(req), id, body.rules));
  });
  router.get('/partners/:id/matrix', async (req, res) => {
    res.json(await partnerMatrix(ctx.db, workspaceId(req), parseParams(req, Params).id));
  });
  router.get('/partners/:id/overlaps.csv', async (req, res) => {
    const { id } = parseParams(req, Params);
    const chunks = overlapsCsv(ctx.db, workspaceId(req), id);
    const first = await chunks.next(); // throws 404 before any byte is sent
    res
      .type('text/csv')
      .setHeader('Content-Disposition', `attachment; filename="overlaps-${id}.csv"`);
    if (!first.done) res.write(first.value);
    for await (const chunk of chunks) res.write(chunk);
    res.end();
  });
  return router;
}
