// `oclif.configMeta` entry: the `sf config` keys of this plugin (overlap-api-url, overlap-api-key),
// loaded through the repo's TypeScript hooks like bin/commands.mjs, for a plugin linked into sf.
import './tsHooks.js';

const meta = await import('../api/src/commands/configMeta.ts');
export default meta.default;
