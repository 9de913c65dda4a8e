import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import { writeCalendar } from '../../api/src/planning/ics';
import { testDatabases } from '../helpers/context';
import { putOpportunities, seededPair, share, type Side } from '../api/mappingSupport';
import { bearer, expectProblem, harness, type ApiHarness } from '../api/support';

/** The planning rhythm through HTTP on a simulated clock: triage → trigger → agenda → outcome → plan vs target. */
describe.each(testDatabases())('planning API (%s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  let globex: Side;
  let clock = new Date('2026-11-24T15:00:00Z'); // Tuesday 10:00 in New York
  const api = () => request(h.app);
  const auth = () => bearer(acme.key);
  let overlapOf: Record<string, string>;
  let sessionId: string;

  beforeAll(async () => {
    h = await harness(kind);
    h.ctx.now = () => clock;
    ({ acme, globex } = await seededPair(h));
    await share(h, globex, {
      Customers: { level: 'overlaps', fields: ['ownerName'] },
      Prospects: { level: 'overlaps' },
    });
    const opp = (sourceId: string, accountSourceId: string, amount: number) => ({
      sourceId,
      accountSourceId,
      name: `Deal ${sourceId}`,
      stage: 'Prospecting',
      isClosed: false,
      isWon: false,
      amount,
      currency: 'USD',
      createdDate: '2026-11-01T00:00:00Z',
    });
    await putOpportunities(h, acme.key, [opp('O1', 'A2', 150_000), opp('O2', 'A1', 300_000)]);
    const list = await api().get('/v1/overlaps').set(auth());
    overlapOf = Object.fromEntries(
      list.body.data.map((o: { id: string; myRecord: { sourceId: string } }) => [
        o.myRecord.sourceId,
        o.id,
      ]),
    );
  });
  afterAll(() => h.ctx.close());

  it('stores the planning calendar and names a bad time zone', async () => {
    const bad = await api()
      .put('/v1/planning/settings')
      .set(auth())
      .send({ timeZone: 'Mars/Olympus' });
    expect(expectProblem(bad, 400, 'invalid_input').errors).toEqual([
      expect.objectContaining({ field: 'timeZone' }),
    ]);
    const ok = await api()
      .put('/v1/planning/settings')
      .set(auth())
      .send({ timeZone: 'America/New_York', holidays: ['2026-11-26'] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ timeZone: 'America/New_York', prepBusinessDays: 3 });
  });

  it('lists the triage queue through sharing, best score first, with reasons', async () => {
    const res = await api().get(`/v1/partners/${acme.partnerId}/triage`).set(auth());
    expect(res.status).toBe(200);
    const rows = res.body.data as Array<{
      overlap: { myRecord: { sourceId: string }; partnerRecord: Record<string, unknown> };
      score: number;
      reasons: unknown[];
    }>;
    expect(rows.map((r) => r.overlap.myRecord.sourceId)).toEqual(['A1', 'A2', 'A3']);
    expect(rows[0].reasons).toHaveLength(4);
    expect(rows[0].score).toBeGreaterThan(rows[2].score);
    expect(rows[2].overlap.partnerRecord).not.toHaveProperty('ownerName'); // Prospects: no fields shared
  });

  it('sets triage states and rejects a snooze without a date', async () => {
    const bad = await api()
      .put(`/v1/overlaps/${overlapOf.A3}/triage`)
      .set(auth())
      .send({ state: 'snoozed' });
    expect(expectProblem(bad, 400, 'invalid_input').errors?.[0].field).toBe('snoozedUntil');
    expectProblem(
      await api()
        .put('/v1/overlaps/00000000-0000-0000-0000-000000000000/triage')
        .set(auth())
        .send({ state: 'dismissed' }),
      404,
      'overlap_not_found',
    );
    const ok = await api()
      .put(`/v1/overlaps/${overlapOf.A3}/triage`)
      .set(auth())
      .send({ state: 'dismissed', note: 'not a fit' });
    expect(ok.body).toMatchObject({ state: 'dismissed', note: 'not a fit' });
    const read = await api()
      .put(`/v1/overlaps/${overlapOf.A3}/triage`)
      .set(bearer('nope'))
      .send({ state: 'new' });
    expect(read.status).toBe(401);
  });

  it('runs the triggers: enough worthwhile overlaps → a 45-minute session with a loaded agenda', async () => {
    const put = await api()
      .put(`/v1/partners/${acme.partnerId}/planning-criteria`)
      .set(auth())
      .send({ minScore: 30, batchThreshold: 2, batchMin: 2, highValueScore: 100, cadence: 'none' });
    expect(put.status).toBe(200);
    expect(put.body.criteria).toMatchObject({ minScore: 30, batchThreshold: 2, tone: 'balanced' });
    const run = await api().post('/v1/planning/triggers/run').set(auth()).send({});
    expect(run.status).toBe(200);
    expect(run.body.proposed).toHaveLength(1);
    const s = run.body.proposed[0];
    sessionId = s.id;
    expect(s).toMatchObject({
      trigger: 'batch',
      status: 'proposed',
      durationMinutes: 45,
      startsAt: '2026-11-30T15:00:00.000Z', // 3 business days on, Thanksgiving skipped
      title: 'Account planning — Globex — Blue Harbor Logistics Inc., Summit Peak Foods GmbH',
      prep: { prepLate: false },
    });
    expect(
      s.agenda.map((i: { account: { sourceId: string }; motion: string }) => [
        i.account.sourceId,
        i.motion,
      ]),
    ).toEqual([
      ['A1', 'ask'],
      ['A2', 'ask'],
    ]);
    const again = await api()
      .post('/v1/planning/triggers/run')
      .set(auth())
      .send({ partnerId: acme.partnerId });
    expect(again.body.proposed).toEqual([]); // both accounts are on a session already
  });

  it('exports the session as an ICS event that a real parser reads', async () => {
    const res = await api().get(`/v1/planning-sessions/${sessionId}.ics`).set(auth());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/calendar/);
    const [v] = Object.values(ical.sync.parseICS(res.text)).filter(
      (c) => c?.type === 'VEVENT',
    ) as VEvent[];
    expect(String(v.summary)).toBe(
      'Account planning — Globex — Blue Harbor Logistics Inc., Summit Peak Foods GmbH',
    );
    expect(new Date(v.start).toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(String(v.description)).toContain('1. Blue Harbor Logistics Inc. — ask');
    expect(res.text).not.toContain('felix@globex.example');
  });

  it('turns an outcome into a touch that attribution counts, once', async () => {
    await api()
      .patch(`/v1/planning-sessions/${sessionId}`)
      .set(auth())
      .send({ status: 'scheduled', recordingUrl: 'https://rec.example/1' })
      .expect(200);
    const session = (await api().get(`/v1/planning-sessions/${sessionId}`).set(auth())).body;
    const item = session.agenda.find(
      (i: { account: { sourceId: string } }) => i.account.sourceId === 'A1',
    );
    const path = `/v1/planning-sessions/${sessionId}/agenda-items/${item.id}`;
    expect(
      expectProblem(
        await api().patch(path).set(auth()).send({ outcome: 'pipeline_created' }),
        400,
        'invalid_input',
      ).errors?.[0].field,
    ).toBe('opportunitySourceId');
    expectProblem(
      await api()
        .patch(path)
        .set(auth())
        .send({ outcome: 'pipeline_created', opportunitySourceId: 'O1' }),
      400,
      'invalid_input',
    ); // O1 is on A2
    const ok = await api()
      .patch(path)
      .set(auth())
      .send({ outcome: 'pipeline_created', opportunitySourceId: 'O2', followUpOn: '2026-12-07' });
    expect(ok.status).toBe(200);
    expect(ok.body.touch).toMatchObject({
      type: 'co_sell_meeting',
      source: 'planning',
      accountSourceId: 'A1',
      opportunitySourceId: 'O2',
    });
    await api()
      .patch(path)
      .set(auth())
      .send({ outcome: 'pipeline_created', opportunitySourceId: 'O2' })
      .expect(200);
    const touches = await h.ctx.db('touches').where({ workspace_id: acme.id, source: 'planning' });
    expect(touches).toHaveLength(1);
    const opp = await api().get('/v1/opportunities/O2/partners').set(auth());
    const attribution = opp.body.attributions.find(
      (a: { partner: { id: string } }) => a.partner.id === acme.partnerId,
    );
    expect(attribution).toBeDefined();
    expect(attribution.touches.map((t: { id: string }) => t.id)).toContain(ok.body.touch.id);
  });

  it('shows plan versus target and saturation, as JSON and CSV', async () => {
    const bad = await api()
      .put('/v1/planning/targets')
      .set(auth())
      .send({ items: [{ partnerId: 'nope', quarter: '2026-Q4', target: 5 }] });
    expect(expectProblem(bad, 400, 'invalid_input').errors?.[0]).toMatchObject({
      index: 0,
      field: 'partnerId',
    });
    await api()
      .put('/v1/planning/targets')
      .set(auth())
      .send({ items: [{ partnerId: acme.partnerId, quarter: '2026-Q4', target: 300 }] })
      .expect(200);
    const plan = await api().get('/v1/planning/plan-vs-target').set(auth());
    expect(plan.body.quarter).toBe('2026-Q4');
    expect(plan.body.data).toEqual([
      expect.objectContaining({
        partner: { id: acme.partnerId, name: 'Globex' },
        target: 300,
        planned: 2,
        gap: 298,
      }),
    ]);
    const csv = await api().get('/v1/planning/plan-vs-target.csv').set(auth());
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[1]).toBe(`${acme.partnerId},Globex,2026-Q4,300,2,298,0.007`);
    const sat = await api().get(`/v1/partners/${acme.partnerId}/saturation`).set(auth());
    expect(sat.body).toMatchObject({ worthwhile: 2, planned: 2, unplanned: 0, saturation: 1 });
  });

  it('imports sessions held outside Overlap by the naming convention, once', async () => {
    const cal = writeCalendar([
      {
        uid: 'ext-1@cal',
        summary: 'Account planning — Globex — COBALT RIVER ANALYTICS, Nobody Corp',
        start: new Date('2026-11-20T15:00:00Z'),
        end: new Date('2026-11-20T15:30:00Z'),
        dtstamp: clock,
      },
      {
        uid: 'ext-2@cal',
        summary: 'Lunch',
        start: new Date('2026-11-20T17:00:00Z'),
        end: new Date('2026-11-20T18:00:00Z'),
        dtstamp: clock,
      },
    ]);
    const wrongType = await api()
      .post('/v1/planning-sessions/import')
      .set(auth())
      .set('content-type', 'application/json')
      .send({});
    expect(wrongType.status).toBe(415);
    const res = await api()
      .post('/v1/planning-sessions/import')
      .set(auth())
      .set('content-type', 'text/calendar')
      .send(cal);
    expect(res.status).toBe(200);
    expect(res.body.imported).toEqual([
      expect.objectContaining({
        uid: 'ext-1@cal',
        accounts: ['Cobalt River Analytics Ltd'],
        unmatched: ['Nobody Corp'],
      }),
    ]);
    expect(res.body.skipped).toEqual([
      expect.objectContaining({ uid: 'ext-2@cal', line: expect.any(Number) }),
    ]);
    const again = await api()
      .post('/v1/planning-sessions/import')
      .set(auth())
      .set('content-type', 'text/calendar')
      .send(cal);
    expect(again.body).toMatchObject({ imported: [], existing: [{ uid: 'ext-1@cal' }] });
    const plan = await api().get('/v1/planning/plan-vs-target?quarter=2026-Q4').set(auth());
    expect(plan.body.data[0]).toMatchObject({ planned: 3, gap: 297 });
  });

  it('flags late prep on a session set up too close', async () => {
    const res = await api()
      .post('/v1/planning-sessions')
      .set(auth())
      .send({
        partnerId: acme.partnerId,
        startsAt: '2026-11-27T15:00:00Z',
        durationMinutes: 15,
        shape: 'account_owner',
        agenda: [{ overlapId: overlapOf.A2 }, { overlapId: 'missing' }],
      });
    expect(res.status).toBe(201);
    expect(res.body.prep).toMatchObject({ prepLate: true, deadline: '2026-11-23' });
    expect(res.body.errors).toEqual([{ index: 1, field: 'overlapId', reason: expect.any(String) }]);
  });

  it('tracks plays and comms, and the digest flags overdue plays and quiet personas', async () => {
    const play = await api().post(`/v1/partners/${acme.partnerId}/plays`).set(auth()).send({
      kind: 'webinar',
      title: 'Co-branded webinar',
      theirOwner: 'Dev Patel',
      sender: 'Ana Ruiz',
      shipDate: '2026-11-20',
    });
    expect(play.status).toBe(201);
    expect(play.body).toMatchObject({ status: 'planned', overdue: true });
    const loose = await api()
      .post(`/v1/partners/${acme.partnerId}/comms`)
      .set(auth())
      .send({ persona: 'AE', purpose: 'expansion', channel: 'email' });
    expect(expectProblem(loose, 400, 'invalid_input').errors?.[0].field).toBe('accountSourceIds');
    await api()
      .post(`/v1/partners/${acme.partnerId}/comms`)
      .set(auth())
      .send({
        persona: 'Globex AE West',
        purpose: 'prospecting',
        channel: 'call',
        occurredAt: '2026-09-01T10:00:00Z',
        accountSourceIds: ['A1'],
      })
      .expect(201);
    const cadence = await api().get(`/v1/partners/${acme.partnerId}/cadence`).set(auth());
    expect(cadence.body.data).toEqual([
      expect.objectContaining({
        persona: 'Globex AE West',
        quiet: true,
        purposes: ['prospecting'],
      }),
    ]);
    const digest = await api().get(`/v1/partners/${acme.partnerId}/digest`).set(auth());
    expect(digest.body).toMatchObject({
      event: 'planning.digest',
      week: '2026-W48',
      overduePlays: [expect.objectContaining({ title: 'Co-branded webinar' })],
      quietPersonas: [expect.objectContaining({ persona: 'Globex AE West' })],
    });
    expect(digest.body.nextSession).not.toBeNull();
    expect(JSON.stringify(digest.body)).not.toMatch(/felix|Felix Braun|globexalone/);
  });

  it('keeps read keys to reads and hides other workspaces', async () => {
    const other = await h.workspace('Initech');
    expectProblem(
      await api().get(`/v1/planning-sessions/${sessionId}`).set(bearer(other.key)),
      404,
      'planning_session_not_found',
    );
    expect(
      (await api().get(`/v1/partners/${acme.partnerId}/triage`).set(bearer(other.key))).status,
    ).toBe(404);
    expect(globex.partnerId).not.toBe(acme.partnerId);
    clock = new Date('2026-11-24T15:00:00Z');
  });
});
