import { Flags } from '@oclif/core';
import type { SyncRun } from '../../lib/apiClient';
import { apiFlags, loadMessages, makeClient, OverlapCommand } from '../../lib/command';

const messages = loadMessages('overlap.sync.list');

export type SyncListResult = SyncRun[];

export default class SyncList extends OverlapCommand<SyncListResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...apiFlags,
    limit: Flags.integer({
      summary: messages.getMessage('flags.limit.summary'),
      min: 1,
      max: 100,
      default: 10,
    }),
  };

  public async run(): Promise<SyncListResult> {
    const { flags } = await this.parse(SyncList);
    const client = await makeClient(flags);
    const runs = await client.listSyncRuns(flags.limit);
    this.table({
      data: runs.map((r) => ({
        id: r.id,
        status: r.status,
        trigger: r.trigger,
        started: r.startedAt ?? r.createdAt,
        pulled: (r.counts.pulledAccounts ?? 0) + (r.counts.pulledOpportunities ?? 0),
        pushed: r.counts.pushed ?? 0,
        errors: r.errors.length,
      })),
    });
    return runs;
  }
}
