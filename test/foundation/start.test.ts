import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../api/src/config';
import { start } from '../../api/src/server';
import type { AppContext } from '../../api/src/context';
import { readDemoKeys, seedDemo } from '../../api/src/demo/seed';

// What `npm start` does on a fresh machine: migrate, seed the demo, listen, and the printed keys work.
describe('server start on an empty data dir', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-start-'));
  let stop: () => Promise<void>;
  let url: string;
  let ctx: AppContext;

  beforeAll(async () => {
    const config = loadConfig({
      OVERLAP_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      OVERLAP_DEMO_ORG: 'false',
    });
    const started = await start(config);
    url = started.url;
    ctx = started.ctx;
    stop = () => new Promise((resolve) => started.server.close(() => resolve()));
  }, 120_000);

  afterAll(async () => {
    await stop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz with the database state and two demo workspaces', async () => {
    const res = await request(url).get('/healthz').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database).toMatchObject({ client: 'sqlite3', reachable: true, workspaces: 2 });
    expect(res.body.database.migrations.pending).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'overlap.sqlite'))).toBe(true);
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const res = await request(url).get('/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/healthz');
  });

  it('stores the demo keys it prints, and they authenticate while a wrong key does not', async () => {
    const keys = readDemoKeys(dataDir);
    expect(keys?.workspaces.map((w) => w.name)).toEqual(['Acme Cloud', 'Globex Data']);
    const good = keys!.workspaces[0].adminKey;
    // An unknown route behind auth: a valid key gets past auth to 404, a forged one stops at 401.
    const ok = await request(url)
      .get('/v1/no-such-resource')
      .set('Authorization', `Bearer ${good}`);
    expect(ok.status).toBe(404);
    const forged = good.slice(0, -4) + 'AAAA';
    const bad = await request(url)
      .get('/v1/no-such-resource')
      .set('Authorization', `Bearer ${forged}`);
    expect(bad.status).toBe(401);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.code).toBe('unauthenticated');
  });

  it('does not seed again once any workspace exists', async () => {
    const before = await ctx.db('records').count<{ n: number }[]>({ n: '*' });
    expect(await seedDemo(ctx)).toBeNull();
    const after = await ctx.db('records').count<{ n: number }[]>({ n: '*' });
    expect(Number(after[0].n)).toBe(Number(before[0].n));
    expect(Number(before[0].n)).toBeGreaterThanOrEqual(6000);
  });
});
