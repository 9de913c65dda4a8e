/**
 * Runs `bin/run.js` as a child process, as a user or CI script would. The commands are ES
 * modules (sf-plugins-core 13 is ESM with top-level await), which jest's CommonJS runtime cannot
 * load, so the plugin is tested from the outside: arguments in, stdout/stderr and exit code out.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
// An empty HOME so no real sf auth, config or log of the developer's is read or written.
const HOME = mkdtempSync(path.join(os.tmpdir(), 'overlap-cli-home-'));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: {
    status: number;
    result?: unknown;
    name?: string;
    message?: string;
    exitCode?: number;
    [k: string]: unknown;
  } | null;
}

export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'run.js'), ...args],
      {
        cwd: ROOT,
        timeout: 60_000,
        maxBuffer: 20 * 1024 * 1024,
        env: {
          PATH: process.env.PATH,
          HOME,
          SF_DISABLE_TELEMETRY: 'true',
          SF_DISABLE_LOG_FILE: 'true',
          SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
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
        resolve({ code, stdout, stderr, json });
      },
    );
  });
}
