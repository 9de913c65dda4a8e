import fs from 'node:fs';
import os from 'node:os';
import { buildPreviewBundle } from './build';
import { previewBundle } from './bundle';

/**
 * `tsx api/src/preview/buildCli.ts <out.js>` writes the preview bundle to a file; the server runs
 * it in a child process so a cold build never stalls the API. Without an argument
 * (`npm run preview:build`) it fills the bundle cache `npm start` reads and reports the time.
 */
async function main(out: string | undefined): Promise<void> {
  if (out) {
    fs.writeFileSync(out, await buildPreviewBundle());
    return;
  }
  const started = process.hrtime.bigint();
  const { code, cached } = await previewBundle();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // wall time of the child build; the load average says how busy the machine was meanwhile
  const loadAverage1m = Number(os.loadavg()[0].toFixed(2));
  const result = { cached, bytes: code.length, wallMs: Math.round(ms), loadAverage1m };
  process.stdout.write(
    `preview bundle ${cached ? 'read from the cache' : 'built'}: ${result.bytes} bytes in ${result.wallMs} ms (load average ${loadAverage1m})\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv[2]).catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
