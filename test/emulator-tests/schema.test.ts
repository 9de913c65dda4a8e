import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Connection } from 'jsforce';
import { generateDemo } from '../../api/src/demo/generate';
import { checksum, createEmulator, makeId, seedDemoOrg } from '../emulator';
import { DEFAULT_FORCE_APP, loadSchema } from '../emulator/schema/load';
import { parseSoql } from '../emulator/soql/parse';

describe('emulator: schema, ids, SOQL parser, demo seeding', () => {
  it('loads every object and field in force-app, without unsupported types', () => {
    const { schema, warnings } = loadSchema();
    expect(warnings).toEqual([]);
    const objectsDir = path.join(DEFAULT_FORCE_APP, 'objects');
    for (const dir of readdirSync(objectsDir)) {
      const obj = schema.get(dir.toLowerCase());
      expect(obj?.name).toBe(dir);
      const fieldsDir = path.join(objectsDir, dir, 'fields');
      const files = existsSync(fieldsDir) ? readdirSync(fieldsDir) : [];
      for (const f of files)
        expect(obj!.fields.has(f.replace('.field-meta.xml', '').toLowerCase())).toBe(true);
    }
    const prefixes = [...schema.values()].map((o) => o.keyPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('makes 18-character ids with the case-safe suffix', () => {
    expect(checksum('ABCDE000000000a')).toBe('5AA');
    expect(checksum('aBcDe0000000000')).toBe('KAA');
    const id = makeId('001', 123456);
    expect(id).toMatch(/^001[0-9A-Za-z]{15}$/);
    expect(id.slice(15)).toBe(checksum(id.slice(0, 15)));
    expect(makeId('001', 1)).not.toBe(makeId('001', 2));
  });

  it('parses the supported SOQL and rejects what is outside it', () => {
    const q = parseSoql(
      "SELECT Id, Owner.Name FROM Account WHERE (Name LIKE 'a%' OR Type IN ('x','y')) AND CreatedDate > 2026-01-01T00:00:00Z ORDER BY Name DESC NULLS LAST LIMIT 5 OFFSET 2",
    );
    expect(q).toMatchObject({
      from: 'Account',
      limit: 5,
      offset: 2,
      orderBy: [{ field: 'Name', desc: true, nullsLast: true }],
    });
    expect(q.where).toMatchObject({
      kind: 'and',
      items: [
        { kind: 'or' },
        {
          kind: 'cmp',
          op: '>',
          value: { type: 'datetime', value: Date.parse('2026-01-01T00:00:00Z') },
        },
      ],
    });
    for (const bad of [
      'SELECT FROM Account',
      'SELECT Id FROM Account LIMIT x',
      'SELECT Id FROM Account WHERE Name IN ()',
      'SELECT Id FROM Account GROUP BY Name',
    ]) {
      expect(() => parseSoql(bad)).toThrow(
        expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }),
      );
    }
  });

  it('seeds a demo company whose owners and opportunities query back as generated', async () => {
    const demo = generateDemo({ size: 300, shared: 60 }).acme;
    const sf = await createEmulator();
    try {
      const summary = seedDemoOrg(sf.org, demo);
      expect(summary).toMatchObject({ accounts: 300, opportunities: demo.opportunities.length });
      const conn = new Connection({
        instanceUrl: sf.instanceUrl,
        accessToken: sf.accessToken,
        version: sf.apiVersion,
      });
      const accounts = await conn
        .query<{ Id: string; Name: string; Owner: { Name: string; Email: string } }>(
          'SELECT Id, Name, Owner.Name, Owner.Email FROM Account',
        )
        .run({ autoFetch: true, maxFetch: 10_000 });
      expect(accounts.records).toHaveLength(300);
      const byId = new Map(demo.accounts.map((a) => [a.Id, a]));
      for (const a of accounts.records) {
        const want = byId.get(a.Id)!;
        expect([a.Name, a.Owner.Name, a.Owner.Email]).toEqual([
          want.Name,
          want.OwnerName,
          want.OwnerEmail,
        ]);
      }
      const won = await conn.query(
        "SELECT COUNT() FROM Opportunity WHERE IsWon = true AND StageName = 'Closed Won'",
      );
      expect(won.totalSize).toBe(demo.opportunities.filter((o) => o.IsWon).length);
    } finally {
      await sf.close();
    }
  });
});
