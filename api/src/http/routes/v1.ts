import { Router } from 'express';
import type { AppContext } from '../../context';
import { authenticate, requireAdminForWrites } from '../auth';
import { apiKeysRouter } from './apiKeys';
import { opportunitiesRouter } from './opportunities';
import { partnerInvitesRouter, partnersRouter } from './partners';
import { managedRecordsRouter, recordsRouter } from './records';
import { workspacesRouter } from './workspaces';
import { attributionRouter } from './attribution';
import { metricsRouter } from './metrics';
import { touchesRouter } from './touches';
import { populationsRouter } from './populations';
import { overlapsRouter } from './overlaps';
import { partnerMappingRouter } from './partnerMapping';
import { introRequestsRouter } from './introRequests';
import { salesforceRouter } from './salesforce';
import { syncRunsRouter } from './syncRuns';
import { alertChannelsRouter } from './alertChannels';
import { planningRouter } from './planning';
import { planningPartnerRouter } from './planningPartner';
import { planningSessionsRouter } from './planningSessions';

/**
 * Every /v1 resource router is mounted here, one line each. Routers added before `authenticate`
 * carry their own auth (workspace creation uses the server admin token); all others need a key.
 */
export function v1Router(ctx: AppContext): Router {
  const router = Router();
  // ── routes with their own auth (admin token) ──
  router.use(workspacesRouter(ctx));

  // ── routes for a workspace API key ──
  router.use(authenticate(ctx), requireAdminForWrites);
  router.use('/api-keys', apiKeysRouter(ctx));
  router.use('/partners/:id/records', managedRecordsRouter(ctx));
  router.use('/partners', partnersRouter(ctx));
  router.use('/partner-invites', partnerInvitesRouter(ctx));
  router.use('/records', recordsRouter(ctx));
  router.use('/opportunities', opportunitiesRouter(ctx));
  router.use(populationsRouter(ctx));
  router.use(overlapsRouter(ctx));
  router.use(partnerMappingRouter(ctx));
  router.use(introRequestsRouter(ctx));
  router.use(touchesRouter(ctx));
  router.use(attributionRouter(ctx));
  router.use(metricsRouter(ctx));
  router.use(salesforceRouter(ctx));
  router.use(syncRunsRouter(ctx));
  router.use('/alert-channels', alertChannelsRouter(ctx));
  router.use(planningRouter(ctx));
  router.use(planningPartnerRouter(ctx));
  router.use('/planning-sessions', planningSessionsRouter(ctx));

  return router;
}
