#!/usr/bin/env node
// Runs the `sf overlap …` commands without the sf CLI (CI, users without sf):
//   npm run -s sf -- overlap doctor      or      node bin/run.js overlap doctor
// The project has no build step: tsHooks.js transpiles the repo's TypeScript on load (CommonJS for
// the repo, ESM for api/src/commands, an ES module folder as sf-plugins-core 13 is ESM).
require('./tsHooks');
const { execute } = require('@oclif/core');

execute({ dir: __dirname }).catch((err) => {
  // execute() already printed oclif errors; anything else is a crash.
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exitCode = process.exitCode || 1;
});
