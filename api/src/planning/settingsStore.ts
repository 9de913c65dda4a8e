import type { Knex } from 'knex';
import { putSettingsSection, workspaceSettings } from '../mapping/workspaces';
import type { BusinessCalendar } from './businessDays';
import {
  CriteriaSchema,
  DEFAULT_CRITERIA,
  PlanningSettingsSchema,
  type PlanningCriteria,
  type PlanningSettings,
} from './types';

/** Planning settings live in `workspaces.settings.planning`; criteria in `planning_criteria`. */

export async function getPlanningSettings(
  db: Knex,
  workspaceId: string,
): Promise<PlanningSettings> {
  const s = await workspaceSettings(db, workspaceId);
  const parsed = PlanningSettingsSchema.safeParse(s.planning ?? {});
  return parsed.success ? parsed.data : PlanningSettingsSchema.parse({});
}

export async function putPlanningSettings(
  db: Knex,
  workspaceId: string,
  input: PlanningSettings,
): Promise<PlanningSettings> {
  await putSettingsSection(db, workspaceId, 'planning', input);
  return input;
}

export function calendarOf(s: PlanningSettings): BusinessCalendar {
  return { timeZone: s.timeZone, holidays: s.holidays };
}

export async function getCriteria(
  db: Knex,
  workspaceId: string,
  partnerId: string,
): Promise<{ criteria: PlanningCriteria; updatedAt: string | null }> {
  const row = await db('planning_criteria')
    .where({ workspace_id: workspaceId, partner_id: partnerId })
    .first();
  if (!row) return { criteria: DEFAULT_CRITERIA, updatedAt: null };
  const parsed = CriteriaSchema.safeParse(JSON.parse(String(row.criteria)));
  return {
    criteria: parsed.success ? parsed.data : DEFAULT_CRITERIA,
    updatedAt: new Date(String(row.updated_at)).toISOString(),
  };
}

export async function putCriteria(
  db: Knex,
  workspaceId: string,
  partnerId: string,
  criteria: PlanningCriteria,
  now: Date,
): Promise<void> {
  const row = {
    workspace_id: workspaceId,
    partner_id: partnerId,
    criteria: JSON.stringify(criteria),
    updated_at: now.toISOString(),
  };
  await db('planning_criteria')
    .insert(row)
    .onConflict(['workspace_id', 'partner_id'])
    .merge({ criteria: row.criteria, updated_at: row.updated_at });
}

/** Partners with criteria set: the ones the trigger run looks at. */
export async function partnersWithCriteria(db: Knex, workspaceId: string): Promise<string[]> {
  const rows = await db('planning_criteria')
    .select('partner_id')
    .where({ workspace_id: workspaceId });
  return rows.map((r) => String(r.partner_id));
}
