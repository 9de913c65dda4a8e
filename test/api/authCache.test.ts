import request from 'supertest';
import { AuthCache } from '../../api/src/http/authCache';
import type { LiveKey } from '../../api/src/mapping/apiKeyLookup';
import { testDatabases, type DbKind } from '../helpers/context';
import { populationIds, seededPair, share, type Side } from './mappingSupport';
import { bearer, expectProblem, fileHarness, harness, type ApiHarness } from './support';

const live = (id: string, version: number): LiveKey => ({
  id,
  workspaceId: 'w',
  scope: 'read',
  hash: 'ab',
  lastUsedAt: 0,
  version,
});

describe('AuthCache', () => {
  it('answers only while the counter is unchanged and the entry is younger than its TTL', () => {
    let t = 0;
    const cache = new AuthCache(1000, 10, () => t);
    cache.set('d1', live('k1', 5));
    expect(cache.get('d1', 5)?.id).toBe('k1');
    expect(cache.get('d1', 6)).toBeUndefined(); // a revoke somewhere moved the counter
    expect(cache.get('d1', 5)).toBeUndefined(); // and the entry is gone, not merely skipped
    cache.set('d1', live('k1', 6));
    t = 999;
    expect(cache.get('d1', 6)?.id).toBe('k1');
    t = 1000;
    expect(cache.get('d1', 6)).toBeUndefined();
  });

  it('holds at most `max` keys, dropping the oldest', () => {
    const cache = new AuthCache(60_000, 3);
    for (const d of ['a', 'b', 'c', 'd']) cache.set(d, live(d, 1));
    expect(cache.size).toBe(3);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('d', 1)?.id).toBe('d');
  });
});

/** Key changes made straight in the database, as the CLI or another API process would make them. */
const kinds: Array<DbKind | 'sqlite-file'> = [...testDatabases(), 'sqlite-file'];

describe.each(kinds)('cached key checks (%s)', (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = kind === 'sqlite-file' ? await fileHarness() : await harness(kind);
  });
  afterAll(() => h.ctx.close());

  const counter = async () =>
    Number((await h.ctx.db('cache_versions').where('name', 'api_keys').first()).version);
  const keyRow = (key: string) => h.ctx.db('api_keys').where('prefix', key.slice(4, 12)); // ovl_<prefix>_…
  const partners = (key: string) => request(h.app).get('/v1/partners').set(bearer(key));

  it('refuses a key revoked outside the API on its next request', async () => {
    const ws = await h.workspace('Revoked Elsewhere');
    expect((await partners(ws.key)).status).toBe(200);
    expect((await partners(ws.key)).status).toBe(200); // now served from the cache
    expect(await keyRow(ws.key).update({ revoked_at: new Date().toISOString() })).toBe(1);
    expectProblem(await partners(ws.key), 401, 'unauthenticated');
  });

  it('drops admin rights on the next request once a key is re-scoped', async () => {
    const ws = await h.workspace('Rescoped');
    const write = () =>
      request(h.app).post('/v1/api-keys').set(bearer(ws.key)).send({ name: 'x', scope: 'read' });
    expect((await write()).status).toBe(201);
    expect(await keyRow(ws.key).update({ scope: 'read' })).toBe(1);
    expectProblem(await write(), 403, 'insufficient_scope');
  });

  it('refuses the keys of a deleted workspace on their next request', async () => {
    const ws = await h.workspace('Deleted Soon');
    expect((await partners(ws.key)).status).toBe(200);
    const before = await counter();
    await h.ctx.db('workspaces').where('id', ws.id).delete();
    expect(await counter()).toBeGreaterThan(before); // the cascade moved it too
    expectProblem(await partners(ws.key), 401, 'unauthenticated');
  });

  it('moves the counter on revoke and delete, not on last-used stamps or new keys', async () => {
    const ws = await h.workspace('Counter');
    const v0 = await counter();
    await keyRow(ws.key).update({ last_used_at: new Date().toISOString() });
    const made = await request(h.app)
      .post('/v1/api-keys')
      .set(bearer(ws.key))
      .send({ name: 'second', scope: 'read' });
    expect(made.status).toBe(201);
    expect(await counter()).toBe(v0);
    expect(
      (await request(h.app).delete(`/v1/api-keys/${made.body.id}`).set(bearer(ws.key))).status,
    ).toBe(204);
    expect(await counter()).toBeGreaterThan(v0);
  });
});

/** The Account page is one prepared statement per pooled connection; it must see every write. */
describe.each(kinds)('prepared Account page read (%s)', (kind) => {
  let h: ApiHarness;
  let acme: Side;
  let globex: Side;
  const a1 = async () => {
    const res = await request(h.app).get('/v1/records/A1/overlaps').set(bearer(acme.key));
    expect(res.status).toBe(200);
    return res.body.overlaps as Array<{ partnerPopulations: string[]; myPopulations: string[] }>;
  };
  beforeAll(async () => {
    h = kind === 'sqlite-file' ? await fileHarness() : await harness(kind);
    ({ acme, globex } = await seededPair(h));
    await share(h, globex, { Customers: { level: 'overlaps' } });
  });
  afterAll(() => h.ctx.close());

  it('sees membership and overlap changes on the next read, on every connection', async () => {
    const all = () => Promise.all(Array.from({ length: 8 }, a1));
    for (const seen of await all()) expect(seen[0].partnerPopulations).toEqual(['Customers']);
    const customers = (await populationIds(h, globex.key)).Customers;
    const membership = h.ctx.db('record_populations').where('population_id', customers);
    const rows = await membership.clone().select('record_id', 'population_id');
    await membership.clone().delete();
    for (const seen of await all()) expect(seen).toEqual([]);
    await h.ctx.db('record_populations').insert(rows);
    for (const seen of await all()) expect(seen).toHaveLength(1);
    await h.ctx
      .db('overlaps')
      .where('workspace_id', acme.id)
      .update({ ended_at: new Date().toISOString() });
    for (const seen of await all()) expect(seen).toEqual([]);
  });
});
