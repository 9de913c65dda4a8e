import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createApp } from '../../api/src/app';
import { createWorkspace, issueApiKey } from '../../api/src/mapping/workspaces';
import { seedDemo, type DemoKeys } from '../../scripts/demo/seed';
import { createTestContext, type TestContext } from '../helpers/context';
import { runCli } from './run';

jest.setTimeout(120_000);

const Partner = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['workspace', 'managed']),
  status: z.enum(['invited', 'active', 'ended']),
});
const Matrix = z.object({
  partner: z.object({ id: z.string(), name: z.string() }),
  myPopulations: z.array(z.object({ id: z.string(), name: z.string() })),
  partnerPopulations: z.array(z.object({ id: z.string(), name: z.string() })),
  cells: z.array(
    z.object({
      myPopulationId: z.string(),
      partnerPopulationId: z.string(),
      count: z.number().int(),
    }),
  ),
});
const Sharing = z.object({
  partner: z.object({ id: z.string(), name: z.string() }),
  rules: z.array(
    z.object({
      populationId: z.string(),
      populationName: z.string(),
      level: z.enum(['hidden', 'counts', 'overlaps']),
      fields: z.array(z.string()),
    }),
  ),
});
const ImportResult = z.object({
  accepted: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejectedCount: z.number().int(),
  rejected: z.array(
    z.object({
      line: z.number().int().optional(),
      field: z.string().optional(),
      reason: z.string(),
    }),
  ),
  rejectedFile: z.string().nullable(),
});
const Check = z.object({
  name: z.string(),
  status: z.enum(['pass', 'fail', 'skip']),
  detail: z.string(),
  fix: z.string().optional(),
});

describe('sf overlap commands against the real API on loopback', () => {
  let ctx: TestContext;
  let server: Server;
  let url: string;
  let keys: DemoKeys;
  let env: Record<string, string>;
  let partnerId: string;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'overlap-cli-'));

  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { dataDir: tmp });
    keys = (await seedDemo(ctx))!;
    server = await new Promise<Server>((resolve) => {
      const s = createApp(ctx).listen(0, '127.0.0.1', () => resolve(s));
    });
    const addr = server.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}`;
    env = { OVERLAP_API_URL: url, OVERLAP_API_KEY: keys.workspaces[0].adminKey };
    const row = await ctx.db('partners').where({ workspace_id: keys.workspaces[0].id }).first();
    partnerId = row.id;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await ctx.close();
  });

  test('partner list --json returns the workspace partners', async () => {
    const run = await runCli(['overlap', 'partner', 'list', '--json'], env);
    expect(run.code).toBe(0);
    const partners = z.array(Partner).parse(run.json!.result);
    expect(partners.map((p) => [p.id, p.name, p.status])).toEqual([
      [partnerId, 'Globex Data', 'active'],
    ]);
  });

  test('the API key never appears in any output, even on failure', async () => {
    const bad = 'ovl_AAAAAAAA_' + 'B'.repeat(43);
    const run = await runCli(['overlap', 'partner', 'list'], { ...env, OVERLAP_API_KEY: bad });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('rejected the API key');
    expect(run.stdout + run.stderr).not.toContain(bad);
  });

  test('API down: exit 3 with the documented message', async () => {
    const run = await runCli(['overlap', 'partner', 'list', '--json'], {
      ...env,
      OVERLAP_API_URL: 'http://127.0.0.1:9',
    });
    expect(run.code).toBe(3);
    expect(run.json).toMatchObject({ status: 3, name: 'ApiUnreachableError' });
    expect(run.json!.message).toContain("Can't reach the Overlap API at http://127.0.0.1:9");
  });

  test('matrix --json matches the API, and the table shows its counts', async () => {
    const run = await runCli(['overlap', 'matrix', '--partner', partnerId, '--json'], env);
    expect(run.code).toBe(0);
    const m = Matrix.parse(run.json!.result);
    const direct = await (
      await fetch(`${url}/v1/partners/${partnerId}/matrix`, {
        headers: { authorization: `Bearer ${env.OVERLAP_API_KEY}` },
      })
    ).json();
    expect(m).toEqual(Matrix.parse(direct));
    expect(m.cells.length).toBeGreaterThan(0);
    const human = await runCli(['overlap', 'matrix', '--partner', partnerId], env);
    expect(human.stdout).toContain('Globex Data');
    for (const c of m.cells) expect(human.stdout).toContain(String(c.count));
  });

  test('unknown partner: exit 7', async () => {
    const run = await runCli(['overlap', 'matrix', '--partner', 'no-such-partner', '--json'], env);
    expect(run.code).toBe(7);
    expect(run.json).toMatchObject({ status: 7, name: 'NotFoundError' });
  });

  test('sharing set changes one population, keeps the rest; a bad population changes nothing', async () => {
    const before = Sharing.parse(
      (await runCli(['overlap', 'sharing', 'get', '-p', partnerId, '--json'], env)).json!.result,
    );
    const bad = await runCli(
      [
        'overlap',
        'sharing',
        'set',
        '-p',
        partnerId,
        '--population',
        'Nope',
        '--level',
        'counts',
        '--json',
      ],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.json!.message).toContain('No population named "Nope"');
    const unchanged = Sharing.parse(
      (await runCli(['overlap', 'sharing', 'get', '-p', partnerId, '--json'], env)).json!.result,
    );
    expect(unchanged).toEqual(before);

    const set = await runCli(
      [
        'overlap',
        'sharing',
        'set',
        '-p',
        partnerId,
        '--population',
        'leads',
        '--level',
        'overlaps',
        '--fields',
        'ownerName,website',
        '--json',
      ],
      env,
    );
    expect(set.code).toBe(0);
    const after = Sharing.parse(set.json!.result);
    for (const r of after.rules) {
      const old = before.rules.find((b) => b.populationId === r.populationId)!;
      if (r.populationName === 'Leads')
        expect(r).toMatchObject({ level: 'overlaps', fields: ['ownerName', 'website'] });
      else expect(r).toEqual(old);
    }
  });

  test('import: good rows stored, bad row written with line and reason, exit 5; re-import changes nothing', async () => {
    const file = path.join(tmp, 'accounts.csv');
    writeFileSync(
      file,
      'Id,Name,Website\nCLI0001,Foo Robotics,foorobotics.example\nCLI0002,,bar.example\nCLI0003,Baz Labs,bazlabs.example\n',
    );
    const run = await runCli(['overlap', 'import', '--file', file, '--json'], env);
    expect(run.code).toBe(5);
    const r = ImportResult.parse(run.json!.result);
    expect(r).toMatchObject({
      accepted: 2,
      inserted: 2,
      rejectedCount: 1,
      rejectedFile: `${file}.rejected.csv`,
    });
    expect(readFileSync(`${file}.rejected.csv`, 'utf8')).toMatch(/^line,field,reason\n3,name,/);
    const stored = await ctx
      .db('records')
      .where({ workspace_id: keys.workspaces[0].id })
      .whereIn('source_id', ['CLI0001', 'CLI0002', 'CLI0003'])
      .pluck('source_id');
    expect(stored.sort()).toEqual(['CLI0001', 'CLI0003']);
    const again = ImportResult.parse(
      (await runCli(['overlap', 'import', '--file', file, '--json'], env)).json!.result,
    );
    expect(again).toMatchObject({ accepted: 2, inserted: 0, updated: 0, unchanged: 2 });
  });

  test('import of a file with no valid row stores nothing and exits 5', async () => {
    const file = path.join(tmp, 'bad.csv');
    writeFileSync(file, 'Id,Name\n,Nameless\nCLI0100,\n');
    const count = async () => Number((await ctx.db('records').count({ n: '*' }))[0].n);
    const n0 = await count();
    const run = await runCli(['overlap', 'import', '--file', file, '--json'], env);
    expect(run.code).toBe(5);
    expect(run.json).toMatchObject({ name: 'NoValidRowsError' });
    expect(existsSync(`${file}.rejected.csv`)).toBe(true);
    expect(await count()).toBe(n0);
  });

  test('overlap list: JSON, and CSV with a header', async () => {
    const run = await runCli(
      ['overlap', 'overlap', 'list', '-p', partnerId, '--limit', '5', '--json'],
      env,
    );
    expect(run.code).toBe(0);
    const list = run.json!.result as Array<{ partner: { id: string }; method: string }>;
    expect(list.length).toBe(5);
    for (const o of list) expect(o.partner.id).toBe(partnerId);
    const csv = await runCli(
      ['overlap', 'overlap', 'list', '-p', partnerId, '--limit', '3', '--result-format', 'csv'],
      env,
    );
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'account,accountId,myPopulations,partnerPopulations,partnerAccount,partnerOwner,method,confidence',
    );
    expect(lines).toHaveLength(4);
  });

  test('partner invite, then accept with the invited workspace key', async () => {
    const initech = await createWorkspace(ctx.db, 'Initech');
    const key = await issueApiKey(ctx.db, initech.id, 'cli test', 'admin');
    const inv = await runCli(['overlap', 'partner', 'invite', '--name', 'Initech', '--json'], env);
    expect(inv.code).toBe(0);
    const { partner, inviteToken } = inv.json!.result as {
      partner: z.infer<typeof Partner>;
      inviteToken: string;
    };
    expect(partner).toMatchObject({ name: 'Initech', status: 'invited', kind: 'workspace' });
    expect(inviteToken).toMatch(/^ovi_/);
    const acc = await runCli(['overlap', 'partner', 'accept', '--token', inviteToken, '--json'], {
      ...env,
      OVERLAP_API_KEY: key.key,
    });
    expect(acc.code).toBe(0);
    expect(Partner.parse(acc.json!.result)).toMatchObject({ name: 'Acme Cloud', status: 'active' });
  });

  test('doctor: one check per line; API down fails the first check with its fix (exit 6)', async () => {
    const run = await runCli(['overlap', 'doctor', '--json'], env);
    expect(run.stdout + run.stderr).not.toContain(env.OVERLAP_API_KEY);
    const checks = z.array(Check).parse((run.json!.result as { checks: unknown }).checks);
    expect(checks.slice(0, 3).map((c) => [c.name, c.status])).toEqual([
      ['API reachable', 'pass'],
      ['API version compatible', 'pass'],
      ['API key valid', 'pass'],
    ]);
    const anyFail = checks.some((c) => c.status === 'fail');
    expect(run.code).toBe(anyFail ? 6 : 0);
    const down = await runCli(['overlap', 'doctor', '--json'], {
      ...env,
      OVERLAP_API_URL: 'http://127.0.0.1:9',
    });
    expect(down.code).toBe(6);
    const first = z.array(Check).parse((down.json!.result as { checks: unknown }).checks)[0];
    expect(first).toMatchObject({ name: 'API reachable', status: 'fail' });
    expect(first.fix).toContain('npm start');
  });
});

describe('sf overlap match (offline, no server)', () => {
  test('matches two files with the engine and reports bad rows with their line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'overlap-match-'));
    const mine = path.join(dir, 'mine.csv');
    const theirs = path.join(dir, 'theirs.csv');
    writeFileSync(
      mine,
      'Id,Name,Website\nM1,Acme Robotics Inc,https://acmerobotics.example\nM2,Zeta Foods,zetafoods.example\nM3,,nowhere.example\n',
    );
    writeFileSync(
      theirs,
      'id,name,website\nT1,ACME Robotics,www.acmerobotics.example\nT2,Unrelated Ltd,unrelated.example\n',
    );
    const out = path.join(dir, 'pairs.csv');
    const run = await runCli([
      'overlap',
      'match',
      '--mine',
      mine,
      '--theirs',
      theirs,
      '--output-file',
      out,
      '--json',
    ]);
    expect(run.code).toBe(0);
    const r = run.json!.result as {
      pairs: Array<{ mineId: string; theirsId: string; method: string }>;
      badRows: Array<{ line: number }>;
    };
    expect(r.pairs.map((p) => [p.mineId, p.theirsId])).toEqual([['M1', 'T1']]);
    expect(r.badRows.map((b) => b.line)).toEqual([4]);
    expect(readFileSync(out, 'utf8').split('\n')[1]).toMatch(
      new RegExp(`^M1,T1,${r.pairs[0].method},`),
    );
  });
});
