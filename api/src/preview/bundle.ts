import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');
const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/overlap-preview');

/** Every file the bundle is made from, so a changed component or dependency rebuilds it. */
function inputFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== '__tests__') walk(file);
      } else if (/\.(js|mjs|ts|html|css)$/.test(e.name)) files.push(file);
    }
  };
  walk(path.join(ROOT, 'force-app/main/default/lwc'));
  walk(path.join(__dirname, 'client'));
  files.push(path.join(__dirname, 'build.ts'));
  for (const pkg of ['lwc', 'lightning-base-components', 'rollup', '@lwc/rollup-plugin']) {
    files.push(path.join(ROOT, 'node_modules', pkg, 'package.json'));
  }
  return files.sort();
}

function inputHash(): string {
  const hash = crypto.createHash('sha256');
  for (const file of inputFiles()) hash.update(file).update('\0').update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The preview bundle, built once per set of inputs: a cold build compiles the components and the
 * lightning-base-components they use (~10 s of CPU, in a child process), so the result is kept on
 * disk and reused by later starts until a component, a preview module or a dependency changes.
 */
export async function previewBundle(): Promise<{ code: string; cached: boolean }> {
  const file = path.join(CACHE_DIR, `${inputHash()}.js`);
  if (fs.existsSync(file)) return { code: fs.readFileSync(file, 'utf8'), cached: true };
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // built to a temporary name then renamed, so a concurrent start never reads half a bundle
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'buildCli.ts'), tmp],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`The preview build failed: ${stderr || (err as Error).message}`);
  }
  fs.renameSync(tmp, file);
  for (const old of fs.readdirSync(CACHE_DIR)) {
    if (old.endsWith('.js') && path.join(CACHE_DIR, old) !== file)
      fs.rmSync(path.join(CACHE_DIR, old), { force: true });
  }
  const code = fs.readFileSync(file, 'utf8');
  return { code, cached: false };
}
