import request from 'supertest';
import { ConfigError, loadConfig } from '../../api/src/config';
import { testDatabases } from '../helpers/context';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('foundation and errors (%s)', (kind) => {
  let h: ApiHarness;
  let key: string;
  beforeAll(async () => {
    h = await harness(kind, { rateLimitPerMinute: 5, bodyLimit: '2kb' });
    key = (await h.workspace('Errors Co')).key;
  });
  afterAll(() => h.ctx.close());

  it('serves /healthz and an /openapi.json that lists these routes', async () => {
    const health = await request(h.app).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { reachable: true } });
    const doc = await request(h.app).get('/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/workspaces',
      '/v1/api-keys',
      '/v1/api-keys/{id}',
      '/v1/partners',
      '/v1/partners/{id}',
      '/v1/partner-invites/{token}/accept',
      '/v1/records',
      '/v1/records/import',
      '/v1/records/{sourceId}',
      '/v1/partners/{id}/records',
      '/v1/partners/{id}/records/import',
      '/v1/opportunities',
      '/v1/opportunities/import',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(doc.body.paths['/v1/records/import'].post.requestBody.content).toHaveProperty(
      'text/csv',
    );
    expect(doc.body.components.schemas.RecordInput.properties).toHaveProperty('ownerEmail');
  });

  it('answers unknown routes with a 404 problem and echoes a safe request id', async () => {
    const res = await request(h.app).get('/nowhere').set('X-Request-Id', 'trace-123');
    expectProblem(res, 404, 'route_not_found');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.body.requestId).toBe('trace-123');
    const unsafe = await request(h.app).get('/healthz').set('X-Request-Id', 'bad id with spaces');
    expect(unsafe.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('401 without or with a malformed key, with WWW-Authenticate', async () => {
    const res = await request(h.app).get('/v1/records');
    expectProblem(res, 401, 'unauthenticated');
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expectProblem(
      await request(h.app).get('/v1/partners').set(bearer('ovl_short')),
      401,
      'unauthenticated',
    );
  });

  it('400 malformed JSON, 413 over the body limit', async () => {
    expectProblem(
      await request(h.app)
        .put('/v1/records')
        .set(bearer(key))
        .set('Content-Type', 'application/json')
        .send('{"items": ['),
      400,
      'malformed_json',
    );
    const big = { items: [{ sourceId: 'x', name: 'y'.repeat(4000) }] };
    expectProblem(
      await request(h.app).put('/v1/records').set(bearer(key)).send(big),
      413,
      'payload_too_large',
    );
  });

  it('429 with Retry-After once a key exceeds its rate limit', async () => {
    const fresh = await h.workspace('Limited');
    for (let i = 0; i < 5; i++)
      await request(h.app).get('/v1/partners').set(bearer(fresh.key)).expect(200);
    const res = await request(h.app).get('/v1/partners').set(bearer(fresh.key));
    expectProblem(res, 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('loadConfig', () => {
  it('rejects a bad PORT and names it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000"/);
  });

  it('accepts defaults', () => {
    expect(loadConfig({}).port).toBe(3000);
  });
});
