import { z } from 'zod';
import { TOUCH_TYPES } from './types';

/**
 * Per-workspace attribution rules, stored in `workspaces.settings.attribution`. Every field has a
 * default, so a workspace that never set rules gets the documented behaviour (docs/attribution.md).
 */
const WeightedType = z.enum([...TOUCH_TYPES, 'customer_overlap']);

export const AttributionRulesSchema = z.strictObject({
  sourcedWindowDays: z.number().int().min(0).max(3650).default(90),
  sourcedTouchTypes: z
    .array(z.enum(TOUCH_TYPES))
    .max(TOUCH_TYPES.length)
    .default(['referral', 'intro_made']),
  influenceTouchTypes: z
    .array(z.enum(TOUCH_TYPES))
    .max(TOUCH_TYPES.length)
    .default(['intro_requested', 'intro_made', 'co_sell_meeting', 'referral']),
  countOverlapEvidence: z.boolean().default(true),
  splitModel: z.enum(['even', 'first_touch', 'last_touch', 'weights']).default('even'),
  weights: z.partialRecord(WeightedType, z.number().min(0).max(1000)).default({
    referral: 3,
    intro_made: 2,
    co_sell_meeting: 1,
    intro_requested: 0.5,
    customer_overlap: 1,
  }),
});

export type AttributionRules = z.infer<typeof AttributionRulesSchema>;

export const DEFAULT_RULES: AttributionRules = AttributionRulesSchema.parse({});

/** Reads rules out of a workspace settings object; unknown or bad stored values fall back to defaults. */
export function rulesFromSettings(settings: Record<string, unknown>): AttributionRules {
  const parsed = AttributionRulesSchema.safeParse(settings.attribution ?? {});
  return parsed.success ? parsed.data : DEFAULT_RULES;
}

/** Weight of a touch type under the `weights` model; a type left out of the map weighs 0. */
export function typeWeight(rules: AttributionRules, type: string): number {
  return (rules.weights as Record<string, number | undefined>)[type] ?? 0;
}
