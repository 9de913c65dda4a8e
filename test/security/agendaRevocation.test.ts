import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { seededPair, share, type Side } from '../api/mappingSupport';
import { bearer, harness, type ApiHarness } from '../api/support';

/**
 * An agenda item keeps the partner's populations it was built with; once the partner hides that
 * population (or the partnership ends) the session, its agenda and its ICS export must stop naming it.
 */
describe.each(testDatabases())('agendas follow revoked sharing (%s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  let globex: Side;
  let sessionId: string;
  const api = () => request(h.app);

  beforeEach(async () => {
    h = await harness(kind);
    ({ acme, globex } = await seededPair(h));
    await share(h, globex, { Customers: { level: 'overlaps' } });
    const list = await api().get('/v1/overlaps').set(bearer(acme.key)).expect(200);
    const shown = list.body.data.find((o: { partnerPopulations: string[] }) =>
      o.partnerPopulations.includes('Customers'),
    );
    expect(shown).toBeDefined();
    const created = await api()
      .post('/v1/planning-sessions')
      .set(bearer(acme.key))
      .send({
        partnerId: acme.partnerId,
        startsAt: '2030-01-15T15:00:00Z',
        agenda: [{ overlapId: shown.id }],
      })
      .expect(201);
    sessionId = created.body.id;
    expect(created.body.agenda[0].partnerPopulations).toEqual(['Customers']);
  });
  afterEach(() => h.ctx.close());

  async function expectNoPartnerPopulations() {
    const s = await api()
      .get(`/v1/planning-sessions/${sessionId}`)
      .set(bearer(acme.key))
      .expect(200);
    expect(s.body.agenda[0].partnerPopulations).toEqual([]);
    const all = await api().get('/v1/planning-sessions').set(bearer(acme.key)).expect(200);
    expect(all.body.data[0].agenda[0].partnerPopulations).toEqual([]);
    const ics = await api()
      .get(`/v1/planning-sessions/${sessionId}.ics`)
      .set(bearer(acme.key))
      .expect(200);
    expect(ics.text).not.toMatch(/Customers/);
  }

  it('when the partner hides the population', async () => {
    await share(h, globex, { Customers: { level: 'counts' } });
    await expectNoPartnerPopulations();
  });

  it('when the partnership ends', async () => {
    await api().delete(`/v1/partners/${globex.partnerId}`).set(bearer(globex.key)).expect(200);
    await expectNoPartnerPopulations();
  });
});
