import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { digestsEqual, hashSecret } from '../../mapping/apiKeys';
import { provisionWorkspace } from '../../mapping/workspaces';
import { AuthenticationError, ForbiddenError } from '../errors';
import { problemResponses, registry } from '../openapi';
import { parseBody } from '../validate';

const CreateWorkspace = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  keyName: z.string().trim().min(1).max(200).optional().describe('name of the first admin key'),
});

export const IssuedKeySchema = registry.register(
  'IssuedApiKey',
  z.object({
    id: z.string(),
    key: z.string().describe('the key itself: shown only in this response'),
    prefix: z.string(),
    scope: z.enum(['admin', 'read']),
    name: z.string(),
  }),
);

const adminToken = registry.registerComponent('securitySchemes', 'adminToken', {
  type: 'http',
  scheme: 'bearer',
  description: 'The server admin token (OVERLAP_ADMIN_TOKEN)',
});

registry.registerPath({
  method: 'post',
  path: '/v1/workspaces',
  tags: ['workspaces'],
  summary: 'Create a workspace with its first admin key (server admin token only)',
  security: [{ [adminToken.name]: [] }],
  request: { body: { content: { 'application/json': { schema: CreateWorkspace } } } },
  responses: {
    201: {
      description: 'Created; the key is shown once',
      content: {
        'application/json': {
          schema: z.object({
            workspace: z.object({ id: z.string(), name: z.string(), createdAt: z.string() }),
            apiKey: IssuedKeySchema,
          }),
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
});

/** Compares the bearer token to the admin token through sha256 digests, in constant time. */
function requireAdminToken(ctx: AppContext, req: Request): void {
  const expected = ctx.config.adminToken;
  if (!expected) {
    throw new ForbiddenError(
      'Workspace creation is disabled: the server has no OVERLAP_ADMIN_TOKEN',
      'workspace_creation_disabled',
    );
  }
  const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!given || !digestsEqual(hashSecret(given), hashSecret(expected))) {
    throw new AuthenticationError('POST /v1/workspaces needs the server admin token');
  }
}

/** Mounted before `authenticate`: workspace creation carries its own (admin token) auth. */
export function workspacesRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/workspaces', async (req, res) => {
    requireAdminToken(ctx, req);
    const body = parseBody(req, CreateWorkspace);
    const { workspace, apiKey } = await provisionWorkspace(ctx.db, body.name, {
      keyName: body.keyName,
    });
    res.status(201).json({
      workspace: { id: workspace.id, name: workspace.name, createdAt: workspace.createdAt },
      apiKey,
    });
  });
  return router;
}
