import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapHeader, readAccountsCsv, type BadRow } from '../../api/src/commands/lib/accountsCsv';

const dir = mkdtempSync(join(tmpdir(), 'overlap-match-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function readAll(path: string): Promise<{ records: unknown[]; bad: BadRow[] }> {
  const bad: BadRow[] = [];
  const records: unknown[] = [];
  for await (const r of readAccountsCsv(path, (b) => bad.push(b))) records.push(r);
  return { records, bad };
}

describe('accounts CSV', () => {
  it('maps our headers and Salesforce export headers', () => {
    expect(mapHeader(['id', 'name', 'website', 'country'])).toEqual({
      id: 0,
      name: 1,
      website: 2,
      country: 3,
    });
    expect(mapHeader(['\uFEFFId', 'Name', 'Website', 'BillingCountry', 'ParentId'])).toEqual({
      id: 0,
      name: 1,
      website: 2,
      country: 3,
      parentId: 4,
    });
    expect(() => mapHeader(['website', 'country'])).toThrow(/id and a name/);
  });

  it('skips bad rows with their line numbers and keeps going', async () => {
    const path = file(
      'a.csv',
      'id,name,website,country\n1,Acme,acme.com,US\n2,,x.com,US\n3,Too,many,cols,here\n1,Repeat,,\n4,"Bad "quote",,\n5,Globex,,DE\n',
    );
    const { records, bad } = await readAll(path);
    expect(records).toEqual([
      { id: '1', name: 'Acme', website: 'acme.com', country: 'US', parentId: null },
      { id: '5', name: 'Globex', website: null, country: 'DE', parentId: null },
    ]);
    // The parser reports malformed quoting ahead of the rows it buffered, so compare by line.
    const byLine = [...bad].sort((x, y) => x.line - y.line);
    expect(byLine.map((b) => [b.line, b.reason.split(':')[0]])).toEqual([
      [3, 'empty name'],
      [4, 'expected 4 columns, found 5'],
      [5, 'repeated id 1'],
      [6, 'Invalid Closing Quote'],
    ]);
  });
});

describe('npm run match', () => {
  it('writes mine_id,theirs_id,method,confidence and reports bad rows on stderr', () => {
    const mine = file(
      'mine.csv',
      'id,name,website,country\nm1,Acme Inc,https://acme.com,US\nm2,,,\nm3,Zendesk,,US\n',
    );
    const theirs = file(
      'theirs.csv',
      'Id,Name,Website,BillingCountry\n001A,ACME Incorporated,www.acme.com,USA\n001B,Zendesk Inc.,zendesk.com,United States\n',
    );
    const out = join(dir, 'pairs.csv');
    const tsx = join(__dirname, '../../node_modules/.bin/tsx');
    const result = execFileSync(
      tsx,
      [
        'scripts/match.ts',
        '--mine',
        mine,
        '--theirs',
        theirs,
        '--out',
        out,
        '--min-confidence',
        '0.9',
      ],
      {
        cwd: join(__dirname, '../..'),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(result).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(
      'mine_id,theirs_id,method,confidence\nm1,001A,domain,0.99\nm3,001B,name,0.93\n',
    );
  }, 30000);
});
