import type { Connection } from 'jsforce';
import type { Emulator } from '../emulator';
import { rejection, startEmulator } from './helpers';

interface Result {
  id: string | null;
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
}

describe('emulator: sObject Collections and single-record writes', () => {
  let sf: Emulator;
  let conn: () => Connection;
  let accountId: string;

  beforeAll(async () => {
    ({ sf, conn } = await startEmulator());
    accountId = sf.org.insert('Account', [{ Name: 'Acme' }])[0].Id as string;
  });
  afterAll(() => sf.close());
  beforeEach(() => sf.stats.reset());

  const upsert = (
    sobject: string,
    records: Array<Record<string, unknown>>,
    key: string,
  ): Promise<Result[]> =>
    conn().requestPatch(`/services/data/v${sf.apiVersion}/composite/sobjects/${sobject}/${key}`, {
      allOrNone: false,
      records: records.map((r) => ({ attributes: { type: sobject }, ...r })),
    }) as Promise<Result[]>;

  it('upserts by external id: creates, then updates the same record, resolving parent external ids', async () => {
    const p = (await conn().upsert(
      'Partner__c',
      [{ Overlap_Id__c: 'p-1', Name: 'Globex', Partnership_Status__c: 'Active' }],
      'Overlap_Id__c',
    )) as Result[];
    expect(p).toEqual([
      {
        id: expect.stringMatching(/^a[0-9A-Z]{2}\w{15}$/),
        success: true,
        errors: [],
        created: true,
      },
    ]);
    const rec = {
      Overlap_Key__c: 'o-1',
      Account__c: accountId,
      Partner__r: { Overlap_Id__c: 'p-1' },
      Confidence__c: 0.9876,
      Active__c: true,
    };
    const first = (await conn().upsert('Partner_Overlap__c', [rec], 'Overlap_Key__c')) as Result[];
    const again = (await conn().upsert(
      'Partner_Overlap__c',
      [{ ...rec, Match_Method__c: 'Domain' }],
      'Overlap_Key__c',
    )) as Result[];
    expect(first[0].created).toBe(true);
    expect(again[0]).toEqual({ id: first[0].id, success: true, errors: [], created: false });
    const stored = sf.org.get('Partner_Overlap__c', first[0].id!)!;
    expect(stored).toMatchObject({
      Partner__c: p[0].id,
      Account__c: accountId,
      Confidence__c: 0.988,
      Match_Method__c: 'Domain',
      Active__c: true,
    });
    expect(sf.stats.get('collections.upsert')).toBe(3);
    expect(sf.stats.writeCalls).toBe(3);
  });

  it('creates and updates through collections with per-record results', async () => {
    const created = (await conn().create('Partner__c', [
      { Name: 'A', Overlap_Id__c: 'c-1' },
      { Name: 'B', Overlap_Id__c: 'c-2' },
    ])) as Result[];
    expect(created.map((r) => r.success)).toEqual([true, true]);
    const updated = (await conn().update('Partner__c', [
      { Id: created[0].id!, Name: 'A2' },
      { Id: '001000000000000AAA', Name: 'x' },
    ])) as Result[];
    expect(updated[0]).toEqual({ id: created[0].id, success: true, errors: [] });
    expect(updated[1].errors[0].statusCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    expect(sf.org.get('Partner__c', created[0].id!)?.Name).toBe('A2');
    expect(sf.stats.get('collections.create')).toBe(1);
    expect(sf.stats.get('collections.update')).toBe(1);
  });

  it.each([
    [
      { Overlap_Key__c: 'v-1', Partner_Owner_Name__c: 'x'.repeat(122) },
      'STRING_TOO_LONG',
      ['Partner_Owner_Name__c'],
    ],
    [
      { Overlap_Key__c: 'v-2', Match_Method__c: 'Psychic' },
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      ['Match_Method__c'],
    ],
    [{ Overlap_Key__c: 'v-3', Partner__r: { Overlap_Id__c: 'missing' } }, 'INVALID_FIELD', []],
    [
      { Overlap_Key__c: 'v-4', Confidence__c: 12.5 },
      'NUMBER_OUTSIDE_VALID_RANGE',
      ['Confidence__c'],
    ],
    [
      { Overlap_Key__c: 'v-5', Partner_Owner_Email__c: 'not-an-email' },
      'INVALID_EMAIL_ADDRESS',
      ['Partner_Owner_Email__c'],
    ],
    [
      { Overlap_Key__c: 'v-6', CreatedDate: '2026-01-01T00:00:00Z' },
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      ['CreatedDate'],
    ],
    [{ Overlap_Key__c: 'v-7', Account__c: 'garbage' }, 'MALFORMED_ID', ['Account__c']],
    [{ Overlap_Key__c: null, Name: 'no key' }, 'MISSING_ARGUMENT', ['Overlap_Key__c']],
  ])('rejects record %j with %s and keeps the valid one', async (bad, code, fields) => {
    const res = await upsert(
      'Partner_Overlap__c',
      [
        { Account__c: accountId, ...bad },
        { Overlap_Key__c: `ok-${code}`, Account__c: accountId, Active__c: true },
      ],
      'Overlap_Key__c',
    );
    expect(res[0]).toMatchObject({
      id: null,
      success: false,
      errors: [expect.objectContaining({ statusCode: code, fields })],
    });
    expect(res[1]).toMatchObject({ success: true, created: true });
  });

  it('rejects formula fields, duplicate keys in one call and unique values taken by another record', async () => {
    const opp = sf.org.insert('Opportunity', [
      { Name: 'O', StageName: 'Prospecting', CloseDate: '2026-06-01' },
    ])[0];
    const formula = (await conn().update('Opportunity', [
      { Id: opp.Id as string, Has_Partner__c: true },
    ])) as Result[];
    expect(formula[0].errors[0]).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['Has_Partner__c'],
    });
    const dup = await upsert(
      'Partner__c',
      [{ Overlap_Id__c: 'd-1' }, { Overlap_Id__c: 'D-1' }],
      'Overlap_Id__c',
    );
    expect(dup.map((r) => r.errors[0]?.statusCode)).toEqual(['DUPLICATE_VALUE', 'DUPLICATE_VALUE']);
    const taken = (await conn().create('Partner__c', [
      { Name: 'again', Overlap_Id__c: 'p-1' },
    ])) as Result[];
    expect(taken[0].errors[0]).toMatchObject({
      statusCode: 'DUPLICATE_VALUE',
      fields: ['Overlap_Id__c'],
    });
  });

  it('fails the whole request for unknown fields, undeserializable values, non-external keys and > 200 records', async () => {
    expect(
      (
        await rejection(
          upsert('Partner__c', [{ Overlap_Id__c: 'u-1', Nope__c: 1 }], 'Overlap_Id__c'),
        )
      ).errorCode,
    ).toBe('INVALID_FIELD');
    expect(
      (
        await rejection(
          upsert(
            'Partner_Overlap__c',
            [{ Overlap_Key__c: 'u-2', Confidence__c: 'high' }],
            'Overlap_Key__c',
          ),
        )
      ).errorCode,
    ).toBe('JSON_PARSER_ERROR');
    expect((await rejection(upsert('Partner__c', [{ Name: 'x' }], 'Name'))).errorCode).toBe(
      'INVALID_FIELD',
    );
    const many = Array.from({ length: 201 }, (_, i) => ({ Overlap_Id__c: `m-${i}` }));
    const err = await rejection(conn().upsert('Partner__c', many, 'Overlap_Id__c'));
    expect(err.errorCode).toBe('EXCEEDED_ID_LIMIT');
    expect(sf.org.all('Partner__c').some((r) => String(r.Overlap_Id__c).startsWith('m-'))).toBe(
      false,
    );
    const ok = (await conn().upsert('Partner__c', many.slice(0, 200), 'Overlap_Id__c')) as Result[];
    expect(ok.filter((r) => r.success)).toHaveLength(200);
  });

  it('rolls back every record when allOrNone is set and one fails', async () => {
    const res = (await conn().create(
      'Partner__c',
      [
        { Name: 'keep?', Overlap_Id__c: 'aon-1' },
        { Name: 'bad', Partnership_Status__c: 'Maybe' },
      ],
      { allOrNone: true },
    )) as Result[];
    expect(res[0].errors[0].statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(res[1].errors[0].statusCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(sf.org.all('Partner__c').find((r) => r.Overlap_Id__c === 'aon-1')).toBeUndefined();
    expect(
      await conn().query("SELECT Id FROM Partner__c WHERE Overlap_Id__c = 'aon-1'"),
    ).toMatchObject({ totalSize: 0 });
  });

  it('handles single-record create, retrieve, update, upsert by external id and delete', async () => {
    const c = await conn().sobject('Partner__c').create({ Name: 'Solo', Overlap_Id__c: 's-1' });
    expect(c.success).toBe(true);
    const got = await conn().sobject('Partner__c').retrieve(c.id!);
    expect(got).toMatchObject({ Name: 'Solo', Overlap_Id__c: 's-1', IsDeleted: false });
    await conn().sobject('Partner__c').update({ Id: c.id!, Name: 'Solo 2' });
    const up = (await conn()
      .sobject('Partner__c')
      .upsert({ Overlap_Id__c: 's-1', Managed__c: true }, 'Overlap_Id__c')) as unknown as Result;
    expect(up).toMatchObject({ success: true });
    expect(sf.org.get('Partner__c', c.id!)).toMatchObject({ Name: 'Solo 2', Managed__c: true });
    const badUpdate = await rejection(
      conn().sobject('Partner__c').update({ Id: c.id!, Partnership_Status__c: 'Nope' }),
    );
    expect(badUpdate.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    await conn().sobject('Partner__c').destroy(c.id!);
    expect(sf.org.get('Partner__c', c.id!)).toBeUndefined();
    expect(sf.org.get('Partner__c', c.id!, { includeDeleted: true })?.IsDeleted).toBe(true);
    expect((await rejection(conn().sobject('Partner__c').retrieve(c.id!))).errorCode).toBe(
      'NOT_FOUND',
    );
  });

  it('stamps LastModifiedDate and SystemModstamp from the emulator clock on every write path', async () => {
    const before = sf.org.get('Account', accountId)!;
    await new Promise((r) => setTimeout(r, 5));
    await conn().update('Account', [{ Id: accountId, Website: 'https://acme.example' }]);
    const after = sf.org.get('Account', accountId)!;
    expect(after.SystemModstamp).not.toBe(before.SystemModstamp);
    expect(after.LastModifiedDate).toBe(after.SystemModstamp);
    expect(after.CreatedDate).toBe(before.CreatedDate);
  });
});
