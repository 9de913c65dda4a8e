// Loads the repo's TypeScript for bin/run.js without a build step, and nothing else.
// tsx would do it too, but its hooks inspect every one of the ~2,000 node_modules files that
// sf-plugins-core pulls in (about 1 s of CPU per run); these in-thread hooks (node:module
// registerHooks, Node >= 22.15) only touch our own .ts files and leave node_modules to Node, whose
// compile cache then makes later runs cheaper still.
'use strict';
const { createHash } = require('node:crypto');
const {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { enableCompileCache, registerHooks } = require('node:module');
const { fileURLToPath } = require('node:url');

const ROOT = path.resolve(__dirname, '..');
// Bump when the transpile options below change, so cached output is not reused.
const VERSION = 1;
// Transpiled files are kept by content hash, so a run only starts esbuild for a file it has not seen.
const CACHE = path.join(os.tmpdir(), `overlap-ts-cache-${process.getuid?.() ?? 'user'}`);
let esbuild;
let cacheOk;

/** The cache holds code we run: use it only when it is our own private directory. */
function cacheUsable() {
  if (cacheOk !== undefined) return cacheOk;
  try {
    mkdirSync(CACHE, { recursive: true, mode: 0o700 });
    const st = lstatSync(CACHE);
    cacheOk =
      st.isDirectory() &&
      (st.mode & 0o022) === 0 &&
      (process.getuid === undefined || st.uid === process.getuid());
  } catch {
    cacheOk = false;
  }
  return cacheOk;
}

const ours = (file) =>
  file.startsWith(ROOT + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`);

/** The package.json "type" that governs a file (api/src/commands is an ES module folder). */
const typeCache = new Map();
function moduleType(dir) {
  if (typeCache.has(dir)) return typeCache.get(dir);
  const pj = path.join(dir, 'package.json');
  let type;
  if (existsSync(pj)) type = JSON.parse(readFileSync(pj, 'utf8')).type ?? 'commonjs';
  else
    type = dir === ROOT || path.dirname(dir) === dir ? 'commonjs' : moduleType(path.dirname(dir));
  typeCache.set(dir, type);
  return type;
}

function parentFile(context) {
  const p = context.parentURL;
  if (!p || !p.startsWith('file:')) return null;
  return fileURLToPath(p);
}

function resolve(specifier, context, nextResolve) {
  try {
    return nextResolve(specifier, context);
  } catch (err) {
    // TypeScript-style specifiers ('./lib/command', '../../matching') from our files: add the extension.
    const parent = parentFile(context);
    if (!parent || !ours(parent) || !/^\.\.?(\/|$)/.test(specifier)) throw err;
    for (const suffix of ['.ts', '/index.ts']) {
      if (existsSync(path.resolve(path.dirname(parent), specifier + suffix)))
        return nextResolve(specifier + suffix, context);
    }
    throw err;
  }
}

function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!ours(file)) return nextLoad(url, context);
  const format = moduleType(path.dirname(file)) === 'module' ? 'module' : 'commonjs';
  return { format, source: transpile(file, format), shortCircuit: true };
}

function transpile(file, format) {
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha1').update(`${VERSION}\0${format}\0${file}\0${source}`).digest('hex');
  const cached = cacheUsable() ? path.join(CACHE, `${key}.js`) : null;
  if (cached) {
    try {
      return readFileSync(cached, 'utf8');
    } catch {
      // not cached yet
    }
  }
  // esbuild is tsx's own transpiler: resolve it through tsx so no extra dependency is declared.
  esbuild ??= require(require.resolve('esbuild', { paths: [require.resolve('tsx')] }));
  const { code } = esbuild.transformSync(source, {
    loader: 'ts',
    format: format === 'module' ? 'esm' : 'cjs',
    // platform node: CommonJS output carries the export names Node needs for `import { x }`.
    platform: 'node',
    target: 'node22',
    sourcefile: file,
    sourcemap: 'inline',
  });
  if (cached) {
    try {
      // Write then rename, so a concurrent run never reads half a file.
      const tmp = `${cached}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, cached);
    } catch {
      // a full or read-only tmp only costs speed
    }
  }
  return code;
}

// bin/run.js and the oclif entries (bin/commands.mjs) both load this file: register once.
const REGISTERED = Symbol.for('overlap.tsHooks');
if (!globalThis[REGISTERED]) {
  globalThis[REGISTERED] = true;
  enableCompileCache?.();
  registerHooks({ resolve, load });
}
