import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { createKey, listKeys, revokeKey } from '../../mapping/keys';
import { workspaceId } from '../auth';
import { bearerAuth, problemResponses, registry } from '../openapi';
import { parseBody, parseParams } from '../validate';

const CreateKey = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  scope: z.enum(['admin', 'read']).default('read'),
});
const KeyParams = z.object({ id: z.string().min(1).max(64) });

const ApiKey = registry.register(
  'ApiKey',
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('first characters of the key, to tell keys apart'),
    scope: z.enum(['admin', 'read']),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  }),
);

const security = [{ [bearerAuth.name]: [] }];
registry.registerPath({
  method: 'get',
  path: '/v1/api-keys',
  tags: ['api keys'],
  summary: "The workspace's live API keys (never the keys themselves)",
  security,
  responses: {
    200: {
      description: 'Keys',
      content: {
        'application/json': {
          schema: z.object({ data: z.array(ApiKey), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...problemResponses(401, 429),
  },
});
registry.registerPath({
  method: 'post',
  path: '/v1/api-keys',
  tags: ['api keys'],
  summary: 'Issue a key (admin or read scope); the key is shown once',
  security,
  request: { body: { content: { 'application/json': { schema: CreateKey } } } },
  responses: {
    201: {
      description: 'Issued',
      content: {
        'application/json': {
          schema: ApiKey.omit({ lastUsedAt: true }).extend({ key: z.string() }),
        },
      },
    },
    ...problemResponses(400, 401, 403, 429),
  },
});
registry.registerPath({
  method: 'delete',
  path: '/v1/api-keys/{id}',
  tags: ['api keys'],
  summary: 'Revoke a key; revoking the calling key needs another admin key to remain (else 409)',
  security,
  request: { params: KeyParams },
  responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404, 409, 429) },
});

export function apiKeysRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json({ data: await listKeys(ctx.db, workspaceId(req)), nextCursor: null });
  });
  router.post('/', async (req, res) => {
    const { name, scope } = parseBody(req, CreateKey);
    res.status(201).json(await createKey(ctx.db, workspaceId(req), name, scope));
  });
  router.delete('/:id', async (req, res) => {
    const { id } = parseParams(req, KeyParams);
    await revokeKey(ctx.db, workspaceId(req), id, req.auth?.keyId ?? '', ctx.now());
    res.status(204).end();
  });
  return router;
}
