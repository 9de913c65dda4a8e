import { Flags } from '@oclif/core';
import { stringify } from 'csv-stringify/sync';
import { apiFlags, loadMessages, makeClient, OverlapCommand } from '../../../lib/command';
import {
  percent,
  planLine,
  planVsTarget,
  QUARTER,
  type PlanVsTarget,
} from '../../../lib/planningClient';

const messages = loadMessages('overlap.planning.target.list');

export type PlanningTargetListResult = PlanVsTarget;

export default class PlanningTargetList extends OverlapCommand<PlanningTargetListResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...apiFlags,
    quarter: Flags.string({ summary: messages.getMessage('flags.quarter.summary'), char: 'q' }),
    'result-format': Flags.option({
      summary: messages.getMessage('flags.result-format.summary'),
      options: ['human', 'csv'] as const,
      default: 'human',
    })(),
  };

  public async run(): Promise<PlanningTargetListResult> {
    const { flags } = await this.parse(PlanningTargetList);
    if (flags.quarter !== undefined && !QUARTER.test(flags.quarter))
      throw messages.createError('error.BadQuarter', [flags.quarter], [], 2);
    const plan = await planVsTarget(await makeClient(flags), flags.quarter);
    const lines = [...plan.data, plan.total].map(planLine);
    if (flags['result-format'] === 'csv' && !this.jsonEnabled()) {
      process.stdout.write(stringify(lines, { header: true, columns: Object.keys(lines[0]) }));
    } else {
      this.table({
        data: lines.map((l) => ({
          partner: l.partner,
          target: l.target ?? '—',
          planned: l.planned,
          gap: l.gap ?? '—',
          attainment: percent(l.attainment) || '—',
        })),
        title: messages.getMessage('tableTitle', [plan.quarter]),
      });
    }
    return plan;
  }
}
