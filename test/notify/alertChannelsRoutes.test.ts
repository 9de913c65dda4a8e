import request from 'supertest';
import { createApp } from '../../api/src/app';
import { createWorkspace, issueApiKey } from '../../api/src/mapping/workspaces';
import { createTestContext, testDatabases, type TestContext } from '../helpers/context';

describe.each(testDatabases())('/v1/alert-channels (%s)', (kind) => {
  let ctx: TestContext;
  let admin: string;
  let reader: string;
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    ctx = await createTestContext(kind);
    const ws = await createWorkspace(ctx.db, 'Acme');
    admin = (await issueApiKey(ctx.db, ws.id, 'a', 'admin')).key;
    reader = (await issueApiKey(ctx.db, ws.id, 'r', 'read')).key;
    app = createApp(ctx);
  });
  afterEach(() => ctx.close());
  const auth = (k: string) => ({ Authorization: `Bearer ${k}` });

  it('creates a signed webhook, shows its secret once, and never lists the URL or secret', async () => {
    const created = await request(app)
      .post('/v1/alert-channels')
      .set(auth(admin))
      .send({
        kind: 'webhook',
        name: 'CRM hook',
        url: 'https://hooks.example.com/overlap?token=abc',
      })
      .expect(201);
    expect(created.body.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.body).toMatchObject({
      urlHint: 'https://hooks.example.com/…',
      enabled: true,
      partnerId: null,
    });
    const list = await request(app).get('/v1/alert-channels').set(auth(reader)).expect(200);
    expect(list.body.data).toHaveLength(1);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain('token=abc');
    expect(text).not.toContain(created.body.secret);
    const stored = await ctx.db('alert_channels').first();
    expect(stored.target).not.toContain('token=abc'); // encrypted at rest
  });

  it('rejects plain http to other hosts, unknown partners, and writes with a read key', async () => {
    const bad = await request(app)
      .post('/v1/alert-channels')
      .set(auth(admin))
      .send({ kind: 'slack', name: 's', url: 'http://hooks.slack.com/x' })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.errors[0]).toMatchObject({ field: 'url' });
    const unknown = await request(app)
      .post('/v1/alert-channels')
      .set(auth(admin))
      .send({ kind: 'slack', name: 's', url: 'https://hooks.slack.com/x', partnerId: 'nope' })
      .expect(404);
    expect(unknown.body.code).toBe('partner_not_found');
    await request(app)
      .post('/v1/alert-channels')
      .set(auth(reader))
      .send({ kind: 'slack', name: 's', url: 'https://hooks.slack.com/x' })
      .expect(403);
  });

  it('re-enables a switched-off channel and deletes it', async () => {
    const { body } = await request(app)
      .post('/v1/alert-channels')
      .set(auth(admin))
      .send({ kind: 'slack', name: 's', url: 'https://hooks.slack.com/services/T/B/x' })
      .expect(201);
    await ctx
      .db('alert_channels')
      .where({ id: body.id })
      .update({ enabled: false, disabled_reason: 'HTTP 404', consecutive_failures: 10 });
    const patched = await request(app)
      .patch(`/v1/alert-channels/${body.id}`)
      .set(auth(admin))
      .send({ enabled: true })
      .expect(200);
    expect(patched.body).toMatchObject({
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
    });
    await request(app)
      .get(`/v1/alert-channels/${body.id}/deliveries`)
      .set(auth(admin))
      .expect(200, { data: [], nextCursor: null });
    await request(app).delete(`/v1/alert-channels/${body.id}`).set(auth(admin)).expect(204);
    await request(app).delete(`/v1/alert-channels/${body.id}`).set(auth(admin)).expect(404);
  });
});
