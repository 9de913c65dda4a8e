#!/usr/bin/env node
// Same as run.js with oclif's development mode (verbose errors, DEBUG-friendly) and stack traces
// mapped back to the TypeScript lines.
process.setSourceMapsEnabled(true);
require('./tsHooks');
// tsHooks already loads the TypeScript: stop oclif's development mode from registering tsx/ts-node.
globalThis.oclif = { ...globalThis.oclif, enableAutoTranspile: false };
const { execute } = require('@oclif/core');

execute({ development: true, dir: __dirname }).catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exitCode = process.exitCode || 1;
});
