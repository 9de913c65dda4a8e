import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../context';
import { upsertOpportunities, upsertRecords } from '../mapping/recordsStore';
import { createWorkspace, issueApiKey, linkPartners } from '../mapping/workspaces';
import { generateDemo, type DemoCompany } from './generate';
import { demoHooks } from './hooks';

export interface DemoKeys {
  workspaces: Array<{ id: string; name: string; adminKey: string; readKey: string }>;
}

const KEYS_FILE = 'demo-keys.json';

/** The demo keys are kept beside the database (git-ignored) so every start can print them. */
export function readDemoKeys(dataDir: string): DemoKeys | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, KEYS_FILE), 'utf8')) as DemoKeys;
  } catch {
    return null;
  }
}

function toRecords(c: DemoCompany) {
  return c.accounts.map((a) => ({
    sourceId: a.Id,
    name: a.Name,
    website: a.Website,
    country: a.BillingCountry,
    parentSourceId: a.ParentId,
    ownerName: a.OwnerName,
    ownerEmail: a.OwnerEmail,
    type: a.Type,
  }));
}

function toOpportunities(c: DemoCompany) {
  return c.opportunities.map((o) => ({
    sourceId: o.Id,
    accountSourceId: o.AccountId,
    name: o.Name,
    stage: o.StageName,
    isClosed: o.IsClosed,
    isWon: o.IsWon,
    amount: o.Amount,
    currency: o.CurrencyIsoCode,
    createdDate: o.CreatedDate,
    closeDate: o.CloseDate,
    ownerId: o.OwnerId,
  }));
}

/**
 * Seeds the demo on an empty database: two workspaces that are partners of each other, their
 * accounts and opportunities. Returns null (and does nothing) when any workspace exists.
 */
export async function seedDemo(ctx: AppContext): Promise<DemoKeys | null> {
  const [{ n }] = await ctx.db('workspaces').count<{ n: number }[]>({ n: '*' });
  if (Number(n) > 0) return null;
  const { acme, globex } = generateDemo();
  const out: DemoKeys = { workspaces: [] };
  const ids: Record<string, string> = {};
  for (const company of [acme, globex]) {
    const ws = await createWorkspace(ctx.db, company.name);
    ids[company === acme ? 'acme' : 'globex'] = ws.id;
    const admin = await issueApiKey(ctx.db, ws.id, 'demo admin key', 'admin');
    const read = await issueApiKey(ctx.db, ws.id, 'demo read key', 'read');
    await upsertRecords(ctx.db, ws.id, toRecords(company));
    await upsertOpportunities(ctx.db, ws.id, toOpportunities(company));
    out.workspaces.push({ id: ws.id, name: ws.name, adminKey: admin.key, readKey: read.key });
  }
  const [a, g] = out.workspaces;
  await linkPartners(
    ctx.db,
    { id: a.id, name: a.name, settings: {}, createdAt: '' },
    { id: g.id, name: g.name, settings: {}, createdAt: '' },
  );
  for (const hook of demoHooks) await hook(ctx, { acme: ids.acme, globex: ids.globex });
  fs.mkdirSync(ctx.config.dataDir, { recursive: true });
  fs.writeFileSync(path.join(ctx.config.dataDir, KEYS_FILE), JSON.stringify(out, null, 2), {
    mode: 0o600,
  });
  return out;
}
