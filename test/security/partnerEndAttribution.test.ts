import request from 'supertest';
import { upsertRecords } from '../../api/src/mapping/recordsStore';
import { issueApiKey } from '../../api/src/mapping/workspaces';
import { testDatabases, type DbKind } from '../helpers/context';
import { attributionWorld } from '../attribution/setup';

/**
 * Ending a partnership must take away everything the partner had shared, including what it
 * taught attribution: "the partner has this account as a customer" is the partner's data.
 */
describe.each(testDatabases())(
  'ending a partnership removes customer-overlap attribution (%s)',
  (kind: DbKind) => {
    let w: Awaited<ReturnType<typeof attributionWorld>>;
    let globex: string;
    let globexPartnerId: string;
    beforeEach(async () => {
      w = await attributionWorld(kind);
      globex = (await w.ctx.db('partners').where({ id: w.partnerId }).first())
        .partner_workspace_id as string;
      globexPartnerId = (
        await w.ctx
          .db('partners')
          .where({ workspace_id: globex, partner_workspace_id: w.acme })
          .first()
      ).id as string;
      // Globex has Blue Peak as a customer and shares Customers with Acme at `overlaps`.
      await upsertRecords(w.ctx.db, globex, [
        { sourceId: 'G1', name: 'Blue Peak Inc', website: 'bluepeak.com' },
      ]);
      const mine = (
        await w.ctx.db('records').where({ workspace_id: w.acme, source_id: '001A' }).first()
      ).id;
      const theirs = (
        await w.ctx.db('records').where({ workspace_id: globex, source_id: 'G1' }).first()
      ).id;
      const now = new Date().toISOString();
      await w.ctx.db('populations').insert({
        id: 'pop-g-cust',
        workspace_id: globex,
        name: 'Customers',
        kind: 'standard',
        standard_key: 'customers',
        created_at: now,
        updated_at: now,
      });
      await w.ctx
        .db('record_populations')
        .insert({ record_id: theirs, population_id: 'pop-g-cust' });
      await w.ctx.db('overlaps').insert({
        id: 'ov-1',
        workspace_id: w.acme,
        partner_id: w.partnerId,
        record_id: mine,
        partner_record_id: theirs,
        method: 'domain',
        confidence: 1,
        first_seen: now,
        last_seen: now,
      });
      await w.ctx.db('sharing_rules').insert({
        id: 'sr-1',
        workspace_id: globex,
        partner_id: globexPartnerId,
        population_id: 'pop-g-cust',
        level: 'overlaps',
        fields: '[]',
        updated_at: now,
      });
      await request(w.app)
        .post('/v1/attribution/recompute')
        .set('Authorization', `Bearer ${w.admin}`)
        .send({})
        .expect(200);
      const before = (await w.get('/v1/attributions').expect(200)).body.data;
      expect(before).toHaveLength(1);
      expect(before[0].touchIds).toEqual(['overlap:ov-1']);
    });
    afterEach(() => w.ctx.close());

    async function expectNothingLeft() {
      expect((await w.get('/v1/attributions').expect(200)).body.data).toEqual([]);
      const view = (await w.get('/v1/opportunities/006A/partners').expect(200)).body;
      expect(view.overlaps).toEqual([]);
      expect(view.attributions).toEqual([]);
      const revenue = (await w.get('/v1/metrics/revenue?status=all').expect(200)).body.data;
      expect(revenue).toEqual([]);
      const lift = (await w.get('/v1/metrics/lift').expect(200)).body;
      expect(lift.withPartner.opportunities).toBe(0);
    }

    it('when I end it', async () => {
      await request(w.app)
        .delete(`/v1/partners/${w.partnerId}`)
        .set('Authorization', `Bearer ${w.admin}`)
        .expect(200);
      await expectNothingLeft();
    });

    it('when the partner ends it', async () => {
      const key = (await issueApiKey(w.ctx.db, globex, 'admin', 'admin')).key;
      await request(w.app)
        .delete(`/v1/partners/${globexPartnerId}`)
        .set('Authorization', `Bearer ${key}`)
        .expect(200);
      await expectNothingLeft();
    });
  },
);
