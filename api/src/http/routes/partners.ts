import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import {
  acceptInvite,
  createManagedPartner,
  getPartner,
  invitePartner,
  listPartners,
} from '../../mapping/partners';
import { endPartnership } from '../../mapping/partnerEnd';
import { recomputeAllOverlaps } from '../../mapping/recompute';
import { workspaceId } from '../auth';
import { bearerAuth, jsonResponse, problemResponses, registry } from '../openapi';
import { parseBody, parseParams } from '../validate';

const CreatePartner = z.object({
  kind: z
    .enum(['workspace', 'managed'])
    .describe('workspace: invite another workspace; managed: a partner whose data we upload'),
  name: z.string().trim().min(1, 'is required').max(200),
});
const PartnerParams = z.object({ id: z.string().min(1).max(64) });
const InviteParams = z.object({
  token: z.string().regex(/^ovi_[A-Za-z0-9_-]{43}$/, 'not an invite token'),
});

const Partner = registry.register(
  'Partner',
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['workspace', 'managed']),
    status: z.enum(['invited', 'active', 'ended']),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
  }),
);

const security = [{ [bearerAuth.name]: [] }];
registry.registerPath({
  method: 'get',
  path: '/v1/partners',
  tags: ['partners'],
  summary: 'Partners of this workspace, in every status',
  security,
  responses: {
    200: jsonResponse(
      z.object({ data: z.array(Partner), nextCursor: z.string().nullable() }),
      'Partners',
    ),
    ...problemResponses(401, 429),
  },
});
registry.registerPath({
  method: 'post',
  path: '/v1/partners',
  tags: ['partners'],
  summary: 'Invite a workspace (invite token shown once) or create a managed partner',
  security,
  request: { body: { content: { 'application/json': { schema: CreatePartner } } } },
  responses: {
    201: jsonResponse(
      z.object({
        partner: Partner,
        inviteToken: z.string().optional().describe('only for kind workspace; shown once'),
      }),
      'Created',
    ),
    ...problemResponses(400, 401, 403, 429),
  },
});
registry.registerPath({
  method: 'get',
  path: '/v1/partners/{id}',
  tags: ['partners'],
  summary: 'One partner',
  security,
  request: { params: PartnerParams },
  responses: { 200: jsonResponse(Partner, 'The partner'), ...problemResponses(401, 404, 429) },
});
registry.registerPath({
  method: 'delete',
  path: '/v1/partners/{id}',
  tags: ['partners'],
  summary:
    'End a partnership in both directions; removes overlaps, sharing rules and a managed partner’s records',
  security,
  request: { params: PartnerParams },
  responses: { 200: jsonResponse(Partner, 'Ended'), ...problemResponses(401, 403, 404, 429) },
});
registry.registerPath({
  method: 'post',
  path: '/v1/partner-invites/{token}/accept',
  tags: ['partners'],
  summary: 'Accept an invite with the invited workspace’s key; the partnership becomes mutual',
  security,
  request: { params: InviteParams },
  responses: {
    200: jsonResponse(
      z.object({ partner: Partner }),
      'Accepted: the new partner as this workspace sees it',
    ),
    ...problemResponses(400, 401, 403, 404, 409, 429),
  },
});

export function partnersRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json({ data: await listPartners(ctx.db, workspaceId(req)), nextCursor: null });
  });
  router.post('/', async (req, res) => {
    const { kind, name } = parseBody(req, CreatePartner);
    const ws = workspaceId(req);
    if (kind === 'managed') {
      res.status(201).json({ partner: await createManagedPartner(ctx.db, ws, name, ctx.now()) });
    } else {
      res.status(201).json(await invitePartner(ctx.db, ws, name, ctx.now()));
    }
  });
  router.get('/:id', async (req, res) => {
    const { id } = parseParams(req, PartnerParams);
    res.json(await getPartner(ctx.db, workspaceId(req), id));
  });
  router.delete('/:id', async (req, res) => {
    const { id } = parseParams(req, PartnerParams);
    res.json(await endPartnership(ctx, workspaceId(req), id));
  });
  return router;
}

export function partnerInvitesRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/:token/accept', async (req, res) => {
    const { token } = parseParams(req, InviteParams);
    const ws = workspaceId(req);
    const partner = await acceptInvite(ctx.db, ws, token, ctx.now());
    // A new partnership: match both workspaces' accounts against each other once, in full.
    await recomputeAllOverlaps(ctx, ws);
    res.json({ partner });
  });
  return router;
}
