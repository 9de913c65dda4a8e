import { Flags } from '@oclif/core';
import { stringify } from 'csv-stringify/sync';
import type { Overlap } from '../../lib/apiClient';
import { apiFlags, loadMessages, makeClient, OverlapCommand, partnerFlag } from '../../lib/command';

const messages = loadMessages('overlap.overlap.list');

export type OverlapListResult = Overlap[];

function flat(o: Overlap): Record<string, string | number> {
  const p = o.partnerRecord as { name?: string; ownerName?: string; ownerEmail?: string };
  return {
    account: o.myRecord.name,
    accountId: o.myRecord.sourceId,
    myPopulations: o.myPopulations.join('; '),
    partnerPopulations: o.partnerPopulations.join('; '),
    partnerAccount: p.name ?? '',
    partnerOwner: [p.ownerName, p.ownerEmail].filter(Boolean).join(' '),
    method: o.method,
    confidence: o.confidence,
  };
}

export default class OverlapList extends OverlapCommand<OverlapListResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...apiFlags,
    partner: partnerFlag(true),
    population: Flags.string({ summary: messages.getMessage('flags.population.summary') }),
    'result-format': Flags.option({
      summary: messages.getMessage('flags.result-format.summary'),
      options: ['human', 'csv'] as const,
      default: 'human',
    })(),
    limit: Flags.integer({
      summary: messages.getMessage('flags.limit.summary'),
      min: 1,
      max: 100_000,
      default: 1000,
    }),
  };

  public async run(): Promise<OverlapListResult> {
    const { flags } = await this.parse(OverlapList);
    const client = await makeClient(flags);
    const overlaps = await client.listOverlaps(
      { partnerId: flags.partner, population: flags.population },
      flags.limit,
    );
    const rows = overlaps.map(flat);
    if (flags['result-format'] === 'csv' && !this.jsonEnabled()) {
      const columns = Object.keys(
        flat({
          myRecord: {},
          partnerRecord: {},
          myPopulations: [],
          partnerPopulations: [],
        } as unknown as Overlap),
      );
      process.stdout.write(stringify(rows, { header: true, columns }));
    } else {
      this.table({ data: rows });
      this.log(`${overlaps.length} overlap(s)`);
    }
    return overlaps;
  }
}
