/**
 * The emulator's HTTP surface: token endpoint, versions list, then everything under
 * /services/data/vXX.X behind bearer-token auth and fault injection.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApiError } from '../errors';
import { bulkIngestRouter } from './bulkIngest';
import { bulkQueryRouter } from './bulkQuery';
import { collectionsRouter } from './collections';
import { sendApiError, type EmulatorContext, versionOf } from './context';
import { oauthRouter, type OAuthClient } from './oauth';
import { queryRouter, versionsList } from './query';
import { recordsRouter } from './records';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function buildApp(ctx: EmulatorContext, clients: OAuthClient[]): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(async (_req: Request, _res: Response, next: NextFunction) => {
    if (ctx.faults.latencyMs > 0) await sleep(ctx.faults.latencyMs);
    next();
  });

  app.use(oauthRouter(ctx, clients));

  // REST API Developer Guide, "Versions": no authentication needed.
  app.get(['/services/data', '/services/data/'], (_req, res) => {
    ctx.stats.count('versions');
    res.json(versionsList(ctx));
  });

  const api = express.Router({ mergeParams: true });
  api.use((req, res, next) => {
    const m = /^(\d+)\.0$/.exec(versionOf(req));
    if (!m || Number(m[1]) < 31 || Number(m[1]) > Number(ctx.apiVersion)) {
      throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    const auth = /^(?:Bearer|OAuth) (.+)$/i.exec(String(req.headers.authorization ?? ''));
    if (!auth || !ctx.tokens.check(auth[1])) {
      throw new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    const fault = ctx.faults.forCall();
    if (fault) {
      ctx.stats.apiCalls++;
      ctx.stats.faultedCalls++;
      res.status(fault.status).json([{ message: fault.message, errorCode: fault.errorCode }]);
      return;
    }
    next();
  });
  api.use(express.json({ limit: '100mb', type: ['application/json', 'application/*+json'] }));
  api.use(express.text({ limit: '200mb', type: 'text/csv' }));
  api.get('/', (req, res) => {
    const base = `/services/data/v${versionOf(req)}`;
    res.json({
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      composite: `${base}/composite`,
      jobs: `${base}/jobs`,
    });
  });
  api.use(queryRouter(ctx));
  api.use(collectionsRouter(ctx));
  api.use(recordsRouter(ctx));
  api.use('/jobs/query', bulkQueryRouter(ctx));
  api.use('/jobs/ingest', bulkIngestRouter(ctx));
  app.use('/services/data/:version', api);

  app.use((_req: Request, _res: Response) => {
    throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  });

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    if (err instanceof ApiError) return sendApiError(res, err);
    const e = err as { type?: string; message?: string; status?: number };
    if (e.type === 'entity.parse.failed') {
      return sendApiError(
        res,
        new ApiError(
          400,
          'JSON_PARSER_ERROR',
          `Unexpected character in request body: ${e.message}`,
        ),
      );
    }
    if (e.type === 'entity.too.large') {
      return sendApiError(
        res,
        new ApiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request entity too large'),
      );
    }
    sendApiError(
      res,
      new ApiError(500, 'UNKNOWN_EXCEPTION', e.message ?? 'An unexpected error occurred'),
    );
  });
  return app;
}
