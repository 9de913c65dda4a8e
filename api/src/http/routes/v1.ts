import { Router } from 'express';
import type { AppContext } from '../../context';
import { authenticate, requireAdminForWrites } from '../auth';

/**
 * Every /v1 resource router is mounted here, one line each. Routers added before `authenticate`
 * carry their own auth (workspace creation uses the server admin token); all others need a key.
 */
export function v1Router(ctx: AppContext): Router {
  const router = Router();
  // ── routes with their own auth (admin token) ──

  // ── routes for a workspace API key ──
  router.use(authenticate(ctx), requireAdminForWrites);

  return router;
}
