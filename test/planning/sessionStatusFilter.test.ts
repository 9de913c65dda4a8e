import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { partnered, type Side } from '../api/mappingSupport';
import { bearer, expectProblem, harness, type ApiHarness } from '../api/support';

/** `GET /v1/planning-sessions?status=` takes one status or a comma-separated list. */
describe.each(testDatabases())('planning sessions status filter (%s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  const ids: Record<string, string> = {};
  const list = (query: string) =>
    request(h.app).get(`/v1/planning-sessions?${query}`).set(bearer(acme.key));

  beforeAll(async () => {
    h = await harness(kind);
    h.ctx.now = () => new Date('2026-11-24T15:00:00Z');
    ({ acme } = await partnered(h));
    // earliest first: the cancelled and held sessions come before the ones still ahead
    const plan: Array<[string, string, string]> = [
      ['cancelled', 'scheduled', '2026-12-01T15:00:00Z'],
      ['held', 'scheduled', '2026-12-02T15:00:00Z'],
      ['proposed', 'proposed', '2026-12-03T15:00:00Z'],
      ['scheduled', 'scheduled', '2026-12-04T15:00:00Z'],
    ];
    for (const [name, status, startsAt] of plan) {
      const res = await request(h.app)
        .post('/v1/planning-sessions')
        .set(bearer(acme.key))
        .send({ partnerId: acme.partnerId, startsAt, status });
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
      if (name === 'cancelled' || name === 'held') {
        await request(h.app)
          .patch(`/v1/planning-sessions/${res.body.id}`)
          .set(bearer(acme.key))
          .send({ status: name })
          .expect(200);
      }
    }
  });
  afterAll(() => h.ctx.close());

  const idsOf = (body: { data: Array<{ id: string }> }) => body.data.map((s) => s.id);

  it('lists every status without a filter and one status with a single value', async () => {
    const all = await list(`partnerId=${acme.partnerId}`);
    expect(all.status).toBe(200);
    expect(idsOf(all.body)).toEqual([ids.cancelled, ids.held, ids.proposed, ids.scheduled]);
    expect(idsOf((await list('status=held')).body)).toEqual([ids.held]);
  });

  it('matches any status of a comma-separated list, so the next open session skips cancelled ones', async () => {
    const open = await list('status=proposed,scheduled');
    expect(open.status).toBe(200);
    expect(idsOf(open.body)).toEqual([ids.proposed, ids.scheduled]);
    const next = await list(
      `partnerId=${acme.partnerId}&from=2026-11-24T15:00:00Z&limit=1&status=proposed,scheduled`,
    );
    expect(idsOf(next.body)).toEqual([ids.proposed]);
    expect(next.body.data[0].status).toBe('proposed');
  });

  it('names an unknown status in a list and lists nothing', async () => {
    const bad = await list('status=scheduled,done');
    const problem = expectProblem(bad, 400, 'invalid_input');
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'status', reason: expect.stringContaining('"done"') }),
    ]);
  });
});
