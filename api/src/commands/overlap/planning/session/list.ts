import { Flags } from '@oclif/core';
import {
  apiFlags,
  loadMessages,
  makeClient,
  OverlapCommand,
  partnerFlag,
} from '../../../lib/command';
import {
  listSessions,
  SESSION_STATUSES,
  sessionLine,
  type PlanningSession,
} from '../../../lib/planningClient';

const messages = loadMessages('overlap.planning.session.list');

export type PlanningSessionListResult = PlanningSession[];

/** A date or date-time flag as the API's ISO instant; the flag name goes into the error. */
function instant(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) throw messages.createError('error.BadDate', [flag, value], [], 2);
  return new Date(t).toISOString();
}

export default class PlanningSessionList extends OverlapCommand<PlanningSessionListResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    ...apiFlags,
    partner: partnerFlag(true),
    status: Flags.option({
      summary: messages.getMessage('flags.status.summary'),
      options: SESSION_STATUSES,
    })(),
    upcoming: Flags.boolean({
      summary: messages.getMessage('flags.upcoming.summary'),
      exclusive: ['from'],
    }),
    from: Flags.string({ summary: messages.getMessage('flags.from.summary') }),
    to: Flags.string({ summary: messages.getMessage('flags.to.summary') }),
    limit: Flags.integer({
      summary: messages.getMessage('flags.limit.summary'),
      min: 1,
      max: 500,
      default: 20,
    }),
  };

  public async run(): Promise<PlanningSessionListResult> {
    const { flags } = await this.parse(PlanningSessionList);
    const from = flags.upcoming ? new Date().toISOString() : instant('--from', flags.from);
    const sessions = await listSessions(await makeClient(flags), {
      partnerId: flags.partner,
      status: flags.status,
      from,
      to: instant('--to', flags.to),
      limit: flags.limit,
    });
    this.table({ data: sessions.map(sessionLine) });
    this.log(messages.getMessage('count', [sessions.length]));
    return sessions;
  }
}
