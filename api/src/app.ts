import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './context';
import { errorHandler, notFoundHandler } from './http/errorHandler';
import { openApiDocument } from './http/openapi';
import { requestId } from './http/requestId';
import { docsRouter } from './http/routes/docs';
import { healthRouter } from './http/routes/health';
import { v1Router } from './http/routes/v1';
import { API_VERSION } from './version';

/** Builds the Express app around a context; no listening here, so tests use supertest on it. */
export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: requestId,
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      // One short line per request: the headers (helmet's alone are ~1 KB) cost throughput and
      // could carry credentials; the request id ties a line to the problem+json a client saw.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(helmet());
  app.use(express.json({ limit: ctx.config.bodyLimit }));

  app.use(healthRouter(ctx));
  app.use(docsRouter());
  let openapi: unknown;
  app.get('/openapi.json', (_req, res) => {
    openapi ??= openApiDocument(API_VERSION);
    res.json(openapi);
  });
  app.use('/v1', v1Router(ctx));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
