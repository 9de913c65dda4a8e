import { Flags } from '@oclif/core';
import type { SyncRun } from '../lib/apiClient';
import { apiFlags, EXIT, loadMessages, makeClient, OverlapCommand } from '../lib/command';
import { isFinished, waitForRun } from '../lib/syncWait';

const messages = loadMessages('overlap.sync');

export type SyncResult = SyncRun;

export default class Sync extends OverlapCommand<SyncResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...apiFlags,
    wait: Flags.integer({
      summary: messages.getMessage('flags.wait.summary'),
      char: 'w',
      min: 0,
      max: 240,
      default: 10,
    }),
  };

  public async run(): Promise<SyncResult> {
    const { flags } = await this.parse(Sync);
    const client = await makeClient(flags);
    const started = await client.startSync();
    this.log(messages.getMessage('started', [started.id]));
    if (flags.wait === 0) return started;
    this.spinner.start('Syncing', started.status);
    const run = await waitForRun(client, started, flags.wait * 60_000, (r) => {
      this.spinner.status = `${r.status}${r.counts.pulledAccounts ? `, ${r.counts.pulledAccounts} accounts pulled` : ''}`;
    });
    this.spinner.stop(run.status);
    if (!isFinished(run)) {
      this.warn(messages.getMessage('timeout', [run.id, run.status, flags.wait]));
      return run;
    }
    this.table({ data: Object.entries(run.counts).map(([count, value]) => ({ count, value })) });
    if (run.errors.length) {
      this.table({
        data: run.errors.slice(0, 50).map((e) => ({
          stage: e.stage,
          object: e.object ?? '',
          key: e.key ?? '',
          message: e.message,
        })),
      });
    }
    if (run.status === 'failed' || run.status === 'partial') {
      this.warn(messages.getMessage('failed', [run.id, run.status, run.errors.length]));
      process.exitCode = EXIT.syncFailed;
    } else {
      this.logSuccess(`Sync run ${run.id} ${run.status}.`);
    }
    return run;
  }
}
