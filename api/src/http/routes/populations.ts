import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { parseFilter } from '../../mapping/filter';
import {
  createPopulation,
  deletePopulation,
  getPopulation,
  listPopulations,
  updatePopulation,
} from '../../mapping/populations';
import { withPopulationEvents } from '../../mapping/recompute';
import { workspaceId } from '../auth';
import { bearerAuth, jsonResponse, problemResponses, registry } from '../openapi';
import { parseBody, parseParams } from '../validate';

// The filter tree is recursive; OpenAPI gets a described object, validation the full schema.
const FilterDoc = z
  .record(z.string(), z.unknown())
  .describe(
    'Filter tree: { all: [...] } | { any: [...] } | { not: {...} } | { field, op, value }. Fields: name, website, domain, ' +
      'country, type, ownerName, ownerEmail, fields.<name>. Ops: eq, neq, in (array), contains, startsWith, exists (boolean), ' +
      'gt/lt (number). Strings compare case-insensitively.',
  )
  .openapi({
    example: {
      all: [
        { field: 'country', op: 'eq', value: 'Germany' },
        { field: 'type', op: 'in', value: ['Prospect'] },
      ],
    },
  });
const FilterInput = z.unknown().transform((v, ctx) => {
  try {
    return parseFilter(v);
  } catch (err) {
    if (err instanceof z.ZodError)
      for (const issue of err.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    else ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

const Name = z.string().trim().min(1, 'is required').max(120);
const CreateBody = z.strictObject({ name: Name, filter: FilterInput });
const PatchBody = z.strictObject({ name: Name.optional(), filter: FilterInput.optional() });
const Params = z.object({ id: z.string().min(1).max(64) });

const Population = registry.register(
  'Population',
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['standard', 'custom']),
    standardKey: z.enum(['customers', 'open_opportunities', 'prospects', 'leads']).nullable(),
    definition: z.string().nullable().describe('how a standard population is defined'),
    filter: FilterDoc.nullable(),
    recordCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

const security = [{ [bearerAuth.name]: [] }];
const tags = ['populations'];
registry.registerPath({
  method: 'get',
  path: '/v1/populations',
  tags,
  security,
  summary: 'Populations of this workspace (standard and custom)',
  responses: {
    200: jsonResponse(z.object({ data: z.array(Population), nextCursor: z.null() }), 'Populations'),
    ...problemResponses(401, 429),
  },
});
registry.registerPath({
  method: 'post',
  path: '/v1/populations',
  tags,
  security,
  summary: 'Create a custom population from a filter',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ name: Name, filter: FilterDoc }) } },
    },
  },
  responses: {
    201: jsonResponse(Population, 'Created'),
    ...problemResponses(400, 401, 403, 409, 429),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/populations/{id}',
  tags,
  security,
  summary: 'One population',
  request: { params: Params },
  responses: {
    200: jsonResponse(Population, 'The population'),
    ...problemResponses(401, 404, 429),
  },
});
registry.registerPath({
  method: 'patch',
  path: '/v1/populations/{id}',
  tags,
  security,
  summary: 'Rename a population or change a custom one’s filter (409 for a standard one’s filter)',
  request: {
    params: Params,
    body: {
      content: {
        'application/json': {
          schema: z.object({ name: Name.optional(), filter: FilterDoc.optional() }),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(Population, 'Updated'),
    ...problemResponses(400, 401, 403, 404, 409, 429),
  },
});
registry.registerPath({
  method: 'delete',
  path: '/v1/populations/{id}',
  tags,
  security,
  summary: 'Delete a custom population (409 for a standard one)',
  request: { params: Params },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 403, 404, 409, 429) },
});

export function populationsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/populations', async (req, res) => {
    res.json({ data: await listPopulations(ctx.db, workspaceId(req)), nextCursor: null });
  });
  router.get('/populations/:id', async (req, res) => {
    res.json(await getPopulation(ctx.db, workspaceId(req), parseParams(req, Params).id));
  });
  router.post('/populations', async (req, res) => {
    const ws = workspaceId(req);
    const body = parseBody(req, CreateBody);
    const { population, changes } = await createPopulation(ctx.db, ws, body);
    await withPopulationEvents(ctx, ws, [...changes.keys()]);
    res.status(201).json(population);
  });
  router.patch('/populations/:id', async (req, res) => {
    const ws = workspaceId(req);
    const { id } = parseParams(req, Params);
    const { population, changes } = await updatePopulation(
      ctx.db,
      ws,
      id,
      parseBody(req, PatchBody),
    );
    await withPopulationEvents(ctx, ws, [...changes.keys()]);
    res.json(population);
  });
  router.delete('/populations/:id', async (req, res) => {
    const ws = workspaceId(req);
    const { id } = parseParams(req, Params);
    const { formerMembers } = await deletePopulation(ctx.db, ws, id);
    await withPopulationEvents(ctx, ws, formerMembers);
    res.status(204).end();
  });
  return router;
}
