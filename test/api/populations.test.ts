import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { ACME_RECORDS, partnered, putRecords } from './mappingSupport';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('populations (%s)', (kind) => {
  let h: ApiHarness;
  let key: string;
  beforeAll(async () => {
    h = await harness(kind);
    key = (await partnered(h)).acme.key;
    await putRecords(h, key, ACME_RECORDS);
  });
  afterAll(() => h.ctx.close());

  it('has the four standard populations with their members from the start', async () => {
    const res = await request(h.app).get('/v1/populations').set(bearer(key));
    expect(res.status).toBe(200);
    const counts = Object.fromEntries(
      res.body.data.map((p: { name: string; recordCount: number }) => [p.name, p.recordCount]),
    );
    expect(counts).toEqual({ Customers: 2, 'Open Opportunities': 0, Prospects: 1, Leads: 1 });
  });

  it('creates, filters, renames and deletes a custom population', async () => {
    const filter = {
      any: [
        { field: 'country', op: 'eq', value: 'germany' },
        { field: 'website', op: 'contains', value: 'onlyacme' },
      ],
    };
    const created = await request(h.app)
      .post('/v1/populations')
      .set(bearer(key))
      .send({ name: 'DACH or Acme', filter });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'custom', recordCount: 2, filter });
    const patched = await request(h.app)
      .patch(`/v1/populations/${created.body.id}`)
      .set(bearer(key))
      .send({ name: 'Germany', filter: { field: 'country', op: 'eq', value: 'Germany' } });
    expect(patched.body).toMatchObject({ name: 'Germany', recordCount: 1 });
    expect(
      (await request(h.app).delete(`/v1/populations/${created.body.id}`).set(bearer(key))).status,
    ).toBe(204);
    expectProblem(
      await request(h.app).get(`/v1/populations/${created.body.id}`).set(bearer(key)),
      404,
      'population_not_found',
    );
  });

  it('names the bad node of an invalid filter', async () => {
    const res = await request(h.app)
      .post('/v1/populations')
      .set(bearer(key))
      .send({
        name: 'Bad',
        filter: {
          all: [
            { field: 'country', op: 'eq', value: 'x' },
            { field: 'salary', op: 'gt', value: 'x' },
          ],
        },
      });
    const body = expectProblem(res, 400, 'invalid_input');
    expect(JSON.stringify(body.errors)).toMatch(/salary|fields\./);
  });

  it('protects standard populations and unique names', async () => {
    const list = (await request(h.app).get('/v1/populations').set(bearer(key))).body.data;
    const customers = list.find((p: { name: string }) => p.name === 'Customers');
    expectProblem(
      await request(h.app).delete(`/v1/populations/${customers.id}`).set(bearer(key)),
      409,
      'standard_population',
    );
    expectProblem(
      await request(h.app)
        .patch(`/v1/populations/${customers.id}`)
        .set(bearer(key))
        .send({ filter: { field: 'type', op: 'eq', value: 'x' } }),
      409,
      'standard_population',
    );
    expectProblem(
      await request(h.app)
        .post('/v1/populations')
        .set(bearer(key))
        .send({ name: 'Leads', filter: { field: 'type', op: 'exists', value: true } }),
      409,
      'population_name_taken',
    );
    expectProblem(await request(h.app).get('/v1/populations'), 401, 'unauthenticated');
  });

  it('refuses writes with a read key', async () => {
    const read = await request(h.app)
      .post('/v1/api-keys')
      .set(bearer(key))
      .send({ name: 'r', scope: 'read' });
    const readKey = read.body.key ?? read.body.apiKey?.key;
    expectProblem(
      await request(h.app)
        .post('/v1/populations')
        .set(bearer(readKey))
        .send({ name: 'X', filter: { field: 'type', op: 'exists', value: true } }),
      403,
      'insufficient_scope',
    );
  });
});
