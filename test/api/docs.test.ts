import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { harness, type ApiHarness } from './support';

describe.each(testDatabases())('/docs (%s)', (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await harness(kind);
  });
  afterAll(() => h.ctx.close());

  it('serves Swagger UI from local assets with a same-origin CSP, pointed at /openapi.json', async () => {
    const page = await request(h.app).get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('/docs/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

    const init = await request(h.app).get('/docs/init.js');
    expect(init.text).toContain("url: '/openapi.json'");
    const bundle = await request(h.app).get('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect((await request(h.app).get('/docs/swagger-ui.css')).status).toBe(200);
  });

  it('404s unknown docs assets as problem+json', async () => {
    const res = await request(h.app).get('/docs/nope.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
