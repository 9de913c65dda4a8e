import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { createEmulator, seedDemoOrg, ADMIN_USERNAME, type Emulator } from '../emulator';
import { generateDemo } from '../../api/src/demo/generate';
import { bearer, expectProblem, harness, type ApiHarness } from '../api/support';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe.each(testDatabases())('Salesforce connection and sync-run routes (%s)', (kind) => {
  let h: ApiHarness;
  let sf: Emulator;
  let ws: { id: string; key: string };
  beforeEach(async () => {
    h = await harness(kind, { secretKey: 'b'.repeat(64) });
    sf = await createEmulator({
      bulkTickMs: 1,
      clients: [{ clientId: 'jwt-app', certificate: PUBLIC_PEM }],
    });
    seedDemoOrg(sf.org, generateDemo({ size: 60, shared: 10 }).acme);
    ws = await h.workspace('Acme Cloud');
  });
  afterEach(async () => {
    await sf.close();
    await h.ctx.close();
  });

  const api = () => request(h.app);

  async function waitForRun(id: string) {
    for (let i = 0; i < 200; i++) {
      const res = await api().get(`/v1/sync-runs/${id}`).set(bearer(ws.key));
      if (!['queued', 'running'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('sync run did not finish');
  }

  it('connects with a token, shows no secret, syncs through POST /v1/sync-runs, and disconnects', async () => {
    const noConn = await api().post('/v1/sync-runs').set(bearer(ws.key)).send({});
    expectProblem(noConn, 409, 'salesforce_not_connected');

    const res = await api()
      .post('/v1/salesforce/connection')
      .set(bearer(ws.key))
      .send({ method: 'token', instanceUrl: sf.instanceUrl, accessToken: sf.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'connected',
      method: 'token',
      instanceUrl: sf.instanceUrl,
    });
    expect(JSON.stringify(res.body)).not.toContain(sf.accessToken);
    const stored = await h.ctx.db('sf_connections').where({ workspace_id: ws.id }).first();
    expect(stored.secrets).not.toContain(sf.accessToken);

    const started = await api().post('/v1/sync-runs').set(bearer(ws.key)).send({});
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', trigger: 'api' });
    const busy = await api().post('/v1/sync-runs').set(bearer(ws.key)).send({});
    expectProblem(busy, 409, 'sync_running');
    const run = await waitForRun(started.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.counts.pulledAccounts).toBe(60);

    const second = await api()
      .post('/v1/sync-runs')
      .set(bearer(ws.key))
      .send({ trigger: 'manual' });
    await waitForRun(second.body.id);
    const list = await api().get('/v1/sync-runs?limit=1').set(bearer(ws.key));
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([second.body.id]);
    const page2 = await api()
      .get(`/v1/sync-runs?limit=1&cursor=${encodeURIComponent(list.body.nextCursor)}`)
      .set(bearer(ws.key));
    expect(page2.body.data.map((r: { id: string }) => r.id)).toEqual([started.body.id]);

    const info = await api().get('/v1/salesforce/connection').set(bearer(ws.key));
    expect(info.body.lastSyncAt).not.toBeNull();
    expect((await api().delete('/v1/salesforce/connection').set(bearer(ws.key))).status).toBe(204);
    expectProblem(
      await api().get('/v1/salesforce/connection').set(bearer(ws.key)),
      404,
      'salesforce_not_connected',
    );
  });

  it('connects with client credentials and with a JWT bearer assertion (org id from the identity URL)', async () => {
    const cc = await api().post('/v1/salesforce/connection').set(bearer(ws.key)).send({
      method: 'client_credentials',
      loginUrl: sf.url,
      clientId: sf.clientId,
      clientSecret: sf.clientSecret,
    });
    expect(cc.status).toBe(200);
    expect(cc.body.orgId).toBe(sf.org.orgId);
    const jwt = await api().post('/v1/salesforce/connection').set(bearer(ws.key)).send({
      method: 'jwt',
      loginUrl: sf.url,
      clientId: 'jwt-app',
      username: ADMIN_USERNAME,
      privateKey: PRIVATE_PEM,
    });
    expect(jwt.status).toBe(200);
    expect(jwt.body).toMatchObject({ method: 'jwt', orgId: sf.org.orgId });
  });

  it('rejects bad input and refused credentials with the field named', async () => {
    const bad = await api()
      .post('/v1/salesforce/connection')
      .set(bearer(ws.key))
      .send({ method: 'token', instanceUrl: 'nope' });
    const body = expectProblem(bad, 400, 'invalid_input');
    expect(body.errors!.map((e) => e.field).sort()).toEqual(['accessToken', 'instanceUrl']);
    const refused = await api().post('/v1/salesforce/connection').set(bearer(ws.key)).send({
      method: 'client_credentials',
      loginUrl: sf.url,
      clientId: sf.clientId,
      clientSecret: 'wrong',
    });
    expectProblem(refused, 400, 'salesforce_auth_failed');
    const badToken = await api()
      .post('/v1/salesforce/connection')
      .set(bearer(ws.key))
      .send({ method: 'token', instanceUrl: sf.instanceUrl, accessToken: 'not-a-token' });
    expectProblem(badToken, 400, 'salesforce_unreachable');
    expectProblem(
      await api().get('/v1/sync-runs/00000000-0000-4000-8000-000000000000').set(bearer(ws.key)),
      404,
      'sync_run_not_found',
    );
  });
});
