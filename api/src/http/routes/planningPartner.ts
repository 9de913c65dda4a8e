import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { findPartner } from '../../mapping/sharingStore';
import { localDate } from '../../planning/businessDays';
import { cadenceOf, insertComm, listComms } from '../../planning/comms';
import { createPlay, listPlays, patchPlay } from '../../planning/plays';
import { getPlanningSettings } from '../../planning/settingsStore';
import { workspaceId } from '../auth';
import { parseBody, parseParams } from '../validate';
import { CommBody, doc, IdParams, PlayBody, PlayParams, PlayPatch } from './planningSchemas';

const Play = PlayBody.extend({
  id: z.string(),
  partnerId: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const Comm = z.object({
  id: z.string(),
  partnerId: z.string(),
  persona: z.string(),
  purpose: z.string(),
  channel: z.string(),
  occurredAt: z.string(),
  accountSourceIds: z.array(z.string()),
  launch: z.string().nullable(),
  summary: z.string().nullable(),
  createdAt: z.string(),
});
const Cadence = z.object({
  persona: z.string(),
  lastAt: z.string(),
  daysSince: z.number(),
  touchesLast90Days: z.number(),
  purposes: z.array(z.string()),
  quiet: z.boolean(),
});

doc(
  'get',
  '/v1/partners/{id}/plays',
  'Partner plays (webinar, offer to their customers, SDR push); overdue ones flagged',
  { params: IdParams, response: z.object({ data: z.array(Play) }) },
);
doc('post', '/v1/partners/{id}/plays', 'Add a partner play', {
  params: IdParams,
  body: PlayBody,
  response: Play,
  status: 201,
});
doc('patch', '/v1/partners/{id}/plays/{playId}', 'Update a play (status, ship date, owners)', {
  params: PlayParams,
  body: PlayPatch,
  response: Play,
});
doc('get', '/v1/partners/{id}/comms', 'The comms log with this partner, newest first', {
  params: IdParams,
  response: z.object({ data: z.array(Comm) }),
});
doc(
  'post',
  '/v1/partners/{id}/comms',
  'Log a touch with a partner persona (purpose, channel; tied to accounts or a launch)',
  { params: IdParams, body: CommBody, response: Comm, status: 201 },
);
doc(
  'get',
  '/v1/partners/{id}/cadence',
  'Per partner persona: last touch, volume, and who has gone quiet',
  { params: IdParams, response: z.object({ quietAfterDays: z.number(), data: z.array(Cadence) }) },
);

export function planningPartnerRouter(ctx: AppContext): Router {
  const router = Router();
  const today = async (ws: string) =>
    localDate(ctx.now(), (await getPlanningSettings(ctx.db, ws)).timeZone);
  const partnerOf = async (req: Parameters<typeof workspaceId>[0]) => {
    const ws = workspaceId(req);
    return {
      ws,
      partner: await findPartner(ctx.db, ws, parseParams(req, IdParams.passthrough()).id),
    };
  };
  router.get('/partners/:id/plays', async (req, res) => {
    const { ws, partner } = await partnerOf(req);
    res.json({ data: await listPlays(ctx.db, ws, partner.id, await today(ws)) });
  });
  router.post('/partners/:id/plays', async (req, res) => {
    const { ws, partner } = await partnerOf(req);
    res
      .status(201)
      .json(
        await createPlay(
          ctx.db,
          ws,
          partner.id,
          parseBody(req, PlayBody),
          ctx.now(),
          await today(ws),
        ),
      );
  });
  router.patch('/partners/:id/plays/:playId', async (req, res) => {
    const { ws, partner } = await partnerOf(req);
    const { playId } = parseParams(req, PlayParams);
    res.json(
      await patchPlay(
        ctx.db,
        ws,
        partner.id,
        playId,
        parseBody(req, PlayPatch),
        ctx.now(),
        await today(ws),
      ),
    );
  });
  router.get('/partners/:id/comms', async (req, res) => {
    const { ws, partner } = await partnerOf(req);
    res.json({ data: await listComms(ctx.db, ws, partner.id) });
  });
  router.post('/partners/:id/comms', async (req, res) => {
    const { ws, partner } = await partnerOf(req);
    const body = parseBody(req, CommBody);
    const comm = await insertComm(
      ctx.db,
      ws,
      partner.id,
      { ...body, occurredAt: body.occurredAt ?? ctx.now().toISOString() },
      ctx.now(),
    );
    res.status(201).json(comm);
  });
  router.get('/partners/:id/cadence', async (req, res) => {
    const { ws, partner } = await partnerOf(req);
    const settings = await getPlanningSettings(ctx.db, ws);
    const comms = await listComms(ctx.db, ws, partner.id, 5000);
    res.json({
      quietAfterDays: settings.quietAfterDays,
      data: cadenceOf(comms, ctx.now(), settings.quietAfterDays),
    });
  });
  return router;
}
