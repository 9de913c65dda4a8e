import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppContext } from '../context';
import { readDemoKeys } from '../demo/seed';
import { previewBundle } from './bundle';
import { ApexError, apiClient, controller, type ApiClient, type PreviewUser } from './controller';
import { PAGE_CSS, PAGE_HTML } from './page';

const SLDS_ASSETS = path.resolve(
  __dirname,
  '../../node_modules/@salesforce-ux/design-system/assets',
);
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const PREVIEW_USER: PreviewUser = { name: 'Local preview', email: 'preview@overlap.localhost' };

/** The API as this very process serves it, reached the way the Named Credential would. */
function selfUrl(req: Request): string {
  const raw = req.socket.localAddress ?? '127.0.0.1';
  const host = raw.replace(/^::ffff:/, '');
  return `http://${host.includes(':') ? `[${host}]` : host}:${req.socket.localPort}`;
}

function demoKey(ctx: AppContext): string {
  const key = readDemoKeys(ctx.config.dataDir)?.workspaces[0]?.adminKey;
  if (!key) throw new ApexError('The demo workspace keys were not found in the data dir.', 503);
  return key;
}

function sendError(res: Response, err: unknown): void {
  const status = err instanceof ApexError ? err.status : 500;
  res.status(status).json({ message: err instanceof Error ? err.message : String(err) });
}

type Page<T> = { data?: T[] };
const MAX_OPPORTUNITIES_TRIED = 25;

/**
 * Which records the page shows, read from the API like everything else: the first overlapping
 * account, the first attributed opportunity whose account overlaps too, the first partner.
 */
async function pickRecords(api: ApiClient) {
  const overlaps = (await api.get('/v1/overlaps?limit=1')) as Page<{
    myRecord?: { sourceId?: string };
  }>;
  const partners = (await api.get('/v1/partners')) as Page<{ id?: string }>;
  const attributions = (await api.get('/v1/attributions?limit=100')) as Page<{
    opportunitySourceId?: string;
  }>;
  const candidates = [...new Set((attributions.data ?? []).map((a) => a.opportunitySourceId))];
  let opportunityId = candidates[0] ?? null;
  for (const id of candidates.slice(0, MAX_OPPORTUNITIES_TRIED)) {
    const body = (await api.get(
      `/v1/opportunities/${encodeURIComponent(String(id))}/partners`,
    )) as {
      overlaps?: unknown[];
    };
    if (body.overlaps?.length) {
      opportunityId = id ?? null;
      break;
    }
  }
  return {
    accountId: overlaps.data?.[0]?.myRecord?.sourceId ?? null,
    opportunityId,
    partnerId: partners.data?.[0]?.id ?? null,
  };
}

/**
 * The local preview of the Salesforce components: a page, the LWC bundle, and the controller the
 * components call. It holds the demo workspace's key on the server side, so it only answers
 * loopback clients.
 */
export function previewRouter(ctx: AppContext): express.Router {
  const router = express.Router();
  let bundle: ReturnType<typeof previewBundle> | undefined;
  router.use(helmet());
  // loopback peers only, and by a loopback name: a DNS-rebound page must not borrow the key
  router.use((req, res, next) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    const local = host === 'localhost' || LOOPBACK.test(host);
    if (local && LOOPBACK.test(req.socket.remoteAddress ?? '')) return next();
    res.status(403).json({ message: 'The preview answers loopback clients only.' });
  });
  router.use(express.json({ limit: '100kb' }));

  router.get('/', (_req, res) => void res.type('html').send(PAGE_HTML));
  router.use('/slds', express.static(SLDS_ASSETS, { index: false, maxAge: '1h' }));
  router.get('/preview.css', (_req, res) => void res.type('css').send(PAGE_CSS));
  router.get('/app.js', async (_req, res) => {
    bundle ??= previewBundle();
    try {
      const { code } = await bundle;
      res.type('application/javascript').set('Cache-Control', 'no-cache').send(code);
    } catch (err) {
      bundle = undefined; // a failed build is retried on the next request
      ctx.logger.error({ err }, 'preview build failed');
      sendError(res, err);
    }
  });
  router.get('/config.json', async (req, res) => {
    try {
      res.json(await pickRecords(apiClient(selfUrl(req), demoKey(ctx))));
    } catch (err) {
      sendError(res, err);
    }
  });
  router.post('/apex/:method', async (req, res) => {
    const method = Object.hasOwn(controller, req.params.method)
      ? controller[req.params.method]
      : undefined;
    if (!method)
      return void res.status(404).json({ message: `No Apex method ${req.params.method}.` });
    try {
      const params = (req.body ?? {}) as Record<string, unknown>;
      res.json(await method(apiClient(selfUrl(req), demoKey(ctx)), params, PREVIEW_USER));
    } catch (err) {
      sendError(res, err);
    }
  });
  return router;
}

/**
 * `app` with the preview mounted at /preview when the demo data is on (the embedded default);
 * otherwise `app` unchanged, so no deployment with real data exposes it.
 */
export function withPreview(ctx: AppContext, app: Express): Express {
  if (!ctx.config.seedDemo) return app;
  const outer = express();
  outer.disable('x-powered-by');
  outer.set('trust proxy', 'loopback');
  outer.use('/preview', previewRouter(ctx));
  outer.use(app);
  return outer;
}
