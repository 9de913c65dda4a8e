#!/usr/bin/env node
// Same as run.js with oclif's development mode (verbose errors, DEBUG-friendly).
require('tsx/cjs');
require('tsx/esm/api').register();
const { execute } = require('@oclif/core');

execute({ development: true, dir: __dirname }).catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exitCode = process.exitCode || 1;
});
