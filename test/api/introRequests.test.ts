import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { seededPair, share, type Side } from './mappingSupport';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('intro requests (%s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  let globex: Side;
  let overlapId: string;
  beforeAll(async () => {
    h = await harness(kind);
    ({ acme, globex } = await seededPair(h));
    await share(h, globex, { Customers: { level: 'overlaps', fields: ['ownerName'] } });
    const list = await request(h.app).get('/v1/overlaps?recordId=A1').set(bearer(acme.key));
    overlapId = list.body.data[0].id;
  });
  afterAll(() => h.ctx.close());

  it('renders a template, is seen by the partner, and walks the status with history and touches', async () => {
    // An open opportunity on the account: the intro made while it is open makes Globex an influencer.
    await request(h.app)
      .put('/v1/opportunities')
      .set(bearer(acme.key))
      .send({
        items: [
          {
            sourceId: 'O1',
            accountSourceId: 'A1',
            name: 'Blue Harbor — Platform',
            stage: 'Prospecting',
            isClosed: false,
            isWon: false,
            amount: 50000,
            currency: 'USD',
            createdDate: '2020-01-01T00:00:00.000Z',
          },
        ],
      })
      .expect(200);
    const created = await request(h.app)
      .post(`/v1/overlaps/${overlapId}/intro-requests`)
      .set(bearer(acme.key))
      .send({
        template: 'Hi {owner}, could {partner} intro us to {account} ({population})?',
        requesterName: 'Ana Ruiz',
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      direction: 'sent',
      status: 'requested',
      message: 'Hi Dev Patel, could Globex intro us to Blue Harbor Logistics Inc. (Customers)?',
      account: { sourceId: 'A1' },
    });
    const id = created.body.id;
    const received = await request(h.app)
      .get('/v1/intro-requests?direction=received')
      .set(bearer(globex.key));
    expect(received.body.data).toHaveLength(1);
    expect(received.body.data[0]).toMatchObject({
      id,
      direction: 'received',
      account: { sourceId: 'G1' },
      partner: { id: globex.partnerId },
    });

    expectProblem(
      await request(h.app)
        .patch(`/v1/intro-requests/${id}`)
        .set(bearer(acme.key))
        .send({ status: 'accepted' }),
      403,
      'not_receiver',
    );
    expectProblem(
      await request(h.app)
        .patch(`/v1/intro-requests/${id}`)
        .set(bearer(globex.key))
        .send({ status: 'intro_made' }),
      409,
      'invalid_transition',
    );
    expect(
      (
        await request(h.app)
          .patch(`/v1/intro-requests/${id}`)
          .set(bearer(globex.key))
          .send({ status: 'accepted' })
      ).status,
    ).toBe(200);
    const made = await request(h.app)
      .patch(`/v1/intro-requests/${id}`)
      .set(bearer(globex.key))
      .send({ status: 'intro_made', actorName: 'Dev' });
    expect(made.body.history.map((e: { status: string }) => e.status)).toEqual([
      'requested',
      'accepted',
      'intro_made',
    ]);
    const touches = await h.ctx.db('touches').where({ workspace_id: acme.id }).orderBy('type');
    expect(touches.map((t) => [t.type, t.account_source_id, t.ref])).toEqual([
      ['intro_accepted', 'A1', `${id}:accepted`],
      ['intro_made', 'A1', `${id}:intro_made`],
      ['intro_requested', 'A1', `${id}:requested`],
    ]);
    const attributions = await request(h.app)
      .get('/v1/attributions?opportunity=O1')
      .set(bearer(acme.key))
      .expect(200);
    // The intro touches were recorded and attribution recomputed with them as evidence.
    expect(attributions.body.data).toHaveLength(1);
    const [attribution] = attributions.body.data;
    expect(attribution).toMatchObject({
      type: 'influenced',
      amount: 50000,
      partnerId: acme.partnerId,
    });
    const steps = attribution.explanation.steps.map((st: { type: string }) => st.type);
    expect(steps).toEqual(expect.arrayContaining(['intro_requested', 'intro_made']));
    expect(steps).not.toContain('intro_accepted'); // recorded, but not influence by default
    const sent = await request(h.app)
      .get('/v1/intro-requests?direction=sent')
      .set(bearer(acme.key));
    expect(sent.body.data[0]).toMatchObject({ id, status: 'intro_made' });
  });

  it('rejects bad bodies, hidden overlaps and strangers', async () => {
    expectProblem(
      await request(h.app)
        .post(`/v1/overlaps/${overlapId}/intro-requests`)
        .set(bearer(acme.key))
        .send({}),
      400,
      'invalid_input',
    );
    expectProblem(
      await request(h.app)
        .post(`/v1/overlaps/${overlapId}/intro-requests`)
        .set(bearer(acme.key))
        .send({ template: 'Hi {boss}' }),
      400,
      'invalid_input',
    );
    const a3 = await h.ctx.db('records').where({ workspace_id: acme.id, source_id: 'A3' }).first();
    const hidden = await h.ctx
      .db('overlaps')
      .where({ workspace_id: acme.id, record_id: a3.id })
      .first();
    expectProblem(
      await request(h.app)
        .post(`/v1/overlaps/${hidden.id}/intro-requests`)
        .set(bearer(acme.key))
        .send({ message: 'x' }),
      404,
      'overlap_not_found',
    );
    const stranger = await h.workspace('Stranger');
    const [intro] = (await request(h.app).get('/v1/intro-requests').set(bearer(acme.key))).body
      .data;
    expectProblem(
      await request(h.app).get(`/v1/intro-requests/${intro.id}`).set(bearer(stranger.key)),
      404,
      'intro_request_not_found',
    );
    expectProblem(
      await request(h.app).get('/v1/intro-requests?direction=sideways').set(bearer(acme.key)),
      400,
      'invalid_input',
    );
    expectProblem(await request(h.app).get('/v1/intro-requests'), 401, 'unauthenticated');
  });
});
