import request from 'supertest';
import { readDb } from '../../api/src/db/knex';
import { recordOverlaps } from '../../api/src/mapping/overlaps';
import { testDatabases, type DbKind } from '../helpers/context';
import { populationIds, seededPair, share, type Side } from './mappingSupport';
import { bearer, fileHarness, harness, type ApiHarness } from './support';

/**
 * The Account page caches sharing's inputs (policyCache.ts). Every write below happens straight
 * in the database, as another process or a future writer would do it, right after a read that
 * filled the cache: the next read must see it.
 */
const kinds: Array<DbKind | 'sqlite-file'> = [...testDatabases(), 'sqlite-file'];

describe.each(kinds)('sharing cache invalidation (%s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  let globex: Side;
  const a1 = async () => {
    const res = await request(h.app).get('/v1/records/A1/overlaps').set(bearer(acme.key));
    expect(res.status).toBe(200);
    return res.body.overlaps as Array<{
      partnerRecord: Record<string, unknown>;
      partnerPopulations: string[];
      myPopulations: string[];
    }>;
  };
  const globexRules = () => h.ctx.db('sharing_rules').where('partner_id', globex.partnerId);

  beforeAll(async () => {
    h = kind === 'sqlite-file' ? await fileHarness() : await harness(kind);
    ({ acme, globex } = await seededPair(h));
    // the file database really reads through its own pool; the others read through `db`
    expect(readDb(h.ctx.db) !== h.ctx.db).toBe(kind === 'sqlite-file');
  });
  beforeEach(() => share(h, globex, { Customers: { level: 'overlaps', fields: ['website'] } }));
  afterAll(() => h.ctx.close());

  it('sees a rule change made outside the API on the next read', async () => {
    expect((await a1())[0].partnerRecord).toEqual({
      name: 'BLUE HARBOR LOGISTICS',
      website: 'blueharbor.com',
    });
    await globexRules().update({ fields: JSON.stringify(['ownerName']) });
    expect((await a1())[0].partnerRecord).toEqual({
      name: 'BLUE HARBOR LOGISTICS',
      ownerName: expect.any(String),
    });
    await globexRules().delete();
    expect(await a1()).toEqual([]);
  });

  it('sees population renames on both sides and a partnership that is no longer active', async () => {
    const [before] = await a1();
    expect(before.partnerPopulations).toEqual(['Customers']);
    const theirs = await populationIds(h, globex.key);
    await h.ctx.db('populations').where('id', theirs.Customers).update({ name: 'Clients' });
    const mine = await populationIds(h, acme.key);
    const myName = before.myPopulations[0];
    await h.ctx
      .db('populations')
      .where('id', mine[myName])
      .update({ name: `${myName} (ours)` });
    const [after] = await a1();
    expect(after.partnerPopulations).toEqual(['Clients']);
    expect(after.myPopulations).toContain(`${myName} (ours)`);
    await h.ctx.db('populations').where('id', theirs.Customers).update({ name: 'Customers' });
    await h.ctx.db('populations').where('id', mine[myName]).update({ name: myName });

    await h.ctx.db('partners').where('id', acme.partnerId).update({ status: 'ended' });
    expect(await a1()).toEqual([]);
    await h.ctx.db('partners').where('id', acme.partnerId).update({ status: 'active' });
    expect(await a1()).toHaveLength(1);
  });

  it('refuses a revoked key on the very next request', async () => {
    const made = await request(h.app)
      .post('/v1/api-keys')
      .set(bearer(acme.key))
      .send({ name: 'page', scope: 'read' });
    expect(made.status).toBe(201);
    const page = () => request(h.app).get('/v1/records/A1/overlaps').set(bearer(made.body.key));
    expect((await page()).status).toBe(200);
    const del = await request(h.app).delete(`/v1/api-keys/${made.body.id}`).set(bearer(acme.key));
    expect(del.status).toBe(204);
    expect((await page()).status).toBe(401);
  });

  it('keeps a transaction’s uncommitted sharing out of the cache', async () => {
    expect((await a1())[0].partnerRecord.website).toBe('blueharbor.com');
    await h.ctx.db
      .transaction(async (trx) => {
        await trx('sharing_rules').where('partner_id', globex.partnerId).delete();
        expect((await recordOverlaps(trx, acme.id, 'A1')).overlaps).toEqual([]);
        throw new Error('roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back'));
    expect((await a1())[0].partnerRecord.website).toBe('blueharbor.com');
  });
});
