/**
 * Loads one demo company (api/src/demo/generate.ts) into an emulated org: its owners as Users,
 * its accounts and its opportunities, keeping the demo's own ids so CSV and sync demos agree.
 */
import type { DemoCompany } from '../../api/src/demo/generate';
import type { EmulatorOrg } from './org';

export interface SeedSummary {
  users: number;
  accounts: number;
  opportunities: number;
}

export function seedDemoOrg(org: EmulatorOrg, company: DemoCompany): SeedSummary {
  // Owners: the demo gives opportunities an OwnerId and accounts an owner name/e-mail; tie them
  // together through the account each opportunity belongs to.
  const accountById = new Map(company.accounts.map((a) => [a.Id, a]));
  const userIdByEmail = new Map<string, string>();
  for (const o of company.opportunities) {
    const a = accountById.get(o.AccountId);
    if (a && !userIdByEmail.has(a.OwnerEmail)) userIdByEmail.set(a.OwnerEmail, o.OwnerId);
  }
  const users = new Map<string, { Id: string; name: string; email: string }>();
  for (const a of company.accounts) {
    if (users.has(a.OwnerEmail)) continue;
    const id = userIdByEmail.get(a.OwnerEmail) ?? org.newId(org.object('User'));
    users.set(a.OwnerEmail, { Id: id, name: a.OwnerName, email: a.OwnerEmail });
  }
  org.insert(
    'User',
    [...users.values()].map((u) => {
      const [first, ...rest] = u.name.split(' ');
      return {
        Id: u.Id,
        FirstName: first,
        LastName: rest.join(' ') || first,
        Email: u.email,
        Username: u.email,
        IsActive: true,
      };
    }),
  );
  // Parents first so ParentId always points at an existing account.
  const ordered = [...company.accounts].sort(
    (x, y) => Number(x.ParentId !== null) - Number(y.ParentId !== null),
  );
  org.insert(
    'Account',
    ordered.map((a) => ({
      Id: a.Id,
      Name: a.Name,
      Website: a.Website,
      BillingCountry: a.BillingCountry,
      ParentId: a.ParentId,
      Type: a.Type,
      OwnerId: users.get(a.OwnerEmail)!.Id,
    })),
  );
  org.insert(
    'Opportunity',
    company.opportunities.map((o) => ({
      Id: o.Id,
      AccountId: o.AccountId,
      Name: o.Name,
      StageName: o.StageName,
      IsClosed: o.IsClosed,
      IsWon: o.IsWon,
      Amount: o.Amount,
      ...(org.object('Opportunity').fields.has('currencyisocode')
        ? { CurrencyIsoCode: o.CurrencyIsoCode }
        : {}),
      CreatedDate: o.CreatedDate,
      CloseDate: o.CloseDate,
      OwnerId: o.OwnerId,
    })),
  );
  return {
    users: users.size,
    accounts: company.accounts.length,
    opportunities: company.opportunities.length,
  };
}
