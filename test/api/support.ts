import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/src/app';
import { loadConfig, type Config } from '../../api/src/config';
import { createDb, migrate } from '../../api/src/db/knex';
import { createLogger } from '../../api/src/logger';
import { createTestContext, type DbKind, type TestContext } from '../helpers/context';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface ApiHarness {
  ctx: TestContext;
  app: Express;
  /** creates a workspace through the API and returns its id and first admin key */
  workspace(name: string): Promise<{ id: string; key: string }>;
}

export async function harness(kind: DbKind, overrides: Partial<Config> = {}): Promise<ApiHarness> {
  const ctx = await createTestContext(kind, { adminToken: ADMIN_TOKEN, ...overrides });
  return withWorkspaces(ctx);
}

function withWorkspaces(ctx: TestContext): ApiHarness {
  const app = createApp(ctx);
  return {
    ctx,
    app,
    async workspace(name) {
      const res = await request(app)
        .post('/v1/workspaces')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ name });
      if (res.status !== 201) throw new Error(`workspace setup failed: ${res.status} ${res.text}`);
      return { id: res.body.workspace.id, key: res.body.apiKey.key };
    },
  };
}

/** A SQLite file, where reads go through the separate read pool (knex.ts `readDb`). */
export async function fileHarness(): Promise<ApiHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-cache-'));
  const config = {
    ...loadConfig({ OVERLAP_DATA_DIR: dir, LOG_LEVEL: 'silent' }),
    adminToken: ADMIN_TOKEN,
    seedDemo: false,
  };
  const db = createDb(config.database);
  await migrate(db);
  const close = async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return withWorkspaces({
    db,
    config,
    logger: createLogger('silent'),
    now: () => new Date(),
    close,
  });
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** Asserts a problem+json reply and returns its body. */
export function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: `urn:overlap:problem:${code}` });
  return res.body as {
    errors?: Array<{ index?: number; line?: number; field?: string; reason: string }>;
  };
}
