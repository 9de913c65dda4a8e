import type { Connection } from 'jsforce';
import type { Emulator } from '../emulator';
import { rejection, startEmulator } from './helpers';

describe('emulator: describe, query, queryMore, queryAll, replication', () => {
  let sf: Emulator;
  let conn: () => Connection;
  let clock = new Date('2026-03-01T10:00:00Z');

  beforeAll(async () => {
    ({ sf, conn } = await startEmulator({
      queryBatchSize: 7,
      now: () => clock,
      tokenTtlMs: 30 * 86_400_000,
    }));
    const [ana, ben] = sf.org.insert('User', [
      {
        FirstName: 'Ana',
        LastName: 'Ruiz',
        Email: 'ana@acme.example',
        Username: 'ana@acme.example',
      },
      {
        FirstName: 'Ben',
        LastName: 'Okafor',
        Email: 'ben@acme.example',
        Username: 'ben@acme.example',
      },
    ]);
    const rows = Array.from({ length: 20 }, (_, i) => ({
      Name: `Account ${String(i).padStart(2, '0')}`,
      Website: i % 5 === 0 ? null : `https://a${i}.example`,
      BillingCountry: i % 2 ? 'Germany' : 'France',
      Type: i < 5 ? 'Customer - Direct' : 'Prospect',
      OwnerId: i % 3 ? ana.Id : ben.Id,
    }));
    const accounts = sf.org.insert('Account', rows);
    sf.org.insert('Opportunity', [
      {
        AccountId: accounts[0].Id,
        Name: 'Won',
        StageName: 'Closed Won',
        CloseDate: '2026-02-01',
        Amount: 1000,
      },
      {
        AccountId: accounts[1].Id,
        Name: 'Open',
        StageName: 'Prospecting',
        CloseDate: '2026-05-01',
        Amount: 500,
      },
    ]);
  });
  afterAll(() => sf.close());

  it('describes standard and force-app objects with their fields', async () => {
    const d = await conn().describe('Partner_Overlap__c');
    expect(d.keyPrefix).toMatch(/^a[0-9A-Z]{2}$/);
    const key = d.fields.find((f) => f.name === 'Overlap_Key__c');
    expect(key).toMatchObject({ externalId: true, unique: true, type: 'string', length: 128 });
    const method = d.fields.find((f) => f.name === 'Match_Method__c');
    expect(method?.picklistValues?.map((p) => p.value)).toEqual([
      'Domain',
      'Name',
      'Fuzzy',
      'Hierarchy',
    ]);
    expect(d.fields.find((f) => f.name === 'Partner__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Partner__c'],
      relationshipName: 'Partner__r',
    });
    const acc = await conn().describe('Account');
    expect(acc.keyPrefix).toBe('001');
    expect(acc.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['Partner_Overlap_Count__c', 'Website', 'OwnerId']),
    );
    const opp = await conn().describe('Opportunity');
    expect(opp.fields.find((f) => f.name === 'Has_Partner__c')).toMatchObject({
      calculated: true,
      createable: false,
    });
  });

  it('pages with nextRecordsUrl and autoFetch reads every record', async () => {
    const first = await conn().query('SELECT Id, Name FROM Account ORDER BY Name');
    expect(first.totalSize).toBe(20);
    expect(first.records).toHaveLength(7);
    expect(first.done).toBe(false);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g\d+-7$/);
    const more = await conn().queryMore(first.nextRecordsUrl!);
    expect(more.records[0]).toMatchObject({ Name: 'Account 07' });
    sf.stats.reset();
    const all = await conn()
      .query('SELECT Id FROM Account')
      .run({ autoFetch: true, maxFetch: 1000 });
    expect(all.records).toHaveLength(20);
    expect(sf.stats.get('query')).toBe(1);
    expect(sf.stats.get('queryMore')).toBe(2);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(20);
  });

  it('returns parent fields through relationships and COUNT()', async () => {
    const r = await conn().query<{ Owner: { Name: string; Email: string } }>(
      "SELECT Id, Owner.Name, Owner.Email FROM Account WHERE Name = 'account 01'",
    );
    expect(r.records[0].Owner).toMatchObject({ Name: 'Ana Ruiz', Email: 'ana@acme.example' });
    const opp = await conn().query<{
      Account: { Name: string };
      IsClosed: boolean;
      IsWon: boolean;
    }>("SELECT Account.Name, IsClosed, IsWon FROM Opportunity WHERE StageName = 'Closed Won'");
    expect(opp.records[0]).toMatchObject({
      Account: { Name: 'Account 00' },
      IsClosed: true,
      IsWon: true,
    });
    const count = await conn().query(
      "SELECT COUNT() FROM Account WHERE BillingCountry = 'Germany'",
    );
    expect(count).toMatchObject({ totalSize: 10, records: [] });
  });

  it.each([
    ["Type IN ('Customer - Direct') AND BillingCountry != 'France'", ['Account 01', 'Account 03']],
    [
      "Name LIKE 'Account 1%' AND (Website = NULL OR BillingCountry = 'Germany')",
      ['Account 10', 'Account 11', 'Account 13', 'Account 15', 'Account 17', 'Account 19'],
    ],
    [
      "NOT Name LIKE 'Account 1%' AND Name NOT IN ('Account 00', 'Account 01') AND Name <= 'Account 04'",
      ['Account 02', 'Account 03', 'Account 04'],
    ],
    [
      "CreatedDate >= 2026-03-01T10:00:00Z AND CreatedDate < 2026-03-01T10:00:01.000+0000 AND Name > 'Account 17'",
      ['Account 18', 'Account 19'],
    ],
  ])('filters WHERE %s', async (where, names) => {
    const r = await conn().query<{ Name: string }>(
      `SELECT Name FROM Account WHERE ${where} ORDER BY Name`,
    );
    expect(r.records.map((x) => x.Name)).toEqual(names);
  });

  it('orders with DESC, NULLS LAST, LIMIT and OFFSET', async () => {
    const r = await conn().query<{ Name: string; Website: string | null }>(
      'SELECT Name, Website FROM Account ORDER BY Website DESC NULLS FIRST, Name LIMIT 3 OFFSET 3',
    );
    expect(r.records.map((x) => x.Name)).toEqual(['Account 15', 'Account 09', 'Account 08']);
    const nullsFirst = await conn().query<{ Website: string | null }>(
      'SELECT Website FROM Account ORDER BY Website LIMIT 1',
    );
    expect(nullsFirst.records[0].Website).toBeNull();
    const dateFilter = await conn().query<{ Name: string }>(
      'SELECT Name FROM Opportunity WHERE CloseDate > 2026-03-01',
    );
    expect(dateFilter.records.map((x) => x.Name)).toEqual(['Open']);
  });

  it.each([
    ['SELECT Id FROM Account WHERE', 'MALFORMED_QUERY'],
    ['SELECT Id Account', 'MALFORMED_QUERY'],
    ["SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'", 'MALFORMED_QUERY'],
    ['SELECT Id FROM Account WHERE Name = @', 'MALFORMED_QUERY'],
    ['SELECT Nope__c FROM Account', 'INVALID_FIELD'],
    ['SELECT Owner.Nope FROM Account', 'INVALID_FIELD'],
    ['SELECT Nope.Name FROM Account', 'INVALID_FIELD'],
    ['SELECT Id FROM Nope__c', 'INVALID_TYPE'],
    ["SELECT Id FROM Opportunity WHERE CloseDate = '2026-01-01'", 'INVALID_QUERY_FILTER_OPERATOR'],
  ])('rejects %s with %s', async (soql, code) => {
    const err = await rejection(conn().query(soql));
    expect(err.errorCode).toBe(code);
  });

  it('queryAll and getDeleted see deleted records; getUpdated sees changes in the window', async () => {
    const [victim, changed] = sf.org.all('Account').slice(18);
    clock = new Date('2026-03-02T10:00:00Z');
    sf.org.delete('Account', [victim.Id as string]);
    sf.org.update('Account', [{ Id: changed.Id as string, Website: 'https://changed.example' }]);
    const live = await conn().query('SELECT Id FROM Account');
    expect(live.totalSize).toBe(19);
    const all = await conn().query<{ Id: string; IsDeleted: boolean }>(
      'SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true',
      { scanAll: true },
    );
    expect(all.records).toEqual([expect.objectContaining({ Id: victim.Id, IsDeleted: true })]);
    const deleted = await conn()
      .sobject('Account')
      .deleted('2026-03-02T00:00:00Z', '2026-03-02T23:00:00Z');
    expect(deleted.deletedRecords).toEqual([
      { id: victim.Id, deletedDate: '2026-03-02T10:00:00.000+0000' },
    ]);
    const updated = await conn()
      .sobject('Account')
      .updated('2026-03-02T00:00:00Z', '2026-03-02T23:00:00Z');
    expect(updated.ids).toEqual([changed.Id]);
    const modstamp = await conn().query<{ Id: string }>(
      'SELECT Id FROM Account WHERE SystemModstamp > 2026-03-01T12:00:00Z',
    );
    expect(modstamp.records.map((r) => r.Id)).toEqual([changed.Id]);
  });
});
