import {
  ACCOUNT_PUSH,
  OPPORTUNITY_PUSH,
  PARTNER,
  PARTNER_ATTRIBUTION,
  PARTNER_OVERLAP,
  fit,
  joinNames,
  round,
  type SfRow,
} from './fieldMap';

/** Pure builders: domain values in, Salesforce rows out, every API name from fieldMap.ts. */

export interface PartnerValues {
  id: string;
  name: string;
  status: 'active' | 'invited' | 'ended';
  managed: boolean;
}

export interface OverlapValues {
  id: string;
  accountSourceId: string;
  accountName: string;
  partnerName: string;
  partnerSfId: string;
  myPopulations: string[];
  partnerPopulations: string[];
  partnerOwnerName: string | null;
  partnerOwnerEmail: string | null;
  method: 'domain' | 'name' | 'fuzzy' | 'hierarchy';
  confidence: number;
  firstSeen: string;
  lastSeen: string;
  active: boolean;
}

export interface AttributionValues {
  id: string;
  opportunitySourceId: string;
  partnerSfId: string;
  type: 'sourced' | 'influenced';
  weight: number;
  amount: number | null;
  touchesSummary: string | null;
}

export interface AccountValues {
  sourceId: string;
  overlapCount: number;
  partnerNames: string[];
  topPopulation: string | null;
  lastOverlapDate: string | null;
}

export interface OpportunityValues {
  sourceId: string;
  sourcedPartnerSfId: string | null;
  influencingCount: number;
  influencedAmount: number | null;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const iso = (s: string) => new Date(s).toISOString();

export function partnerRow(p: PartnerValues): SfRow {
  const f = PARTNER.fields;
  return {
    [f.overlapId.name]: p.id,
    [f.name.name]: fit(f.name, p.name),
    [f.status.name]: cap(p.status),
    [f.managed.name]: p.managed,
  };
}

export function overlapRow(o: OverlapValues): SfRow {
  const f = PARTNER_OVERLAP.fields;
  return {
    [f.key.name]: o.id,
    [f.name.name]: fit(f.name, `${o.accountName} × ${o.partnerName}`),
    [f.account.name]: o.accountSourceId,
    [f.partner.name]: o.partnerSfId,
    [f.myPopulations.name]: joinNames(f.myPopulations, o.myPopulations),
    [f.partnerPopulations.name]: joinNames(f.partnerPopulations, o.partnerPopulations),
    [f.partnerOwnerName.name]: fit(f.partnerOwnerName, o.partnerOwnerName),
    [f.partnerOwnerEmail.name]: o.partnerOwnerEmail || null,
    [f.method.name]: cap(o.method),
    [f.confidence.name]: round(f.confidence, Math.min(1, Math.max(0, o.confidence))),
    [f.firstSeen.name]: iso(o.firstSeen),
    [f.lastSeen.name]: iso(o.lastSeen),
    [f.active.name]: o.active,
  };
}

/** What is sent for an overlap that vanished from the database: only switch it off. */
export function deactivatedOverlapRow(id: string): SfRow {
  const f = PARTNER_OVERLAP.fields;
  return { [f.key.name]: id, [f.active.name]: false };
}

export function endedPartnerRow(id: string): SfRow {
  const f = PARTNER.fields;
  return { [f.overlapId.name]: id, [f.status.name]: 'Ended' };
}

export function attributionRow(a: AttributionValues): SfRow {
  const f = PARTNER_ATTRIBUTION.fields;
  return {
    [f.key.name]: a.id,
    [f.opportunity.name]: a.opportunitySourceId,
    [f.partner.name]: a.partnerSfId,
    [f.type.name]: cap(a.type),
    [f.weight.name]: round(f.weight, a.weight),
    [f.amount.name]: round(f.amount, a.amount),
    [f.touchesSummary.name]: fit(f.touchesSummary, a.touchesSummary),
  };
}

export function accountRow(a: AccountValues): SfRow {
  const f = ACCOUNT_PUSH.fields;
  return {
    Id: a.sourceId,
    [f.overlapCount.name]: a.overlapCount,
    [f.partnerNames.name]: joinNames(f.partnerNames, a.partnerNames),
    [f.topPopulation.name]: fit(f.topPopulation, a.topPopulation),
    [f.lastOverlapDate.name]: a.lastOverlapDate ? a.lastOverlapDate.slice(0, 10) : null,
  };
}

export function opportunityRow(o: OpportunityValues): SfRow {
  const f = OPPORTUNITY_PUSH.fields;
  return {
    Id: o.sourceId,
    [f.sourcedPartner.name]: o.sourcedPartnerSfId,
    [f.influencingCount.name]: o.influencingCount,
    [f.influencedAmount.name]: round(f.influencedAmount, o.influencedAmount),
  };
}

const POPULATION_RANK = ['Customers', 'Open Opportunities', 'Prospects', 'Leads'];

/** The partner population that says most about an account: Customers first, then the rest. */
export function topPopulation(names: Iterable<string>): string | null {
  const all = [...new Set(names)];
  if (!all.length) return null;
  const rank = (n: string) =>
    POPULATION_RANK.includes(n) ? POPULATION_RANK.indexOf(n) : POPULATION_RANK.length;
  return all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))[0];
}

/** Account roll-up from its active overlaps. */
export function accountValues(sourceId: string, overlaps: OverlapValues[]): AccountValues {
  const active = overlaps.filter((o) => o.active);
  const firstSeen = active.map((o) => iso(o.firstSeen)).sort();
  return {
    sourceId,
    overlapCount: active.length,
    partnerNames: [...new Set(active.map((o) => o.partnerName))].sort(),
    topPopulation: topPopulation(active.flatMap((o) => o.partnerPopulations)),
    lastOverlapDate: firstSeen.length ? firstSeen[firstSeen.length - 1] : null,
  };
}

/** Opportunity roll-up from its attributions. */
export function opportunityValues(
  sourceId: string,
  attributions: AttributionValues[],
): OpportunityValues {
  const sourced = attributions
    .filter((a) => a.type === 'sourced')
    .sort((a, b) => b.weight - a.weight)[0];
  const influenced = attributions.filter((a) => a.type === 'influenced');
  const amounts = influenced.map((a) => a.amount).filter((a): a is number => a !== null);
  return {
    sourceId,
    sourcedPartnerSfId: sourced?.partnerSfId ?? null,
    influencingCount: new Set(influenced.map((a) => a.partnerSfId)).size,
    influencedAmount: amounts.length ? amounts.reduce((s, a) => s + a, 0) : null,
  };
}
