import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../api/src/app';
import {
  upsertOpportunities,
  upsertRecords,
  type OpportunityInput,
} from '../../api/src/mapping/recordsStore';
import { createWorkspace, issueApiKey, linkPartners } from '../../api/src/mapping/workspaces';
import { createTestContext, type DbKind, type TestContext } from '../helpers/context';

export const OPP: OpportunityInput = {
  sourceId: '006A',
  accountSourceId: '001A',
  name: 'Blue Peak — Platform',
  stage: 'Closed Won',
  isClosed: true,
  isWon: true,
  amount: 12000,
  currency: 'USD',
  createdDate: '2026-03-01T00:00:00.000Z',
  closeDate: '2026-05-01',
};

/**
 * Acme partnered with Globex (and Globex with a stranger Acme cannot see), two Acme accounts
 * each with a closed-won opportunity, and Acme's admin and read keys.
 */
export async function attributionWorld(kind: DbKind) {
  const ctx: TestContext = await createTestContext(kind);
  const app: Express = createApp(ctx);
  const a = await createWorkspace(ctx.db, 'Acme');
  const g = await createWorkspace(ctx.db, 'Globex');
  const x = await createWorkspace(ctx.db, 'Stranger');
  await linkPartners(ctx.db, a, g);
  const admin = (await issueApiKey(ctx.db, a.id, 'admin', 'admin')).key;
  const read = (await issueApiKey(ctx.db, a.id, 'read', 'read')).key;
  const partnerId: string = (await ctx.db('partners').where({ workspace_id: a.id }).first()).id;
  await linkPartners(ctx.db, g, x);
  const otherPartnerId: string = (
    await ctx.db('partners').where({ workspace_id: g.id, partner_workspace_id: x.id }).first()
  ).id;
  await upsertRecords(ctx.db, a.id, [
    { sourceId: '001A', name: 'Blue Peak', website: 'bluepeak.com' },
    { sourceId: '001B', name: 'Red Rock', website: 'redrock.com' },
  ]);
  await upsertOpportunities(ctx.db, a.id, [
    OPP,
    { ...OPP, sourceId: '006B', accountSourceId: '001B', name: 'Red Rock — Pilot' },
  ]);
  const post = (body: object, key = admin) =>
    request(app).post('/v1/touches').set('Authorization', `Bearer ${key}`).send(body);
  const get = (path: string, key = admin) =>
    request(app).get(path).set('Authorization', `Bearer ${key}`);
  return { ctx, app, admin, read, acme: a.id, partnerId, otherPartnerId, post, get };
}
