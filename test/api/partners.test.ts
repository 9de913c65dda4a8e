import request from 'supertest';
import { testDatabases } from '../helpers/context';
import { bearer, expectProblem, harness, type ApiHarness } from './support';

describe.each(testDatabases())('partners and invites (%s)', (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await harness(kind);
  });
  afterAll(() => h.ctx.close());

  async function invite(key: string, name = 'Globex') {
    const res = await request(h.app)
      .post('/v1/partners')
      .set(bearer(key))
      .send({ kind: 'workspace', name });
    expect(res.status).toBe(201);
    return res.body as { partner: { id: string; status: string }; inviteToken: string };
  }

  it('invites, accepts (both rows active), lists, gets, and ends both directions', async () => {
    const acme = await h.workspace('Acme');
    const globex = await h.workspace('Globex Data');
    const inv = await invite(acme.key);
    expect(inv.partner.status).toBe('invited');
    expect(inv.inviteToken).toMatch(/^ovi_/);
    const stored = await h.ctx.db('partners').where({ id: inv.partner.id }).first();
    expect(stored.invite_token_hash).toHaveLength(64);
    expect(JSON.stringify(stored)).not.toContain(inv.inviteToken);

    const acc = await request(h.app)
      .post(`/v1/partner-invites/${inv.inviteToken}/accept`)
      .set(bearer(globex.key));
    expect(acc.status).toBe(200);
    expect(acc.body.partner).toMatchObject({ name: 'Acme', kind: 'workspace', status: 'active' });

    const mine = await request(h.app).get(`/v1/partners/${inv.partner.id}`).set(bearer(acme.key));
    expect(mine.body).toMatchObject({ name: 'Globex Data', status: 'active', endedAt: null });
    const list = await request(h.app).get('/v1/partners').set(bearer(globex.key));
    expect(list.body.data.map((p: { id: string }) => p.id)).toEqual([acc.body.partner.id]);

    // Something shared on both sides, to see it go.
    const pop = await h.ctx.db('populations').where({ workspace_id: acme.id }).first();
    await h.ctx.db('sharing_rules').insert({
      id: 'rule-1',
      workspace_id: acme.id,
      partner_id: inv.partner.id,
      population_id: pop.id,
      level: 'overlaps',
      fields: '[]',
      updated_at: new Date().toISOString(),
    });
    const ended = await request(h.app)
      .delete(`/v1/partners/${inv.partner.id}`)
      .set(bearer(acme.key));
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endedAt: expect.any(String) });
    const theirs = await request(h.app)
      .get(`/v1/partners/${acc.body.partner.id}`)
      .set(bearer(globex.key));
    expect(theirs.body.status).toBe('ended');
    expect(await h.ctx.db('sharing_rules').where({ partner_id: inv.partner.id })).toHaveLength(0);
    const events = await h.ctx
      .db('outbox')
      .where({ topic: 'partner.ended' })
      .whereIn('workspace_id', [acme.id, globex.id]);
    expect(events).toHaveLength(2);
  });

  it('answers 409 for self-invites, reused and ended invites; 404 for unknown tokens', async () => {
    const a = await h.workspace('Inviter');
    const b = await h.workspace('Invitee');
    const c = await h.workspace('Latecomer');
    const inv = await invite(a.key);
    const accept = (token: string, key: string) =>
      request(h.app).post(`/v1/partner-invites/${token}/accept`).set(bearer(key));
    expectProblem(await accept(inv.inviteToken, a.key), 409, 'self_invite');
    expect((await accept(inv.inviteToken, b.key)).status).toBe(200);
    expectProblem(await accept(inv.inviteToken, c.key), 409, 'invite_used');

    const withdrawn = await invite(a.key, 'Someone');
    await request(h.app).delete(`/v1/partners/${withdrawn.partner.id}`).set(bearer(a.key));
    expectProblem(await accept(withdrawn.inviteToken, c.key), 409, 'invite_ended');

    const again = await invite(a.key, 'Invitee again');
    expectProblem(await accept(again.inviteToken, b.key), 409, 'already_partners');

    expectProblem(await accept(`ovi_${'x'.repeat(43)}`, c.key), 404, 'invite_not_found');
    const bad = expectProblem(await accept('nope', c.key), 400, 'invalid_input');
    expect(bad.errors?.[0].field).toBe('token');
  });

  it('creates a managed partner in a hidden keyless workspace; ending it deletes its records', async () => {
    const owner = await h.workspace('Owner');
    const res = await request(h.app)
      .post('/v1/partners')
      .set(bearer(owner.key))
      .send({ kind: 'managed', name: 'Emailed CSV Co' });
    expect(res.status).toBe(201);
    expect(res.body.partner).toMatchObject({ kind: 'managed', status: 'active' });
    expect(res.body.inviteToken).toBeUndefined();
    const row = await h.ctx.db('partners').where({ id: res.body.partner.id }).first();
    const hidden = await h.ctx.db('workspaces').where({ id: row.partner_workspace_id }).first();
    expect(JSON.parse(hidden.settings)).toEqual({ managedBy: owner.id });
    expect(await h.ctx.db('api_keys').where({ workspace_id: hidden.id })).toHaveLength(0);

    const put = await request(h.app)
      .put(`/v1/partners/${res.body.partner.id}/records`)
      .set(bearer(owner.key))
      .send({ items: [{ sourceId: 'm1', name: 'Managed One' }] });
    expect(put.body).toMatchObject({ accepted: 1, inserted: 1 });
    expect(await h.ctx.db('records').where({ workspace_id: hidden.id })).toHaveLength(1);

    await request(h.app)
      .delete(`/v1/partners/${res.body.partner.id}`)
      .set(bearer(owner.key))
      .expect(200);
    expect(await h.ctx.db('records').where({ workspace_id: hidden.id })).toHaveLength(0);
    expectProblem(
      await request(h.app)
        .get(`/v1/partners/${res.body.partner.id}/records`)
        .set(bearer(owner.key)),
      409,
      'partner_ended',
    );
  });

  it('validates, 404s unknown partners and hides other workspaces’ partners', async () => {
    const a = await h.workspace('Validator');
    const b = await h.workspace('Other');
    const body = expectProblem(
      await request(h.app).post('/v1/partners').set(bearer(a.key)).send({ kind: 'friend' }),
      400,
      'invalid_input',
    );
    expect(body.errors?.map((e) => e.field).sort()).toEqual(['kind', 'name']);
    const inv = await invite(a.key);
    expectProblem(
      await request(h.app).get(`/v1/partners/${inv.partner.id}`).set(bearer(b.key)),
      404,
      'partner_not_found',
    );
    expectProblem(
      await request(h.app).delete('/v1/partners/nope').set(bearer(a.key)),
      404,
      'partner_not_found',
    );
  });
});
