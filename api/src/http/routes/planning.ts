import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { findPartner } from '../../mapping/sharingStore';
import { partnerDigest } from '../../planning/digestService';
import { planCsv } from '../../planning/saturation';
import {
  getCriteria,
  getPlanningSettings,
  putCriteria,
  putPlanningSettings,
} from '../../planning/settingsStore';
import {
  partnerSaturation,
  planVsTarget,
  putTargets,
  listTargets,
} from '../../planning/targetsService';
import { setOverlapTriage, triageList } from '../../planning/triageService';
import { runTriggers } from '../../planning/triggerService';
import { PlanningSettingsSchema } from '../../planning/types';
import { workspaceId } from '../auth';
import { parseBody, parseParams, parseQuery } from '../validate';
import {
  Criteria,
  CriteriaBody,
  doc,
  IdParams,
  PlanRow,
  QuarterQuery,
  RunBody,
  Session,
  Settings,
  TargetsBody,
  Triage,
  TriageBody,
  TriageEntry,
  TriageQuery,
} from './planningSchemas';

const FieldErrors = z.array(
  z.object({ index: z.number().optional(), field: z.string().optional(), reason: z.string() }),
);
const PlanReply = z.object({ quarter: z.string(), data: z.array(PlanRow), total: PlanRow });

doc(
  'put',
  '/v1/overlaps/{id}/triage',
  'Set the triage state of an overlap (new, to_plan, dismissed, snoozed until a date)',
  { params: IdParams, body: TriageBody, response: Triage.extend({ overlapId: z.string() }) },
);
doc(
  'get',
  '/v1/partners/{id}/triage',
  "A partner's overlaps through sharing, scored best first, with their triage state",
  {
    params: IdParams,
    query: TriageQuery,
    response: z.object({
      partner: z.object({ id: z.string(), name: z.string() }),
      total: z.number(),
      data: z.array(TriageEntry),
    }),
  },
);
doc(
  'get',
  '/v1/partners/{id}/planning-criteria',
  'The pull: criteria the partner manager set for this partner (defaults when unset)',
  {
    params: IdParams,
    response: z.object({
      partnerId: z.string(),
      criteria: Criteria,
      updatedAt: z.string().nullable(),
    }),
  },
);
doc(
  'put',
  '/v1/partners/{id}/planning-criteria',
  'Replace the planning criteria for this partner',
  {
    params: IdParams,
    body: CriteriaBody,
    response: z.object({
      partnerId: z.string(),
      criteria: Criteria,
      updatedAt: z.string().nullable(),
    }),
  },
);
doc(
  'get',
  '/v1/planning/settings',
  'Planning calendar: time zone, holidays, prep business days, digest time',
  { response: Settings },
);
doc('put', '/v1/planning/settings', 'Replace the planning calendar settings', {
  body: PlanningSettingsSchema,
  response: Settings,
});
doc(
  'post',
  '/v1/planning/triggers/run',
  'Evaluate the session triggers now (one partner, or every partner with criteria)',
  {
    body: RunBody,
    response: z.object({ evaluatedPartners: z.number(), proposed: z.array(Session) }),
  },
);
doc('get', '/v1/partners/{id}/saturation', 'Accounts planned against versus worthwhile overlaps', {
  params: IdParams,
  response: z.object({
    partnerId: z.string(),
    minScore: z.number(),
    worthwhile: z.number(),
    planned: z.number(),
    unplanned: z.number(),
    saturation: z.number().nullable(),
  }),
});
doc('get', '/v1/planning/targets', 'Quarterly targets of accounts planned against', {
  query: QuarterQuery,
  response: z.object({
    data: z.array(z.object({ partnerId: z.string(), quarter: z.string(), target: z.number() })),
  }),
});
doc(
  'put',
  '/v1/planning/targets',
  'Set quarterly targets per partner (upsert; bad items reported by index)',
  { body: TargetsBody, response: z.object({ stored: z.number(), errors: FieldErrors }) },
);
doc(
  'get',
  '/v1/planning/plan-vs-target',
  'Plan versus target per partner for a quarter (default: the current one)',
  { query: QuarterQuery, response: PlanReply },
);
doc('get', '/v1/planning/plan-vs-target.csv', 'Plan versus target as CSV', {
  query: QuarterQuery,
  response: z.string(),
  responseType: 'text/csv',
});
doc('get', '/v1/partners/{id}/digest', 'Preview the weekly triage digest for this partner', {
  params: IdParams,
  response: z.object({}).passthrough(),
});

export function planningRouter(ctx: AppContext): Router {
  const router = Router();
  router.put('/overlaps/:id/triage', async (req, res) => {
    const { id } = parseParams(req, IdParams);
    res.json(await setOverlapTriage(ctx, workspaceId(req), id, parseBody(req, TriageBody)));
  });
  router.get('/partners/:id/triage', async (req, res) => {
    const { id } = parseParams(req, IdParams);
    const q = parseQuery(req, TriageQuery);
    res.json(await triageList(ctx, workspaceId(req), id, q.state, q.limit));
  });
  router.get('/partners/:id/planning-criteria', async (req, res) => {
    const ws = workspaceId(req);
    const partner = await findPartner(ctx.db, ws, parseParams(req, IdParams).id);
    res.json({ partnerId: partner.id, ...(await getCriteria(ctx.db, ws, partner.id)) });
  });
  router.put('/partners/:id/planning-criteria', async (req, res) => {
    const ws = workspaceId(req);
    const partner = await findPartner(ctx.db, ws, parseParams(req, IdParams).id);
    await putCriteria(ctx.db, ws, partner.id, parseBody(req, CriteriaBody), ctx.now());
    res.json({ partnerId: partner.id, ...(await getCriteria(ctx.db, ws, partner.id)) });
  });
  router.get('/planning/settings', async (req, res) => {
    res.json(await getPlanningSettings(ctx.db, workspaceId(req)));
  });
  router.put('/planning/settings', async (req, res) => {
    res.json(
      await putPlanningSettings(ctx.db, workspaceId(req), parseBody(req, PlanningSettingsSchema)),
    );
  });
  router.post('/planning/triggers/run', async (req, res) => {
    const body = parseBody(req, RunBody);
    res.json(await runTriggers(ctx, workspaceId(req), body.partnerId));
  });
  router.get('/partners/:id/saturation', async (req, res) => {
    const ws = workspaceId(req);
    const partner = await findPartner(ctx.db, ws, parseParams(req, IdParams).id);
    res.json(await partnerSaturation(ctx, ws, partner.id));
  });
  router.get('/planning/targets', async (req, res) => {
    res.json({
      data: await listTargets(ctx.db, workspaceId(req), parseQuery(req, QuarterQuery).quarter),
    });
  });
  router.put('/planning/targets', async (req, res) => {
    res.json(await putTargets(ctx, workspaceId(req), parseBody(req, TargetsBody).items));
  });
  router.get('/planning/plan-vs-target.csv', async (req, res) => {
    const r = await planVsTarget(ctx, workspaceId(req), parseQuery(req, QuarterQuery).quarter);
    res
      .type('text/csv')
      .attachment(`plan-vs-target-${r.quarter}.csv`)
      .send(planCsv([...r.data, r.total]));
  });
  router.get('/planning/plan-vs-target', async (req, res) => {
    res.json(await planVsTarget(ctx, workspaceId(req), parseQuery(req, QuarterQuery).quarter));
  });
  router.get('/partners/:id/digest', async (req, res) => {
    const ws = workspaceId(req);
    const partner = await findPartner(ctx.db, ws, parseParams(req, IdParams).id);
    res.json(await partnerDigest(ctx, ws, partner.id));
  });
  return router;
}
