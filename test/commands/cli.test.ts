import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createApp } from '../../api/src/app';
import { createWorkspace, issueApiKey } from '../../api/src/mapping/workspaces';
import { seedDemo, type DemoKeys } from '../../api/src/demo/seed';
import { createTestContext, type TestContext } from '../helpers/context';
import { resultOf, runCli, storeSfConfig, type CliRun, type SfConfigHome } from './run';
import {
  Check,
  ImportResult,
  Matrix,
  Overlap,
  Partner,
  PlanningSession,
  PlanVsTarget,
  Sharing,
} from './schemas';

jest.setTimeout(120_000);

const BAD_KEY = 'ovl_AAAAAAAA_' + 'B'.repeat(43);
const DOWN = 'http://127.0.0.1:9';

/**
 * Every child run costs CPU, so runs start together in beforeAll: first the reads of the seeded
 * state (all at once), then the flows that write, each flow in its own order but side by side
 * (they touch different rows). Each test awaits its runs and asserts on them.
 */
describe('sf overlap commands against the real API on loopback', () => {
  let ctx: TestContext;
  let server: Server;
  let url: string;
  let keys: DemoKeys;
  let env: Record<string, string>;
  let partnerId: string;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'overlap-cli-'));
  const files = {
    accounts: path.join(tmp, 'accounts.csv'),
    bad: path.join(tmp, 'bad.csv'),
    mine: path.join(tmp, 'mine.csv'),
    theirs: path.join(tmp, 'theirs.csv'),
    pairs: path.join(tmp, 'pairs.csv'),
  };
  let reads: Record<string, Promise<CliRun>>;
  let sfConfig: Promise<SfConfigHome>;
  let matrixDirect: Promise<unknown>;
  let planDirect: Promise<{ plan: unknown; sessions: unknown }>;
  let sharingFlow: Promise<{ bad: CliRun; set: CliRun }>;
  let importFlow: Promise<{
    allBad: CliRun;
    countsAroundAllBad: [number, number];
    mixed: CliRun;
    again: CliRun;
  }>;
  let inviteFlow: Promise<{ invite: CliRun; accept: CliRun }>;

  const acmeRecords = async () =>
    Number(
      (await ctx.db('records').where({ workspace_id: keys.workspaces[0].id }).count({ n: '*' }))[0]
        .n,
    );

  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { dataDir: tmp });
    keys = (await seedDemo(ctx))!;
    server = await new Promise<Server>((resolve) => {
      const s = createApp(ctx).listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    env = { OVERLAP_API_URL: url, OVERLAP_API_KEY: keys.workspaces[0].adminKey };
    partnerId = (await ctx.db('partners').where({ workspace_id: keys.workspaces[0].id }).first())
      .id;
    writeFileSync(
      files.accounts,
      'Id,Name,Website\nCLI0001,Foo Robotics,foorobotics.example\nCLI0002,,bar.example\nCLI0003,Baz Labs,bazlabs.example\n',
    );
    writeFileSync(files.bad, 'Id,Name\n,Nameless\nCLI0100,\n');
    writeFileSync(
      files.mine,
      'Id,Name,Website\nM1,Acme Robotics Inc,https://acmerobotics.example\nM2,Zeta Foods,zetafoods.example\nM3,,nowhere.example\n',
    );
    writeFileSync(
      files.theirs,
      'id,name,website\nT1,ACME Robotics,www.acmerobotics.example\nT2,Unrelated Ltd,unrelated.example\n',
    );
    const sf = (args: string[], extra: Record<string, string> = {}) =>
      runCli(args, { ...env, ...extra });
    const p = ['-p', partnerId];
    // The key only in the global sf config (encrypted), the URL only in the project's: one run
    // reads both from there; the bad-key and API-down runs show flags/env win over the config.
    sfConfig = storeSfConfig(
      { 'overlap-api-key': env.OVERLAP_API_KEY },
      { 'overlap-api-url': url },
    );
    const fromConfig = (args: string[], extra: Record<string, string> = {}) =>
      sfConfig.then((c) => runCli(args, { ...extra, ...c.env }, { cwd: c.cwd }));

    reads = {
      partners: fromConfig(['overlap', 'partner', 'list', '--json']),
      badKey: fromConfig(['overlap', 'partner', 'list'], { ...env, OVERLAP_API_KEY: BAD_KEY }),
      down: fromConfig(['overlap', 'partner', 'list', '--json'], { ...env, OVERLAP_API_URL: DOWN }),
      noKey: sf(['overlap', 'sync', 'list', '--json'], { OVERLAP_API_KEY: '' }),
      matrix: sf(['overlap', 'matrix', '--partner', partnerId, '--json']),
      matrixHuman: sf(['overlap', 'matrix', '--partner', partnerId]),
      unknownPartner: sf(['overlap', 'matrix', '--partner', 'no-such-partner', '--json']),
      sharingBefore: sf(['overlap', 'sharing', 'get', ...p, '--json']),
      overlaps: sf(['overlap', 'overlap', 'list', ...p, '--limit', '5', '--json']),
      overlapsCsv: sf([
        'overlap',
        'overlap',
        'list',
        ...p,
        '--limit',
        '3',
        '--result-format',
        'csv',
      ]),
      planTargets: sf(['overlap', 'planning', 'target', 'list', '--json']),
      planTargetsCsv: sf(['overlap', 'planning', 'target', 'list', '--result-format', 'csv']),
      planBadQuarter: sf(['overlap', 'planning', 'target', 'list', '-q', '2026-Q5', '--json']),
      planSessions: sf(['overlap', 'planning', 'session', 'list', ...p, '--json']),
      doctor: sf(['overlap', 'doctor', '--json']),
      doctorDown: sf(['overlap', 'doctor', '--json'], { OVERLAP_API_URL: DOWN }),
      match: runCli([
        'overlap',
        'match',
        '--mine',
        files.mine,
        '--theirs',
        files.theirs,
        '--output-file',
        files.pairs,
        '--json',
      ]),
    };
    matrixDirect = fetch(`${url}/v1/partners/${partnerId}/matrix`, {
      headers: { authorization: `Bearer ${env.OVERLAP_API_KEY}` },
    }).then((r) => r.json());
    const get = (path: string) =>
      fetch(`${url}${path}`, {
        headers: { authorization: `Bearer ${env.OVERLAP_API_KEY}` },
      }).then((r) => r.json());
    planDirect = Promise.all([
      get('/v1/planning/plan-vs-target'),
      get(`/v1/planning-sessions?partnerId=${partnerId}&limit=20`),
    ]).then(([plan, sessions]) => ({ plan, sessions }));
    const readsDone = Promise.all([...Object.values(reads), matrixDirect, planDirect]);

    sharingFlow = readsDone.then(async () => {
      const set = ['overlap', 'sharing', 'set', ...p, '--json', '--population'];
      const bad = await sf([...set, 'Nope', '--level', 'counts']);
      return {
        bad,
        set: await sf([...set, 'leads', '--level', 'overlaps', '--fields', 'ownerName,website']),
      };
    });
    importFlow = readsDone.then(async () => {
      const n0 = await acmeRecords();
      const allBad = await sf(['overlap', 'import', '--file', files.bad, '--json']);
      const n1 = await acmeRecords();
      const mixed = await sf(['overlap', 'import', '--file', files.accounts, '--json']);
      const again = await sf(['overlap', 'import', '--file', files.accounts, '--json']);
      return { allBad, countsAroundAllBad: [n0, n1], mixed, again };
    });
    inviteFlow = readsDone.then(async () => {
      const initech = await createWorkspace(ctx.db, 'Initech');
      const key = await issueApiKey(ctx.db, initech.id, 'cli test', 'admin');
      const invite = await sf(['overlap', 'partner', 'invite', '--name', 'Initech', '--json']);
      const token = (invite.json?.result as { inviteToken?: string } | undefined)?.inviteToken;
      const accept = await sf(['overlap', 'partner', 'accept', '--token', token ?? '', '--json'], {
        OVERLAP_API_KEY: key.key,
      });
      return { invite, accept };
    });
  });

  afterAll(async () => {
    // Let every started run finish before the server goes away.
    await Promise.allSettled([sharingFlow, importFlow, inviteFlow]);
    await new Promise((r) => server.close(r));
    await ctx.close();
  });

  test('partner list --json returns the workspace partners, URL and key from the sf config only', async () => {
    const run = await reads.partners;
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(env.OVERLAP_API_KEY);
    const { globalFile, localFile } = await sfConfig;
    expect(JSON.parse(readFileSync(localFile, 'utf8'))).toEqual({ 'overlap-api-url': url });
    // stored, but encrypted
    const stored = JSON.parse(readFileSync(globalFile, 'utf8'))['overlap-api-key'];
    expect(stored).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
    expect(readFileSync(globalFile, 'utf8')).not.toContain(env.OVERLAP_API_KEY);
    const partners = z.array(Partner).parse(resultOf(run));
    expect(partners.map((p) => [p.id, p.name, p.status])).toEqual([
      [partnerId, 'Globex Data', 'active'],
    ]);
  });

  test('key rejected: exit 4 and the key never appears; no key at all: exit 4 with the fix', async () => {
    // OVERLAP_API_KEY wins over the (valid) key in the sf config
    const run = await reads.badKey;
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('rejected the API key');
    expect(run.stdout + run.stderr).not.toContain(BAD_KEY);
    expect(run.stdout + run.stderr).not.toContain(env.OVERLAP_API_KEY);
    const none = await reads.noKey;
    expect(none.code).toBe(4);
    expect(none.json).toMatchObject({ status: 4, name: 'NoApiKeyError' });
    expect(none.json!.actions!.join('\n')).toContain('OVERLAP_API_KEY');
  });

  test('API down: exit 3 with the documented message', async () => {
    // OVERLAP_API_URL wins over the (working) URL in the sf config
    const run = await reads.down;
    expect(run.code).toBe(3);
    expect(run.json).toMatchObject({ status: 3, name: 'ApiUnreachableError' });
    expect(run.json!.message).toContain(`Can't reach the Overlap API at ${DOWN}`);
  });

  test('matrix --json matches the API, and the table shows its counts', async () => {
    const run = await reads.matrix;
    expect(run.code).toBe(0);
    const m = Matrix.parse(resultOf(run));
    expect(m).toEqual(Matrix.parse(await matrixDirect));
    expect(m.cells.length).toBeGreaterThan(0);
    const human = await reads.matrixHuman;
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Globex Data');
    for (const c of m.cells) expect(human.stdout).toContain(String(c.count));
  });

  test('unknown partner: exit 7', async () => {
    const run = await reads.unknownPartner;
    expect(run.code).toBe(7);
    expect(run.json).toMatchObject({ status: 7, name: 'NotFoundError' });
  });

  test('sharing set changes one population, keeps the rest; a bad population changes nothing', async () => {
    const before = Sharing.parse(resultOf(await reads.sharingBefore));
    const { bad, set } = await sharingFlow;
    expect(bad.code).toBe(2);
    expect(bad.json!.message).toContain('No population named "Nope"');
    expect(set.code).toBe(0);
    const after = Sharing.parse(resultOf(set));
    // Every rule but Leads is as before the bad run and the good one.
    expect(after.rules.map((r) => r.populationId).sort()).toEqual(
      before.rules.map((r) => r.populationId).sort(),
    );
    for (const r of after.rules) {
      const old = before.rules.find((b) => b.populationId === r.populationId)!;
      if (r.populationName === 'Leads')
        expect(r).toMatchObject({ level: 'overlaps', fields: ['ownerName', 'website'] });
      else expect(r).toEqual(old);
    }
  });

  test('import: no valid row stores nothing (exit 5); good rows stored, bad row written with line and reason (exit 5); re-import changes nothing', async () => {
    const { allBad, countsAroundAllBad, mixed, again } = await importFlow;
    expect(allBad.code).toBe(5);
    expect(allBad.json).toMatchObject({ name: 'NoValidRowsError' });
    expect(existsSync(`${files.bad}.rejected.csv`)).toBe(true);
    expect(countsAroundAllBad[1]).toBe(countsAroundAllBad[0]);

    expect(mixed.code).toBe(5);
    expect(ImportResult.parse(resultOf(mixed))).toMatchObject({
      accepted: 2,
      inserted: 2,
      rejectedCount: 1,
      rejectedFile: `${files.accounts}.rejected.csv`,
    });
    expect(readFileSync(`${files.accounts}.rejected.csv`, 'utf8')).toMatch(
      /^line,field,reason\n3,name,/,
    );
    const stored = await ctx
      .db('records')
      .where({ workspace_id: keys.workspaces[0].id })
      .whereIn('source_id', ['CLI0001', 'CLI0002', 'CLI0003', 'CLI0100'])
      .pluck('source_id');
    expect(stored.sort()).toEqual(['CLI0001', 'CLI0003']);
    expect(ImportResult.parse(resultOf(again))).toMatchObject({
      accepted: 2,
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  test('overlap list: JSON, and CSV with a header', async () => {
    const run = await reads.overlaps;
    expect(run.code).toBe(0);
    const list = z.array(Overlap).parse(resultOf(run));
    expect(list.length).toBe(5);
    for (const o of list) expect(o.partner.id).toBe(partnerId);
    const csv = await reads.overlapsCsv;
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'account,accountId,myPopulations,partnerPopulations,partnerAccount,partnerOwner,method,confidence',
    );
    expect(lines).toHaveLength(4);
  });

  test('planning target list: plan versus target as the API answers it, as CSV, and a bad quarter (exit 2)', async () => {
    const run = await reads.planTargets;
    expect(run.code).toBe(0);
    const plan = PlanVsTarget.parse(resultOf(run));
    const direct = await planDirect;
    expect(plan).toEqual(PlanVsTarget.parse(direct.plan));
    // the demo sets a target for Globex this quarter
    const globex = plan.data.find((r) => r.partner.id === partnerId)!;
    expect(globex.target).toBeGreaterThan(0);
    expect(globex.gap).toBe(Math.max(0, globex.target! - globex.planned));
    const csv = (await reads.planTargetsCsv).stdout.trim().split('\n');
    expect(csv[0]).toBe('partnerId,partner,quarter,target,planned,gap,attainment');
    expect(csv).toHaveLength(plan.data.length + 2);
    expect(csv[1]).toBe(
      [
        partnerId,
        'Globex Data',
        plan.quarter,
        globex.target,
        globex.planned,
        globex.gap,
        globex.attainment,
      ].join(','),
    );
    expect(csv[csv.length - 1]).toMatch(new RegExp(`^\\*,All partners,${plan.quarter},`));
    const bad = await reads.planBadQuarter;
    expect(bad.code).toBe(2);
    expect(bad.json).toMatchObject({ status: 2, name: 'BadQuarterError' });
    expect(bad.json!.message).toContain('2026-Q5');
  });

  test("planning session list --json: the partner's sessions, earliest first", async () => {
    const run = await reads.planSessions;
    expect(run.code).toBe(0);
    const sessions = z.array(PlanningSession).parse(resultOf(run));
    const direct = z
      .object({ data: z.array(PlanningSession) })
      .parse((await planDirect).sessions).data;
    expect(sessions.map((s) => s.id)).toEqual(direct.map((s) => s.id));
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) expect(s.partner.id).toBe(partnerId);
    const starts = sessions.map((s) => s.startsAt);
    expect(starts).toEqual([...starts].sort());
  });

  test('partner invite, then accept with the invited workspace key', async () => {
    const { invite, accept } = await inviteFlow;
    expect(invite.code).toBe(0);
    const { partner, inviteToken } = z
      .object({ partner: Partner, inviteToken: z.string() })
      .parse(resultOf(invite));
    expect(partner).toMatchObject({ name: 'Initech', status: 'invited', kind: 'workspace' });
    expect(inviteToken).toMatch(/^ovi_/);
    expect(accept.code).toBe(0);
    expect(Partner.parse(resultOf(accept))).toMatchObject({
      name: 'Acme Cloud',
      status: 'active',
    });
  });

  test('doctor: one check per line; API down fails the first check with its fix (exit 6)', async () => {
    const run = await reads.doctor;
    expect(run.stdout + run.stderr).not.toContain(env.OVERLAP_API_KEY);
    const checks = z.array(Check).parse((resultOf(run) as { checks: unknown }).checks);
    expect(checks.slice(0, 3).map((c) => [c.name, c.status])).toEqual([
      ['API reachable', 'pass'],
      ['API version compatible', 'pass'],
      ['API key valid', 'pass'],
    ]);
    expect(run.code).toBe(checks.some((c) => c.status === 'fail') ? 6 : 0);
    const down = await reads.doctorDown;
    expect(down.code).toBe(6);
    const first = z.array(Check).parse((resultOf(down) as { checks: unknown }).checks)[0];
    expect(first).toMatchObject({ name: 'API reachable', status: 'fail' });
    expect(first.fix).toContain('npm start');
  });

  test('match (offline, no server): pairs from the engine, bad rows with their line', async () => {
    const run = await reads.match;
    expect(run.code).toBe(0);
    const r = resultOf(run) as {
      pairs: Array<{ mineId: string; theirsId: string; method: string }>;
      badRows: Array<{ line: number }>;
    };
    expect(r.pairs.map((p) => [p.mineId, p.theirsId])).toEqual([['M1', 'T1']]);
    expect(r.badRows.map((b) => b.line)).toEqual([4]);
    expect(readFileSync(files.pairs, 'utf8').split('\n')[1]).toMatch(
      new RegExp(`^M1,T1,${r.pairs[0].method},`),
    );
  });
});
