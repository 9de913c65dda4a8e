import { attributionDemoHook } from '../attribution/demo';
import type { AppContext } from '../context';
import { mappingDemoHook } from '../mapping/demo';
import { planningDemoHook } from '../planning/demo';

/** One step that a part of the product adds to a freshly seeded demo. */
export type DemoHook = (ctx: AppContext, ids: { acme: string; globex: string }) => Promise<void>;

/**
 * Run in order after the demo workspaces, records and partnership exist: populations and sharing
 * first, then overlaps, then what builds on overlaps (attribution, planning).
 */
export const demoHooks: DemoHook[] = [
  mappingDemoHook, // populations, sharing rules, overlaps
  attributionDemoHook, // after the overlaps hook: customer-overlap evidence reads overlaps
  planningDemoHook, // after attribution: criteria, target, an imported session, a proposed one
];
