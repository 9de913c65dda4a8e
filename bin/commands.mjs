// Entry the oclif manifest points at (`oclif.commands.target`). A plugin linked into the sf CLI
// (`sf plugins link .`) is loaded by sf's own Node, with no build step: register the repo's
// TypeScript hooks first, then load the command list, so `sf overlap …` runs the same code as
// bin/run.js.
import './tsHooks.js';

const { COMMANDS } = await import('../api/src/commands/index.ts');
export { COMMANDS };
