import request from 'supertest';
import { hashSecret } from '../../api/src/mapping/apiKeys';
import { testDatabases } from '../helpers/context';
import { ADMIN_TOKEN, bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('POST /v1/workspaces (%s)', (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await harness(kind);
  });
  afterAll(() => h.ctx.close());

  it('creates a workspace, its first admin key (shown once, stored hashed) and the standard populations', async () => {
    const res = await request(h.app)
      .post('/v1/workspaces')
      .set(bearer(ADMIN_TOKEN))
      .send({ name: 'Initech', keyName: 'bootstrap' });
    expect(res.status).toBe(201);
    const { workspace, apiKey } = res.body;
    expect(workspace).toMatchObject({ name: 'Initech' });
    expect(apiKey).toMatchObject({ scope: 'admin', name: 'bootstrap' });
    expect(apiKey.key).toMatch(/^ovl_/);

    const stored = await h.ctx.db('api_keys').where({ workspace_id: workspace.id });
    expect(stored).toHaveLength(1);
    expect(stored[0].hash).toBe(hashSecret(apiKey.key));
    expect(JSON.stringify(stored)).not.toContain(apiKey.key);

    const pops = await h.ctx
      .db('populations')
      .where({ workspace_id: workspace.id })
      .orderBy('name');
    expect(pops.map((p) => p.name).sort()).toEqual(
      ['Customers', 'Leads', 'Open Opportunities', 'Prospects'].sort(),
    );

    const me = await request(h.app).get('/v1/api-keys').set(bearer(apiKey.key));
    expect(me.status).toBe(200);
  });

  it('refuses a wrong or missing admin token with 401', async () => {
    expectProblem(
      await request(h.app)
        .post('/v1/workspaces')
        .set(bearer('not-the-admin-token-xx'))
        .send({ name: 'X' }),
      401,
      'unauthenticated',
    );
    expectProblem(
      await request(h.app).post('/v1/workspaces').send({ name: 'X' }),
      401,
      'unauthenticated',
    );
  });

  it('refuses a workspace API key as admin token', async () => {
    const ws = await h.workspace('Keyholder');
    expectProblem(
      await request(h.app).post('/v1/workspaces').set(bearer(ws.key)).send({ name: 'X' }),
      401,
      'unauthenticated',
    );
  });

  it('validates the body with per-field errors', async () => {
    const body = expectProblem(
      await request(h.app).post('/v1/workspaces').set(bearer(ADMIN_TOKEN)).send({ name: '' }),
      400,
      'invalid_input',
    );
    expect(body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
  });
});

describe.each(testDatabases())(
  'POST /v1/workspaces without an admin token configured (%s)',
  (kind) => {
    it('answers 403 workspace_creation_disabled', async () => {
      const h = await harness(kind, { adminToken: undefined });
      try {
        expectProblem(
          await request(h.app).post('/v1/workspaces').set(bearer(ADMIN_TOKEN)).send({ name: 'X' }),
          403,
          'workspace_creation_disabled',
        );
      } finally {
        await h.ctx.close();
      }
    });
  },
);
