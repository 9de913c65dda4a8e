/**
 * `sf config set` without the sf CLI, for the tests: loads the plugin's config meta the way the
 * sf CLI does (package.json `oclif.configMeta`), then writes through @salesforce/core's Config,
 * which encrypts the keys marked `encrypted`. Run as a child with the test's HOME and cwd:
 *   node -r ./bin/tsHooks.js test/commands/sfConfigSet.ts [--global] key=value … [--local key=value …]
 * `--global` writes ~/.sf/config.json, `--local` (the default) the project's .sf/config.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Config, type ConfigPropertyMeta } from '@salesforce/core';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(argv: string[]): Promise<void> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    oclif: { configMeta: string };
  };
  const meta = (await import(path.join(ROOT, pkg.oclif.configMeta))) as {
    default: ConfigPropertyMeta[];
  };
  Config.addAllowedProperties(meta.default);
  const scopes = new Map<boolean, Config>();
  let isGlobal = false;
  for (const arg of argv) {
    if (arg === '--global' || arg === '--local') {
      isGlobal = arg === '--global';
      continue;
    }
    const at = arg.indexOf('=');
    // name only the key: the value may be a secret
    if (at < 1) throw new Error(`expected key=value, got "${arg.split('=')[0]}"`);
    if (!scopes.has(isGlobal)) scopes.set(isGlobal, await Config.create({ isGlobal }));
    scopes.get(isGlobal)!.set(arg.slice(0, at), arg.slice(at + 1));
  }
  for (const config of scopes.values()) await config.write();
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`${err.name}: ${err.message}\n`);
  process.exitCode = 1;
});
