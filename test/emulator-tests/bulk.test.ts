import type { Connection } from 'jsforce';
import type { Emulator } from '../emulator';
import { startEmulator } from './helpers';

describe('emulator: Bulk API 2.0 query and ingest through conn.bulk2', () => {
  let sf: Emulator;
  let conn: () => Connection;

  beforeAll(async () => {
    ({ sf, conn } = await startEmulator({ bulkTickMs: 5 }));
    const [owner] = sf.org.insert('User', [
      {
        LastName: 'Kim',
        FirstName: 'Grace',
        Email: 'grace@acme.example',
        Username: 'grace@acme.example',
      },
    ]);
    sf.org.insert(
      'Account',
      Array.from({ length: 25 }, (_, i) => ({
        Name: `Bulk ${i}`,
        BillingCountry: i % 2 ? 'Sweden' : null,
        OwnerId: owner.Id,
      })),
    );
    sf.org.insert('Partner__c', [{ Name: 'Globex', Overlap_Id__c: 'p-1' }]);
  });
  afterAll(() => sf.close());

  const bulk = (): Connection['bulk2'] => {
    const c = conn();
    c.bulk2.pollInterval = 10;
    c.bulk2.pollTimeout = 5000;
    return c.bulk2;
  };

  it('runs a query job and returns CSV rows with relationship columns', async () => {
    sf.stats.reset();
    const stream = await bulk().query(
      "SELECT Id, Name, BillingCountry, Owner.Email FROM Account WHERE Name LIKE 'Bulk 1%'",
    );
    const rows = (await stream.toArray()) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(11);
    expect(rows.find((r) => r.Name === 'Bulk 1')).toMatchObject({
      BillingCountry: 'Sweden',
      'Owner.Email': 'grace@acme.example',
    });
    expect(sf.stats.get('bulk.query.create')).toBe(1);
    expect(sf.stats.get('bulk.query.results')).toBe(1);
  });

  it('pages query results with maxRecords and Sforce-Locator until the locator is "null"', async () => {
    const base = `${sf.url}/services/data/v${sf.apiVersion}/jobs/query`;
    const headers = {
      Authorization: `Bearer ${sf.accessToken}`,
      'Content-Type': 'application/json',
    };
    const job = (await (
      await fetch(base, {
        method: 'POST',
        headers,
        body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account' }),
      })
    ).json()) as { id: string; state: string };
    expect(job.state).toBe('UploadComplete');
    await new Promise((r) => setTimeout(r, 30));
    const info = (await (await fetch(`${base}/${job.id}`, { headers })).json()) as {
      state: string;
      numberRecordsProcessed: number;
    };
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 25 });
    const ids: string[] = [];
    let locator = '';
    let pages = 0;
    do {
      const res = await fetch(
        `${base}/${job.id}/results?maxRecords=10${locator ? `&locator=${locator}` : ''}`,
        { headers },
      );
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toBe('"Id"');
      ids.push(...lines.slice(1));
      locator = res.headers.get('sforce-locator') ?? 'null';
      pages++;
    } while (locator !== 'null');
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(25);
  });

  it('upserts through an ingest job, reporting successes and per-row failures', async () => {
    sf.stats.reset();
    const account = sf.org.all('Account')[0].Id;
    const input = [
      'Overlap_Key__c,Name,Account__c,Partner__r.Overlap_Id__c,Confidence__c,Match_Method__c,Active__c',
      `k-1,One,${account},p-1,0.5,Domain,true`,
      `k-2,Two,${account},p-1,abc,Name,false`,
      `k-3,Three,${account},p-404,0.7,Name,true`,
      `k-4,Four,${account},p-1,0.9,Telepathy,true`,
    ].join('\n');
    const res = await bulk().loadAndWaitForResults({
      object: 'Partner_Overlap__c',
      operation: 'upsert',
      externalIdFieldName: 'Overlap_Key__c',
      input,
    });
    expect(res.successfulResults).toEqual([
      expect.objectContaining({ sf__Created: 'true', Overlap_Key__c: 'k-1' }),
    ]);
    const errors = Object.fromEntries(
      res.failedResults.map((r: Record<string, unknown>) => [
        r.Overlap_Key__c,
        String(r.sf__Error),
      ]),
    );
    expect(errors['k-2']).toMatch(
      /^INVALID_TYPE_ON_FIELD_IN_RECORD:Confidence: value not of required type: abc/,
    );
    expect(errors['k-3']).toMatch(/^INVALID_FIELD:Foreign key external ID: p-404 not found/);
    expect(errors['k-4']).toMatch(/^INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST/);
    const stored = sf.org.all('Partner_Overlap__c');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      Name: 'One',
      Confidence__c: 0.5,
      Active__c: true,
      Partner__c: sf.org.findIdBy('Partner__c', 'Overlap_Id__c', 'p-1'),
    });
    expect(sf.stats.get('bulk.ingest.create')).toBe(1);
    expect(sf.stats.get('bulk.ingest.upload')).toBe(1);
    expect(sf.stats.get('bulk.ingest.close')).toBe(1);
    expect(sf.stats.writeCalls).toBe(3);

    const again = await bulk().loadAndWaitForResults({
      object: 'Partner_Overlap__c',
      operation: 'upsert',
      externalIdFieldName: 'Overlap_Key__c',
      input: `Overlap_Key__c,Name,Partner_Owner_Name__c,Account__c\nk-1,#N/A,,\nk-5,Five,Ana,${account}`,
    });
    expect(
      again.successfulResults.map((r: Record<string, unknown>) => [
        r.Overlap_Key__c,
        r.sf__Created,
      ]),
    ).toEqual([
      ['k-1', 'false'],
      ['k-5', 'true'],
    ]);
    // #N/A clears a field; an empty cell leaves it alone.
    const k1 = sf.org.all('Partner_Overlap__c').find((r) => r.Overlap_Key__c === 'k-1')!;
    expect(k1.Name).toBeNull();
    expect(k1.Confidence__c).toBe(0.5);
  });

  it('inserts, updates and deletes by Id, and fails the job on an unknown column', async () => {
    const ins = await bulk().loadAndWaitForResults({
      object: 'Partner__c',
      operation: 'insert',
      input: [{ Name: 'Initech', Overlap_Id__c: 'p-2' }],
    });
    const id = String(ins.successfulResults[0].sf__Id);
    const upd = await bulk().loadAndWaitForResults({
      object: 'Partner__c',
      operation: 'update',
      input: [{ Id: id, Partnership_Status__c: 'Ended' }],
    });
    expect(upd.successfulResults).toHaveLength(1);
    expect(sf.org.get('Partner__c', id)?.Partnership_Status__c).toBe('Ended');
    const del = await bulk().loadAndWaitForResults({
      object: 'Partner__c',
      operation: 'delete',
      input: [{ Id: id }],
    });
    expect(del.successfulResults).toHaveLength(1);
    expect(sf.org.get('Partner__c', id)).toBeUndefined();
    const bad = bulk().loadAndWaitForResults({
      object: 'Partner__c',
      operation: 'insert',
      input: 'Name,Nope__c\nx,y',
    });
    await expect(bad).rejects.toThrow(/Field name not found : Nope__c/);
  });
});
