import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import {
  deleteChannel,
  getChannel,
  insertChannel,
  listChannels,
  listDeliveries,
  updateChannel,
} from '../../notify/channelsStore';
import { workspaceId } from '../auth';
import { NotFoundError } from '../errors';
import { bearerAuth, problemResponses, registry } from '../openapi';
import { parseBody, parseParams } from '../validate';

const TOPICS = ['overlap.created', 'overlap.changed', 'planning.digest'] as const;
const DEFAULT_TOPICS: Array<(typeof TOPICS)[number]> = ['overlap.created', 'overlap.changed'];
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

// https everywhere; plain http only to this machine (local receivers and tests).
const targetUrl = z.url().refine((u) => {
  const { protocol, hostname } = new URL(u);
  return protocol === 'https:' || (protocol === 'http:' && LOOPBACK.test(hostname));
}, 'must be an https URL (http only for loopback)');

const CreateChannel = z.object({
  kind: z.enum(['slack', 'webhook']),
  name: z.string().trim().min(1).max(120),
  url: targetUrl,
  partnerId: z
    .string()
    .min(1)
    .max(64)
    .nullable()
    .default(null)
    .describe('null = alerts for every partner'),
  topics: z
    .array(z.enum(TOPICS))
    .min(1)
    .default(DEFAULT_TOPICS)
    .describe('planning.digest: the weekly triage digest per partner'),
  secret: z
    .string()
    .min(16)
    .max(200)
    .optional()
    .describe('webhook signing secret; generated when omitted'),
});
const PatchChannel = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  enabled: z.boolean().optional(),
  topics: z.array(z.enum(TOPICS)).min(1).optional(),
});
const Params = z.object({ id: z.string().min(1).max(64) });

const AlertChannel = registry.register(
  'AlertChannel',
  z.object({
    id: z.string(),
    partnerId: z.string().nullable(),
    kind: z.enum(['slack', 'webhook']),
    name: z.string(),
    urlHint: z.string(),
    topics: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().describe('why delivery was switched off, when it was'),
    consecutiveFailures: z.number().int(),
    createdAt: z.string(),
  }),
);
const Delivery = registry.register(
  'AlertDelivery',
  z.object({
    id: z.number().int(),
    channelId: z.string(),
    outboxId: z.number().int(),
    idempotencyKey: z.string(),
    status: z.enum(['pending', 'sending', 'delivered', 'dead']),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  }),
);

const security = [{ [bearerAuth.name]: [] }];
const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
registry.registerPath({
  method: 'get',
  path: '/v1/alert-channels',
  tags: ['alerts'],
  summary: 'Alert channels of the workspace',
  security,
  responses: {
    200: {
      description: 'Channels',
      content: json(z.object({ data: z.array(AlertChannel), nextCursor: z.null() })),
    },
    ...problemResponses(401, 429),
  },
});
registry.registerPath({
  method: 'post',
  path: '/v1/alert-channels',
  tags: ['alerts'],
  security,
  summary: 'Add a Slack incoming webhook or a signed webhook; the signing secret is shown once',
  request: { body: { content: json(CreateChannel) } },
  responses: {
    201: {
      description: 'Created',
      content: json(AlertChannel.extend({ secret: z.string().optional() })),
    },
    ...problemResponses(400, 401, 403, 404, 429),
  },
});
registry.registerPath({
  method: 'patch',
  path: '/v1/alert-channels/{id}',
  tags: ['alerts'],
  security,
  summary: 'Rename, change topics, or re-enable a channel that was switched off',
  request: { params: Params, body: { content: json(PatchChannel) } },
  responses: {
    200: { description: 'Updated', content: json(AlertChannel) },
    ...problemResponses(400, 401, 403, 404, 429),
  },
});
registry.registerPath({
  method: 'delete',
  path: '/v1/alert-channels/{id}',
  tags: ['alerts'],
  security,
  summary: 'Remove a channel',
  request: { params: Params },
  responses: { 204: { description: 'Removed' }, ...problemResponses(401, 403, 404, 429) },
});
registry.registerPath({
  method: 'get',
  path: '/v1/alert-channels/{id}/deliveries',
  tags: ['alerts'],
  security,
  summary: 'Recent deliveries of a channel, with attempts and last error',
  request: { params: Params },
  responses: {
    200: {
      description: 'Deliveries',
      content: json(z.object({ data: z.array(Delivery), nextCursor: z.null() })),
    },
    ...problemResponses(401, 404, 429),
  },
});

export function alertChannelsRouter(ctx: AppContext): Router {
  const router = Router();
  const found = async (req: Parameters<typeof workspaceId>[0]) => {
    const { id } = parseParams(req, Params);
    const channel = await getChannel(ctx.db, workspaceId(req), id);
    if (!channel) throw new NotFoundError(`No alert channel ${id}`);
    return channel;
  };

  router.get('/', async (req, res) => {
    res.json({ data: await listChannels(ctx.db, workspaceId(req)), nextCursor: null });
  });
  router.post('/', async (req, res) => {
    const body = parseBody(req, CreateChannel);
    const ws = workspaceId(req);
    if (body.partnerId) {
      const partner = await ctx
        .db('partners')
        .where({ id: body.partnerId, workspace_id: ws })
        .first('id');
      if (!partner)
        throw new NotFoundError(
          `No partner ${body.partnerId} in this workspace`,
          'partner_not_found',
        );
    }
    const secret =
      body.kind === 'webhook' ? (body.secret ?? randomBytes(24).toString('base64url')) : undefined;
    const channel = await insertChannel(ctx, {
      workspaceId: ws,
      partnerId: body.partnerId,
      kind: body.kind,
      name: body.name,
      topics: body.topics,
      target: { url: body.url, ...(secret ? { secret } : {}) },
    });
    res.status(201).json({ ...channel, ...(secret && !body.secret ? { secret } : {}) });
  });
  router.patch('/:id', async (req, res) => {
    const channel = await found(req);
    res.json(
      await updateChannel(ctx.db, channel.workspaceId, channel.id, parseBody(req, PatchChannel)),
    );
  });
  router.delete('/:id', async (req, res) => {
    const channel = await found(req);
    await deleteChannel(ctx.db, channel.workspaceId, channel.id);
    res.status(204).end();
  });
  router.get('/:id/deliveries', async (req, res) => {
    const channel = await found(req);
    res.json({
      data: await listDeliveries(ctx.db, channel.workspaceId, channel.id),
      nextCursor: null,
    });
  });
  return router;
}
