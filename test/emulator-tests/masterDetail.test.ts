/**
 * Master-detail relationships and roll-up summary fields, as force-app defines them
 * (Partner_Overlap__c.Account__c → Account.Partner_Overlap_Count__c / Last_Overlap_Date__c) and
 * as a small invoice model exercises every summary operation.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from 'jsforce';
import type { Emulator } from '../emulator';
import { rejection, startEmulator } from './helpers';

interface Result {
  id: string | null;
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
}

describe('emulator: master-detail and roll-up summaries (force-app)', () => {
  let sf: Emulator;
  let conn: () => Connection;
  let acme: string;
  let initech: string;

  beforeAll(async () => {
    ({ sf, conn } = await startEmulator({ bulkTickMs: 1 }));
  });
  afterAll(() => sf.close());
  beforeEach(() => {
    [acme, initech] = sf.org
      .insert('Account', [{ Name: 'Acme' }, { Name: 'Initech' }])
      .map((a) => String(a.Id));
  });

  const overlap = (
    key: string,
    account: string | undefined,
    more: Record<string, unknown> = {},
  ) => ({
    Overlap_Key__c: key,
    ...(account ? { Account__c: account } : {}),
    Active__c: true,
    ...more,
  });
  const create = async (rows: Array<Record<string, unknown>>) =>
    (await conn().create('Partner_Overlap__c', rows)) as Result[];

  it('describes the master-detail field as required and not reparentable, the roll-ups as calculated', async () => {
    const d = await conn().describe('Partner_Overlap__c');
    expect(d.fields.find((f) => f.name === 'Account__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
      nillable: false,
      createable: true,
      updateable: false,
    });
    // a detail has no owner of its own: it follows its master
    expect(d.fields.some((f) => f.name === 'OwnerId')).toBe(false);
    const a = await conn().describe('Account');
    expect(a.fields.find((f) => f.name === 'Partner_Overlap_Count__c')).toMatchObject({
      type: 'double',
      calculated: true,
      createable: false,
      updateable: false,
    });
    expect(a.fields.find((f) => f.name === 'Last_Overlap_Date__c')).toMatchObject({
      type: 'datetime', // MAX of First_Seen__c, a DateTime
      calculated: true,
    });
  });

  it('requires the master on create and checks that it exists', async () => {
    const [opp] = sf.org.insert('Opportunity', [
      { Name: 'O', StageName: 'Prospecting', CloseDate: '2026-12-01' },
    ]);
    const [gone] = sf.org.insert('Account', [{ Name: 'Gone' }]);
    sf.org.delete('Account', [String(gone.Id)]);
    const res = await create([
      overlap('md-1', undefined),
      overlap('md-2', String(gone.Id)),
      overlap('md-3', String(opp.Id)),
      overlap('md-4', acme),
    ]);
    expect(res[0].errors).toEqual([
      {
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Account__c]',
        fields: ['Account__c'],
      },
    ]);
    expect(res[1].errors[0]).toMatchObject({
      statusCode: 'INVALID_CROSS_REFERENCE_KEY',
      fields: ['Account__c'],
    });
    expect(res[2].errors[0]).toMatchObject({
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      fields: ['Account__c'],
    });
    expect(res[3]).toMatchObject({ success: true });
  });

  it('accepts the same master again on update and refuses a different one', async () => {
    await create([overlap('rp-1', acme)]);
    const same = (await conn().upsert(
      'Partner_Overlap__c',
      [overlap('rp-1', acme, { Active__c: false })],
      'Overlap_Key__c',
    )) as Result[];
    expect(same[0]).toMatchObject({ success: true });
    const moved = (await conn().upsert(
      'Partner_Overlap__c',
      [overlap('rp-1', initech)],
      'Overlap_Key__c',
    )) as Result[];
    expect(moved[0].errors[0]).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['Account__c'],
    });
    expect(moved[0].errors[0].message).toMatch(/^Unable to create\/update fields: Account__c\./);
    const stored = sf.org.all('Partner_Overlap__c').find((r) => r.Overlap_Key__c === 'rp-1');
    expect(stored).toMatchObject({ Account__c: acme, Active__c: false });
  });

  it('computes COUNT and MAX roll-ups on read, with the Active__c filter', async () => {
    await create([
      overlap('ru-1', acme, { First_Seen__c: '2026-10-01T08:00:00Z' }),
      overlap('ru-2', acme, { First_Seen__c: '2026-11-03T09:30:00Z' }),
      overlap('ru-3', acme, { First_Seen__c: '2026-11-20T00:00:00Z', Active__c: false }),
      overlap('ru-4', initech, { Active__c: false }),
    ]);
    const q = await conn().query<Record<string, unknown>>(
      `SELECT Id, Partner_Overlap_Count__c, Last_Overlap_Date__c FROM Account WHERE Id IN ('${acme}', '${initech}') ORDER BY Name`,
    );
    expect(q.records.map((r) => [r.Partner_Overlap_Count__c, r.Last_Overlap_Date__c])).toEqual([
      [2, '2026-11-03T09:30:00.000+0000'], // the ended overlap's later date does not count
      [0, null],
    ]);
    const busy = await conn().query(
      `SELECT Id FROM Account WHERE Partner_Overlap_Count__c > 1 AND Id = '${acme}'`,
    );
    expect(busy.totalSize).toBe(1);
    // one write to a detail moves the roll-up: no Account write involved
    sf.stats.reset();
    await conn().upsert('Partner_Overlap__c', [overlap('ru-4', initech)], 'Overlap_Key__c');
    const got = await conn().sobject('Account').retrieve(initech);
    expect(got.Partner_Overlap_Count__c).toBe(1);
    expect(sf.stats.get('collections.upsert')).toBe(1);
  });

  it('refuses writes to roll-up fields on every write path', async () => {
    const res = (await conn().update('Account', [
      { Id: acme, Partner_Overlap_Count__c: 3, Name: 'Acme 2' },
    ])) as Result[];
    expect(res[0].errors[0]).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['Partner_Overlap_Count__c'],
    });
    expect(res[0].errors[0].message).toMatch(
      /^Unable to create\/update fields: Partner_Overlap_Count__c\./,
    );
    expect(sf.org.get('Account', acme)?.Name).toBe('Acme');
    const single = await rejection(
      conn().sobject('Account').update({ Id: acme, Last_Overlap_Date__c: '2026-01-01T00:00:00Z' }),
    );
    expect(single.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    const bulk = conn().bulk2;
    bulk.pollInterval = 10;
    const job = await bulk.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: `Id,Partner_Overlap_Count__c\n${acme},4`,
    });
    expect(String(job.failedResults[0]?.sf__Error)).toMatch(
      /^INVALID_FIELD_FOR_INSERT_UPDATE:Unable to create\/update fields: Partner_Overlap_Count__c/,
    );
  });

  it('deletes the details with their master, through REST and collections', async () => {
    await create([overlap('cd-1', acme), overlap('cd-2', acme), overlap('cd-3', initech)]);
    await conn().sobject('Account').destroy(acme);
    const live = sf.org.all('Partner_Overlap__c').map((r) => r.Overlap_Key__c);
    expect(live).toEqual(expect.arrayContaining(['cd-3']));
    expect(live).not.toContain('cd-1');
    expect(live).not.toContain('cd-2');
    const binned = await conn().query<Record<string, unknown>>(
      `SELECT Overlap_Key__c, IsDeleted FROM Partner_Overlap__c WHERE Account__c = '${acme}' ORDER BY Overlap_Key__c`,
      { scanAll: true },
    );
    expect(binned.records.map((r) => [r.Overlap_Key__c, r.IsDeleted])).toEqual([
      ['cd-1', true],
      ['cd-2', true],
    ]);
    await conn().destroy('Account', [initech]);
    expect(sf.org.all('Partner_Overlap__c').some((r) => r.Overlap_Key__c === 'cd-3')).toBe(false);
  });
});

describe('emulator: roll-up summary operations on a custom master', () => {
  let dir: string;
  let sf: Emulator;
  let conn: () => Connection;

  const field = (obj: string, name: string, body: string) => {
    mkdirSync(path.join(dir, 'objects', obj, 'fields'), { recursive: true });
    writeFileSync(
      path.join(dir, 'objects', obj, 'fields', `${name}.field-meta.xml`),
      `<?xml version="1.0" encoding="UTF-8"?><CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>${name}</fullName>${body}</CustomField>`,
    );
  };
  const summary = (op: string, summarized: string | null, filter = '') =>
    `${summarized ? `<summarizedField>Line__c.${summarized}</summarizedField>` : ''}${filter}<summaryForeignKey>Line__c.Invoice__c</summaryForeignKey><summaryOperation>${op}</summaryOperation><type>Summary</type>`;
  const paid = (v: string) =>
    `<summaryFilterItems><field>Line__c.Paid__c</field><operation>equals</operation><value>${v}</value></summaryFilterItems>`;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'overlap-rollups-'));
    for (const obj of ['Invoice__c', 'Line__c']) {
      mkdirSync(path.join(dir, 'objects', obj), { recursive: true });
      writeFileSync(
        path.join(dir, 'objects', obj, `${obj}.object-meta.xml`),
        `<CustomObject><label>${obj}</label><nameField><label>Name</label><type>Text</type></nameField><sharingModel>${obj === 'Line__c' ? 'ControlledByParent' : 'ReadWrite'}</sharingModel></CustomObject>`,
      );
    }
    field(
      'Line__c',
      'Invoice__c',
      '<referenceTo>Invoice__c</referenceTo><relationshipName>Lines</relationshipName><type>MasterDetail</type>',
    );
    field('Line__c', 'Amount__c', '<precision>10</precision><scale>2</scale><type>Currency</type>');
    field('Line__c', 'Due__c', '<type>Date</type>');
    field('Line__c', 'Paid__c', '<type>Checkbox</type>');
    field('Invoice__c', 'Total__c', summary('sum', 'Amount__c'));
    field('Invoice__c', 'Paid_Lines__c', summary('count', null, paid('True')));
    field('Invoice__c', 'First_Due__c', summary('min', 'Due__c'));
    field('Invoice__c', 'Largest_Open__c', summary('max', 'Amount__c', paid('False')));
    ({ sf, conn } = await startEmulator({ forceAppDir: dir }));
  });
  afterAll(async () => {
    await sf.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sums, counts, finds the min and the filtered max, and types each like its source', async () => {
    expect(sf.schemaWarnings).toEqual([]);
    const [inv, empty] = sf.org.insert('Invoice__c', [{ Name: 'INV-1' }, { Name: 'INV-2' }]);
    sf.org.insert('Line__c', [
      { Invoice__c: inv.Id, Amount__c: 100, Due__c: '2026-12-01', Paid__c: true },
      { Invoice__c: inv.Id, Amount__c: 250.5, Due__c: '2026-11-15', Paid__c: false },
      { Invoice__c: inv.Id, Amount__c: 75, Due__c: '2027-01-10', Paid__c: false },
    ]);
    const q = await conn().query<Record<string, unknown>>(
      'SELECT Name, Total__c, Paid_Lines__c, First_Due__c, Largest_Open__c FROM Invoice__c ORDER BY Name',
    );
    expect(q.records.map(({ attributes: _a, ...r }) => r)).toEqual([
      {
        Name: 'INV-1',
        Total__c: 425.5,
        Paid_Lines__c: 1,
        First_Due__c: '2026-11-15',
        Largest_Open__c: 250.5,
      },
      { Name: 'INV-2', Total__c: 0, Paid_Lines__c: 0, First_Due__c: null, Largest_Open__c: null },
    ]);
    expect(String(empty.Id)).toMatch(/^a/);
    const d = await conn().describe('Invoice__c');
    const types = Object.fromEntries(d.fields.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({
      Total__c: 'currency',
      Paid_Lines__c: 'double',
      First_Due__c: 'date',
      Largest_Open__c: 'currency',
    });
  });
});
