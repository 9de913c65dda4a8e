/**
 * Runs `bin/run.js` as a child process, as a user or CI script would. The commands are ES
 * modules (sf-plugins-core 13 is ESM with top-level await), which jest's CommonJS runtime cannot
 * load, so the plugin is tested from the outside: arguments in, stdout/stderr and exit code out.
 *
 * Each run costs about 1.5 s of CPU (loading sf-plugins-core), so suites start independent runs
 * together; this module caps how many children run at once so they share the cores without
 * thrashing, and the jest process (the API under test) keeps some CPU.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
// An empty HOME so no real sf auth, config or log of the developer's is read or written.
export const HOME = mkdtempSync(path.join(os.tmpdir(), 'overlap-cli-home-'));
const MAX_CHILDREN = Math.max(2, Math.min(4, os.availableParallelism()));

export interface CliRun {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  json: {
    status: number;
    result?: unknown;
    name?: string;
    message?: string;
    exitCode?: number;
    actions?: string[];
    [k: string]: unknown;
  } | null;
}

let running = 0;
const waiting: Array<() => void> = [];

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CHILDREN) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs `sf <args>` through bin/run.js; never rejects (a failed run is a result to assert on). */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  opts: { cwd?: string } = {},
): Promise<CliRun> {
  return runNode([path.join(ROOT, 'bin', 'run.js')], args, env, opts.cwd ?? ROOT);
}

function runNode(
  script: string[],
  args: string[],
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<CliRun> {
  return slot(
    () =>
      new Promise<CliRun>((resolve) => {
        execFile(
          process.execPath,
          [...script, ...args],
          {
            cwd,
            timeout: 60_000,
            maxBuffer: 20 * 1024 * 1024,
            env: {
              PATH: process.env.PATH,
              HOME,
              SF_DISABLE_TELEMETRY: 'true',
              SF_DISABLE_LOG_FILE: 'true',
              SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
              SF_AUTOUPDATE_DISABLE: 'true',
              NODE_ENV: 'production',
              ...env,
            },
          },
          (err, stdout, stderr) => {
            const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
            let json: CliRun['json'] = null;
            try {
              json = JSON.parse(stdout);
            } catch {
              json = null;
            }
            resolve({ args, code, stdout, stderr, json });
          },
        );
      }),
  );
}

export interface SfConfigHome {
  /** env for runCli: this HOME holds the global config and the keychain key that encrypts it */
  env: { HOME: string };
  /** a project folder (sfdx-project.json) holding the local config: runCli's cwd */
  cwd: string;
  globalFile: string;
  localFile: string;
}

/**
 * A fresh HOME and project with config written as `sf config set [--global]` writes it (one
 * child: test/commands/sfConfigSet.ts loads the plugin's configMeta and writes through core's
 * Config). Rejects when the write fails, with its stderr.
 */
export async function storeSfConfig(
  global: Record<string, string>,
  local: Record<string, string>,
): Promise<SfConfigHome> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'overlap-cli-cfg-home-'));
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'overlap-cli-cfg-project-'));
  writeFileSync(
    path.join(cwd, 'sfdx-project.json'),
    '{"packageDirectories":[{"path":"force-app","default":true}]}\n',
  );
  const pairs = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}=${v}`);
  const run = await runNode(
    ['-r', path.join(ROOT, 'bin', 'tsHooks.js'), path.join(__dirname, 'sfConfigSet.ts')],
    ['--global', ...pairs(global), '--local', ...pairs(local)],
    { HOME: home },
    cwd,
  );
  if (run.code !== 0) throw new Error(`sfConfigSet exited ${run.code}: ${run.stderr}`);
  return {
    env: { HOME: home },
    cwd,
    globalFile: path.join(home, '.sf', 'config.json'),
    localFile: path.join(cwd, '.sf', 'config.json'),
  };
}

/** The run's `result`, or a failure that shows what the command printed instead. */
export function resultOf(run: CliRun): unknown {
  if (!run.json || !('result' in run.json)) {
    throw new Error(
      `sf ${run.args.join(' ')} exited ${run.code} without a JSON result:\n${run.stdout}\n${run.stderr}`,
    );
  }
  return run.json.result;
}
