import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('/v1/api-keys (%s)', (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await harness(kind);
  });
  afterAll(() => h.ctx.close());

  it('issues, lists (without the key) and revokes keys', async () => {
    const ws = await h.workspace('Keys Inc');
    const created = await request(h.app)
      .post('/v1/api-keys')
      .set(bearer(ws.key))
      .send({ name: 'reporting', scope: 'read' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'reporting', scope: 'read' });
    const readKey: string = created.body.key;

    const list = await request(h.app).get('/v1/api-keys').set(bearer(readKey));
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    for (const k of list.body.data) {
      expect(Object.keys(k).sort()).toEqual([
        'createdAt',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
        'scope',
      ]);
      expect(readKey.startsWith(`ovl_${k.prefix}`) || k.scope === 'admin').toBe(true);
    }
    expect(JSON.stringify(list.body)).not.toContain(readKey);

    const del = await request(h.app).delete(`/v1/api-keys/${created.body.id}`).set(bearer(ws.key));
    expect(del.status).toBe(204);
    expectProblem(
      await request(h.app).get('/v1/api-keys').set(bearer(readKey)),
      401,
      'unauthenticated',
    );
    expectProblem(
      await request(h.app).delete(`/v1/api-keys/${created.body.id}`).set(bearer(ws.key)),
      404,
      'api_key_not_found',
    );
  });

  it('forbids writes with a read key (403)', async () => {
    const ws = await h.workspace('Readers');
    const read = await request(h.app).post('/v1/api-keys').set(bearer(ws.key)).send({ name: 'r' });
    expect(read.body.scope).toBe('read');
    expectProblem(
      await request(h.app).post('/v1/api-keys').set(bearer(read.body.key)).send({ name: 'x' }),
      403,
      'insufficient_scope',
    );
  });

  it('refuses to revoke the calling key when it is the last admin key (409), allows it otherwise', async () => {
    const ws = await h.workspace('Lonely');
    const mine = await request(h.app).get('/v1/api-keys').set(bearer(ws.key));
    const myId = mine.body.data[0].id;
    const body = expectProblem(
      await request(h.app).delete(`/v1/api-keys/${myId}`).set(bearer(ws.key)),
      409,
      'last_admin_key',
    );
    expect(body).toMatchObject({ detail: expect.stringContaining('last admin key') });

    const second = await request(h.app)
      .post('/v1/api-keys')
      .set(bearer(ws.key))
      .send({ name: 'second', scope: 'admin' });
    expect((await request(h.app).delete(`/v1/api-keys/${myId}`).set(bearer(ws.key))).status).toBe(
      204,
    );
    expect(
      (await request(h.app).get('/v1/api-keys').set(bearer(second.body.key))).body.data,
    ).toHaveLength(1);
  });

  it("cannot see or revoke another workspace's key (404)", async () => {
    const a = await h.workspace('A');
    const b = await h.workspace('B');
    const bKeys = await request(h.app).get('/v1/api-keys').set(bearer(b.key));
    expectProblem(
      await request(h.app).delete(`/v1/api-keys/${bKeys.body.data[0].id}`).set(bearer(a.key)),
      404,
      'api_key_not_found',
    );
  });

  it('validates scope', async () => {
    const ws = await h.workspace('Scopes');
    const body = expectProblem(
      await request(h.app)
        .post('/v1/api-keys')
        .set(bearer(ws.key))
        .send({ name: 'x', scope: 'root' }),
      400,
      'invalid_input',
    );
    expect(body.errors?.[0].field).toBe('scope');
  });
});
