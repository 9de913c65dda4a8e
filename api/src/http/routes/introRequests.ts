import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import {
  changeIntroStatus,
  createIntroRequest,
  getIntroRequest,
  listIntroRequests,
} from '../../mapping/introRequests';
import { workspaceId } from '../auth';
import { bearerAuth, jsonResponse, problemResponses, registry } from '../openapi';
import { parseBody, parseParams, parseQuery } from '../validate';

const Status = z.enum(['requested', 'accepted', 'declined', 'intro_made']);
const CreateBody = z
  .strictObject({
    message: z.string().trim().min(1).max(5000).optional(),
    template: z
      .string()
      .trim()
      .min(1)
      .max(5000)
      .optional()
      .describe('placeholders {account}, {partner}, {population}, {owner}'),
    requesterName: z.string().trim().min(1).max(121).optional(),
    requesterEmail: z.email().max(255).optional(),
  })
  .refine((b) => (b.message === undefined) !== (b.template === undefined), {
    message: 'give exactly one of message or template',
    path: ['message'],
  });
const PatchBody = z.strictObject({
  status: Status.exclude(['requested']),
  actorName: z.string().trim().min(1).max(121).optional(),
});
const OverlapParams = z.object({ id: z.string().min(1).max(64) });
const Params = z.object({ id: z.string().min(1).max(64) });
const ListQuery = z.object({
  direction: z.enum(['sent', 'received']).default('sent'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const IntroRequest = registry.register(
  'IntroRequest',
  z.object({
    id: z.string(),
    direction: z.enum(['sent', 'received']),
    overlapId: z.string().nullable().describe('the overlap as the viewer’s own row'),
    partner: z.object({ id: z.string(), name: z.string() }),
    account: z
      .object({ sourceId: z.string(), name: z.string() })
      .nullable()
      .describe('the viewer’s own record'),
    status: Status,
    message: z.string(),
    requesterName: z.string().nullable(),
    requesterEmail: z.string().nullable(),
    history: z.array(z.object({ status: Status, at: z.string(), by: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

const security = [{ [bearerAuth.name]: [] }];
const tags = ['intro requests'];
registry.registerPath({
  method: 'post',
  path: '/v1/overlaps/{id}/intro-requests',
  tags,
  security,
  summary: 'Ask the partner for an intro on an overlap',
  request: {
    params: OverlapParams,
    body: { content: { 'application/json': { schema: CreateBody } } },
  },
  responses: {
    201: jsonResponse(IntroRequest, 'Created'),
    ...problemResponses(400, 401, 403, 404, 409, 429),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/intro-requests',
  tags,
  security,
  summary: 'Intro requests I sent or received',
  request: { query: ListQuery },
  responses: {
    200: jsonResponse(
      z.object({ data: z.array(IntroRequest), nextCursor: z.null() }),
      'Intro requests',
    ),
    ...problemResponses(400, 401, 429),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/intro-requests/{id}',
  tags,
  security,
  summary: 'One intro request (sender or receiver)',
  request: { params: Params },
  responses: { 200: jsonResponse(IntroRequest, 'The request'), ...problemResponses(401, 404, 429) },
});
registry.registerPath({
  method: 'patch',
  path: '/v1/intro-requests/{id}',
  tags,
  security,
  summary: 'Receiver moves the status: requested → accepted | declined, accepted → intro_made',
  request: { params: Params, body: { content: { 'application/json': { schema: PatchBody } } } },
  responses: {
    200: jsonResponse(IntroRequest, 'Updated'),
    ...problemResponses(400, 401, 403, 404, 409, 429),
  },
});

export function introRequestsRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/overlaps/:id/intro-requests', async (req, res) => {
    const { id } = parseParams(req, OverlapParams);
    const body = parseBody(req, CreateBody);
    res
      .status(201)
      .json(await createIntroRequest(ctx, workspaceId(req), id, body, `key ${req.auth?.keyId}`));
  });
  router.get('/intro-requests', async (req, res) => {
    const q = parseQuery(req, ListQuery);
    res.json({
      data: await listIntroRequests(ctx, workspaceId(req), q.direction, q.limit),
      nextCursor: null,
    });
  });
  router.get('/intro-requests/:id', async (req, res) => {
    res.json(await getIntroRequest(ctx, workspaceId(req), parseParams(req, Params).id));
  });
  router.patch('/intro-requests/:id', async (req, res) => {
    const { id } = parseParams(req, Params);
    const body = parseBody(req, PatchBody);
    res.json(
      await changeIntroStatus(
        ctx,
        workspaceId(req),
        id,
        body.status,
        body.actorName ?? `key ${req.auth?.keyId}`,
      ),
    );
  });
  return router;
}
