import request from 'supertest';
import { bearer, type ApiHarness } from './support';

/** Two workspaces that are partners of each other, set up through the API. */
export interface Side {
  id: string;
  key: string;
  partnerId: string;
}

export async function partnered(
  h: ApiHarness,
  a = 'Acme',
  b = 'Globex',
): Promise<{ acme: Side; globex: Side }> {
  const acme = await h.workspace(a);
  const globex = await h.workspace(b);
  const inv = await request(h.app)
    .post('/v1/partners')
    .set(bearer(acme.key))
    .send({ kind: 'workspace', name: b });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.text}`);
  const acc = await request(h.app)
    .post(`/v1/partner-invites/${inv.body.inviteToken}/accept`)
    .set(bearer(globex.key));
  if (acc.status !== 200) throw new Error(`accept failed: ${acc.text}`);
  return {
    acme: { ...acme, partnerId: inv.body.partner.id },
    globex: { ...globex, partnerId: acc.body.partner.id },
  };
}

export async function putRecords(h: ApiHarness, key: string, items: object[]) {
  const res = await request(h.app).put('/v1/records').set(bearer(key)).send({ items });
  if (res.status !== 200) throw new Error(`records failed: ${res.status} ${res.text}`);
  return res.body;
}

export async function putOpportunities(h: ApiHarness, key: string, items: object[]) {
  const res = await request(h.app).put('/v1/opportunities').set(bearer(key)).send({ items });
  if (res.status !== 200) throw new Error(`opportunities failed: ${res.status} ${res.text}`);
  return res.body;
}

export async function populationIds(h: ApiHarness, key: string): Promise<Record<string, string>> {
  const res = await request(h.app).get('/v1/populations').set(bearer(key));
  return Object.fromEntries(res.body.data.map((p: { id: string; name: string }) => [p.name, p.id]));
}

/** Replaces sharing rules, naming populations by name. */
export async function share(
  h: ApiHarness,
  side: Side,
  rules: Record<string, { level: string; fields?: string[] }>,
) {
  const ids = await populationIds(h, side.key);
  const res = await request(h.app)
    .put(`/v1/partners/${side.partnerId}/sharing`)
    .set(bearer(side.key))
    .send({
      rules: Object.entries(rules).map(([name, r]) => ({
        populationId: ids[name],
        level: r.level,
        fields: r.fields ?? [],
      })),
    });
  if (res.status !== 200) throw new Error(`sharing failed: ${res.status} ${res.text}`);
  return res.body;
}

/** A few companies both sides hold, written differently, plus one each side alone. */
export const ACME_RECORDS = [
  {
    sourceId: 'A1',
    name: 'Blue Harbor Logistics Inc.',
    website: 'https://www.blueharbor.com',
    type: 'Customer - Direct',
    ownerName: 'Ana Ruiz',
    ownerEmail: 'ana@acme.example',
    country: 'United States',
  },
  {
    sourceId: 'A2',
    name: 'Summit Peak Foods GmbH',
    website: 'summitpeak.de',
    type: 'Prospect',
    ownerName: 'Ben Okafor',
    ownerEmail: 'ben@acme.example',
    country: 'Germany',
  },
  {
    sourceId: 'A3',
    name: 'Cobalt River Analytics Ltd',
    website: 'cobaltriver.co.uk',
    type: 'Lead',
    ownerName: 'Chloe Martin',
    ownerEmail: 'chloe@acme.example',
  },
  { sourceId: 'A4', name: 'Only Acme Knows Corp', website: 'onlyacme.com', type: 'Customer' },
];
export const GLOBEX_RECORDS = [
  {
    sourceId: 'G1',
    name: 'BLUE HARBOR LOGISTICS',
    website: 'blueharbor.com',
    type: 'Customer',
    ownerName: 'Dev Patel',
    ownerEmail: 'dev@globex.example',
    country: 'United States',
    fields: { tier: 'gold' },
  },
  {
    sourceId: 'G2',
    name: 'Summit Peak Foods',
    website: 'http://summitpeak.de/en',
    type: 'Customer - Channel',
    ownerName: 'Elena Rossi',
    ownerEmail: 'elena@globex.example',
  },
  {
    sourceId: 'G3',
    name: 'Cobalt River Analytics',
    website: 'https://cobaltriver.co.uk',
    type: 'Prospect',
    ownerName: 'Felix Braun',
    ownerEmail: 'felix@globex.example',
  },
  { sourceId: 'G4', name: 'Globex Alone GmbH', website: 'globexalone.de', type: 'Prospect' },
];

export async function seededPair(h: ApiHarness) {
  const pair = await partnered(h);
  await putRecords(h, pair.acme.key, ACME_RECORDS);
  await putRecords(h, pair.globex.key, GLOBEX_RECORDS);
  return pair;
}
