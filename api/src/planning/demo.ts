import type { AppContext } from '../context';
import { addCalendarDays, localDate, quarterOf } from './businessDays';
import { sharedOverlaps } from './candidates';
import { sessionTitle, writeCalendar } from './ics';
import { importIcs } from './icsService';
import { patchAgendaItem } from './outcomes';
import { getSession } from './sessionService';
import { putCriteria, putPlanningSettings } from './settingsStore';
import { putTargets } from './targetsService';
import { runTriggers } from './triggerService';
import { CriteriaSchema, PlanningSettingsSchema } from './types';

/** US federal holidays the demo calendar skips (business days and the prep rule). */
const DEMO_HOLIDAYS = [
  '2026-01-01',
  '2026-01-19',
  '2026-02-16',
  '2026-05-25',
  '2026-06-19',
  '2026-07-03',
  '2026-09-07',
  '2026-10-12',
  '2026-11-11',
  '2026-11-26',
  '2026-12-25',
  '2027-01-01',
  '2027-01-18',
  '2027-02-15',
  '2027-05-31',
  '2027-06-18',
  '2027-07-05',
  '2027-09-06',
  '2027-10-11',
  '2027-11-11',
  '2027-11-25',
  '2027-12-24',
];

/**
 * Demo step (after attribution): Acme's planning calendar and criteria for Globex, a quarterly
 * target, one session held outside Overlap (imported from a calendar, with an intro made that
 * attribution counts), then the triggers run on the demo data and propose a session with its agenda.
 */
export async function planningDemoHook(
  ctx: AppContext,
  ids: { acme: string; globex: string },
): Promise<void> {
  const partner = await ctx
    .db('partners')
    .where({ workspace_id: ids.acme, partner_workspace_id: ids.globex })
    .first('id', 'name');
  if (!partner) throw new Error('demo: Acme has no partner row for Globex');
  const partnerId = String(partner.id);
  const settings = PlanningSettingsSchema.parse({
    timeZone: 'America/New_York',
    holidays: DEMO_HOLIDAYS,
  });
  await putPlanningSettings(ctx.db, ids.acme, settings);
  const now = ctx.now();
  await putCriteria(
    ctx.db,
    ids.acme,
    partnerId,
    CriteriaSchema.parse({
      partnerPopulations: ['Customers', 'Open Opportunities', 'Prospects'],
      minScore: 40,
      cadence: 'biweekly',
      tone: 'give_first',
      highValuePerRun: 1,
    }),
    now,
  );
  const quarter = quarterOf(localDate(now, settings.timeZone));
  await putTargets(ctx, ids.acme, [{ partnerId, quarter, target: 40 }]);

  // A session the partner managers held this week in their own calendars, named by the convention.
  // Accounts with our open pipeline first, so the intro made below shows in attribution.
  const withDeal = (o: { myPopulations: string[] }) =>
    Number(o.myPopulations.includes('Open Opportunities'));
  const overlaps = (await sharedOverlaps(ctx.db, ids.acme, partnerId)).sort(
    (a, b) => withDeal(b) - withDeal(a) || a.myRecord.name.localeCompare(b.myRecord.name),
  );
  const held = overlaps.slice(0, 2);
  if (held.length) {
    const day = addCalendarDays(localDate(now, settings.timeZone), -2);
    const start = new Date(`${day}T15:00:00Z`);
    const ics = writeCalendar([
      {
        uid: `demo-held-${ids.acme}@calendar.example`,
        summary: sessionTitle(
          String(partner.name),
          held.map((o) => o.myRecord.name),
        ),
        description: 'Held in the partner managers’ own calendars.',
        start,
        end: new Date(start.getTime() + 45 * 60_000),
        dtstamp: now,
      },
    ]);
    const result = await importIcs(ctx, ids.acme, ics);
    const imported = result.imported[0];
    if (imported) {
      const session = await getSession(ctx, ids.acme, imported.sessionId);
      await patchAgendaItem(ctx, ids.acme, session.id, session.agenda[0].id, {
        outcome: 'intro_made',
      });
    }
  }
  await runTriggers(ctx, ids.acme, partnerId);
}
