/**
 * Starts the emulator from the command line:
 *   npx tsx test/emulator/cli.ts [--port 0] [--seed-demo] [--company acme|globex]
 * Prints the URL and credentials, then runs until interrupted.
 */
import { parseArgs } from 'node:util';
import { generateDemo } from '../../api/src/demo/generate';
import { createEmulator, seedDemoOrg } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'seed-demo': { type: 'boolean', default: false },
      company: { type: 'string', default: 'acme' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0)
    throw new Error(`--port must be a port number, got ${values.port}`);
  if (values.company !== 'acme' && values.company !== 'globex')
    throw new Error('--company must be acme or globex');
  const sf = await createEmulator({ port });
  if (values['seed-demo']) {
    const summary = seedDemoOrg(sf.org, generateDemo()[values.company]);
    console.log(
      `seeded ${summary.accounts} accounts, ${summary.opportunities} opportunities, ${summary.users} users`,
    );
  }
  for (const w of sf.schemaWarnings) console.warn(`schema: ${w}`);
  console.log(`Salesforce emulator at ${sf.url}`);
  console.log(
    JSON.stringify({
      url: sf.url,
      clientId: sf.clientId,
      clientSecret: sf.clientSecret,
      accessToken: sf.accessToken,
    }),
  );
  const stop = (): void => {
    void sf.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
