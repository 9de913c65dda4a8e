import { AttributionRulesSchema, type AttributionRules } from '../../api/src/attribution/rules';
import type {
  AttributableOpportunity,
  OverlapEvidence,
  Touch,
} from '../../api/src/attribution/types';

/** Small builders for rule tests: a closed-won opportunity created 2026-03-01, closed 2026-04-30. */
export const CREATED = '2026-03-01T12:00:00.000Z';
export const DAY = 86_400_000;

export function opp(over: Partial<AttributableOpportunity> = {}): AttributableOpportunity {
  return {
    sourceId: '006A',
    accountSourceId: '001A',
    amount: 1000,
    currency: 'USD',
    createdDate: CREATED,
    closeDate: '2026-04-30',
    isClosed: true,
    isWon: true,
    deleted: false,
    ...over,
  };
}

let n = 0;
export function touch(over: Partial<Touch> & { occurredAt: string }): Touch {
  n++;
  return {
    id: `t${String(n).padStart(4, '0')}`,
    partnerId: 'p1',
    accountSourceId: '001A',
    opportunitySourceId: null,
    type: 'co_sell_meeting',
    source: 'api',
    ref: null,
    note: null,
    ...over,
  };
}

export function evidence(over: Partial<OverlapEvidence> = {}): OverlapEvidence {
  return {
    overlapId: 'ov1',
    partnerId: 'p1',
    accountSourceId: '001A',
    from: '2026-01-01T00:00:00.000Z',
    to: null,
    ...over,
  };
}

export function rules(over: Partial<AttributionRules> = {}): AttributionRules {
  return AttributionRulesSchema.parse(over);
}

/** ISO time `days` days from the creation instant (negative = before). */
export const rel = (days: number, ms = 0) =>
  new Date(Date.parse(CREATED) + days * DAY + ms).toISOString();
