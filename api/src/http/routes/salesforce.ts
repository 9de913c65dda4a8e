import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { connectOrg, disconnectOrg, getConnectionInfo } from '../../salesforce/connect';
import { workspaceId } from '../auth';
import { NotFoundError } from '../errors';
import { bearerAuth, jsonResponse, problemResponses, registry } from '../openapi';
import { parseBody } from '../validate';

const url = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(255);
const secret = z.string().min(1, 'is required').max(10_000);

const Connect = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('token'),
    instanceUrl: url,
    accessToken: secret,
    refreshToken: secret.optional(),
    clientId: secret.optional(),
    clientSecret: secret.optional(),
    loginUrl: url.optional(),
  }),
  z.object({
    method: z.literal('client_credentials'),
    loginUrl: url,
    clientId: secret,
    clientSecret: secret,
  }),
  z.object({
    method: z.literal('jwt'),
    loginUrl: url,
    clientId: secret,
    username: z.string().min(1, 'is required').max(255),
    privateKey: secret.refine((k) => k.includes('PRIVATE KEY'), 'must be a PEM private key'),
  }),
]);

const Connection = registry.register(
  'SalesforceConnection',
  z.object({
    status: z.literal('connected'),
    method: z.enum(['token', 'client_credentials', 'jwt']),
    instanceUrl: z.string(),
    orgId: z.string().nullable(),
    userId: z.string().nullable(),
    connectedAt: z.string(),
    lastSyncAt: z.string().nullable(),
  }),
);

const security = [{ [bearerAuth.name]: [] }];
registry.registerPath({
  method: 'post',
  path: '/v1/salesforce/connection',
  tags: ['salesforce'],
  summary:
    'Connect the workspace to a Salesforce org (token, client credentials or JWT bearer); secrets are stored encrypted',
  security,
  request: { body: { content: { 'application/json': { schema: Connect } } } },
  responses: {
    200: jsonResponse(Connection, 'Connected (no secrets in the answer)'),
    ...problemResponses(400, 401, 403),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/salesforce/connection',
  tags: ['salesforce'],
  summary: 'The connected org, when it was connected and last synced',
  security,
  responses: { 200: jsonResponse(Connection, 'Connection'), ...problemResponses(401, 404) },
});
registry.registerPath({
  method: 'delete',
  path: '/v1/salesforce/connection',
  tags: ['salesforce'],
  summary: 'Disconnect the org and forget its sync state',
  security,
  responses: { 204: { description: 'Disconnected' }, ...problemResponses(401, 403, 404) },
});

export function salesforceRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/salesforce/connection', async (req, res) => {
    const body = parseBody(req, Connect);
    res.json(await connectOrg(ctx, workspaceId(req), body));
  });
  router.get('/salesforce/connection', async (req, res) => {
    const info = await getConnectionInfo(ctx, workspaceId(req));
    if (!info)
      throw new NotFoundError('No Salesforce org is connected', 'salesforce_not_connected');
    res.json(info);
  });
  router.delete('/salesforce/connection', async (req, res) => {
    if (!(await disconnectOrg(ctx, workspaceId(req)))) {
      throw new NotFoundError('No Salesforce org is connected', 'salesforce_not_connected');
    }
    res.status(204).end();
  });
  return router;
}
