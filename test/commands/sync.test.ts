import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createApp } from '../../api/src/app';
import { createWorkspace, issueApiKey } from '../../api/src/mapping/workspaces';
import { generateDemo } from '../../api/src/demo/generate';
import { createEmulator, seedDemoOrg, type Emulator } from '../emulator';
import { createTestContext, type TestContext } from '../helpers/context';
import { resultOf, runCli, type CliRun } from './run';
import { ConnectResult, ErrorBody, SyncRun } from './schemas';

jest.setTimeout(120_000);

/**
 * connect, sync and sync list against the real API and Salesforce emulators. The org is given
 * as sf does for a raw session: `--target-org <access token>` plus SF_ORG_INSTANCE_URL. Three
 * workspaces, one emulator each, so the flows run side by side without touching each other:
 * "ready" (demo org, deployed metadata) connects and syncs; "bare" (an org without the Overlap
 * metadata) must be refused before anything reaches the API; "broken" syncs with a dead session.
 */
describe('sf overlap connect / sync / sync list', () => {
  let ctx: TestContext;
  let server: Server;
  let url: string;
  const emulators: Emulator[] = [];
  /** Authorization headers seen by the API, to prove what was (not) sent. */
  const seenKeys: string[] = [];
  const ws: Record<'ready' | 'bare' | 'broken', { id: string; key: string }> = {} as never;
  let ready: Emulator;
  let bare: Emulator;
  let broken: Emulator;
  let readyFlow: Promise<{
    connect: CliRun;
    sync: CliRun;
    list: CliRun;
    noWait: CliRun;
    runs: unknown;
  }>;
  let bareFlow: Promise<{ connect: CliRun; requestsWithKey: number; connection: number }>;
  let brokenFlow: Promise<{ sync: CliRun }>;

  const api = (key: string, p: string, init: RequestInit = {}) =>
    fetch(`${url}${p}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });
  const sf = (key: string, args: string[], extra: Record<string, string> = {}) =>
    runCli(args, { OVERLAP_API_URL: url, OVERLAP_API_KEY: key, ...extra });
  const asOrg = (e: Emulator, token = e.accessToken) => ({
    args: ['--target-org', token],
    env: { SF_ORG_INSTANCE_URL: e.instanceUrl },
  });

  async function finished(key: string, id: string): Promise<z.infer<typeof SyncRun>> {
    for (let i = 0; i < 600; i++) {
      const run = SyncRun.parse(await (await api(key, `/v1/sync-runs/${id}`)).json());
      if (run.status !== 'queued' && run.status !== 'running') return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`sync run ${id} did not finish`);
  }

  beforeAll(async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'overlap-cli-sync-'));
    ctx = await createTestContext('sqlite', { dataDir: tmp, secretKey: 'c'.repeat(64) });
    const app = createApp(ctx);
    server = createServer((req, res) => {
      seenKeys.push(String(req.headers.authorization ?? ''));
      app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    for (const name of ['ready', 'bare', 'broken'] as const) {
      const w = await createWorkspace(ctx.db, `CLI ${name}`);
      ws[name] = { id: w.id, key: (await issueApiKey(ctx.db, w.id, 'cli', 'admin')).key };
    }
    ready = await createEmulator({ bulkTickMs: 1 });
    seedDemoOrg(ready.org, generateDemo({ size: 60, shared: 10 }).acme);
    // An org without the Overlap objects: a force-app folder with nothing in it.
    bare = await createEmulator({ forceAppDir: mkdtempSync(path.join(tmp, 'empty-force-app-')) });
    broken = await createEmulator({ bulkTickMs: 1 });
    emulators.push(ready, bare, broken);

    readyFlow = (async () => {
      const org = asOrg(ready);
      const connect = await sf(
        ws.ready.key,
        ['overlap', 'connect', ...org.args, '--json'],
        org.env,
      );
      const sync = await sf(ws.ready.key, ['overlap', 'sync', '--wait', '2']);
      const list = await sf(ws.ready.key, ['overlap', 'sync', 'list', '--json']);
      const noWait = await sf(ws.ready.key, ['overlap', 'sync', '--wait', '0', '--json']);
      const id = (noWait.json?.result as { id?: string } | undefined)?.id;
      // The run --wait 0 left going must end before the server closes.
      const runs = id ? await finished(ws.ready.key, id) : null;
      return { connect, sync, list, noWait, runs };
    })();
    bareFlow = (async () => {
      const org = asOrg(bare);
      const connect = await sf(ws.bare.key, ['overlap', 'connect', ...org.args, '--json'], org.env);
      const requestsWithKey = seenKeys.filter((k) => k.includes(ws.bare.key)).length;
      const connection = (await api(ws.bare.key, '/v1/salesforce/connection')).status;
      return { connect, requestsWithKey, connection };
    })();
    brokenFlow = (async () => {
      // Connected through the API directly; then every session of that org dies.
      await api(ws.broken.key, '/v1/salesforce/connection', {
        method: 'POST',
        body: JSON.stringify({
          method: 'token',
          instanceUrl: broken.instanceUrl,
          accessToken: broken.accessToken,
        }),
      });
      broken.expireTokens();
      return { sync: await sf(ws.broken.key, ['overlap', 'sync', '--wait', '1', '--json']) };
    })();
  });

  afterAll(async () => {
    await Promise.allSettled([readyFlow, bareFlow, brokenFlow]);
    await new Promise((r) => server.close(r));
    await Promise.all(emulators.map((e) => e.close()));
    await ctx.close();
  });

  test('connect: checks the org, hands its session to the API, never prints the token', async () => {
    const { connect } = await readyFlow;
    expect(connect.code).toBe(0);
    const r = ConnectResult.parse(resultOf(connect));
    expect(r.connection).toMatchObject({
      status: 'connected',
      method: 'token',
      instanceUrl: ready.instanceUrl,
    });
    expect(r.checks.map((c) => [c.name, c.status])).toEqual([
      ['Overlap metadata deployed', 'pass'],
      ['Permission set assigned', 'pass'],
    ]);
    expect(connect.stdout + connect.stderr).not.toContain(ready.accessToken);
    expect(connect.stdout + connect.stderr).not.toContain(ws.ready.key);
    const stored = await ctx.db('sf_connections').where({ workspace_id: ws.ready.id }).first();
    expect(stored).toBeDefined();
  });

  test('connect to an org without the metadata: exit 9, what is missing and the deploy fix; nothing sent', async () => {
    const { connect, requestsWithKey, connection } = await bareFlow;
    expect(connect.code).toBe(9);
    const err = ErrorBody.parse(connect.json);
    expect(err).toMatchObject({ status: 9, exitCode: 9, name: 'OrgNotReadyError' });
    expect(err.message).toContain('The org is not ready for Overlap');
    expect(err.message).toContain('missing: Partner__c, Partner_Overlap__c');
    expect(connect.json!.actions!.join('\n')).toContain('sf project deploy start');
    expect(connect.stdout + connect.stderr).not.toContain(bare.accessToken);
    expect(requestsWithKey).toBe(0);
    expect(connection).toBe(404);
  });

  test('sync --wait: waits for the run and shows its counts; sync list --json lists it', async () => {
    const { sync, list } = await readyFlow;
    expect(sync.code).toBe(0);
    const runs = z.array(SyncRun).parse(resultOf(list));
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run.status).toBe('succeeded');
    expect(run.counts.pulledAccounts).toBeGreaterThan(0);
    expect(sync.stdout).toContain(`Sync run ${run.id} started.`);
    expect(sync.stdout).toContain(`Sync run ${run.id} succeeded.`);
    // The counts table: one line per count with its value.
    for (const [name, value] of Object.entries(run.counts))
      expect(sync.stdout).toMatch(new RegExp(`${name}\\s*│\\s*${value}\\s*│`));
  });

  test('sync --wait 0 --json returns the queued run at once', async () => {
    const { noWait, runs } = await readyFlow;
    expect(noWait.code).toBe(0);
    const run = SyncRun.parse(resultOf(noWait));
    expect(['queued', 'running']).toContain(run.status);
    expect(run.finishedAt).toBeNull();
    expect(runs).toMatchObject({ id: run.id, status: 'succeeded' });
  });

  test('a failing sync: exit 8, the run with its error in --json', async () => {
    const { sync } = await brokenFlow;
    expect(sync.code).toBe(8);
    const run = SyncRun.parse(resultOf(sync));
    expect(run.status).toBe('failed');
    expect(run.errors.length).toBeGreaterThan(0);
    expect(sync.json!.status).toBe(8);
    expect(run.errors[0].message).toContain('The access token expired');
    // With --json the warning travels in the JSON's warnings, not on stderr.
    expect(sync.json!.warnings).toEqual(
      expect.arrayContaining([`Sync run ${run.id} failed with ${run.errors.length} error(s).`]),
    );
  });
});
