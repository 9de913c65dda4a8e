import {
  OPPORTUNITY_PUSH,
  PARTNER,
  PARTNER_ATTRIBUTION,
  PARTNER_OVERLAP,
  PLANNING_AGENDA_ITEM,
  PLANNING_SESSION,
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
  /** plan versus target for the current quarter */
  plan: { quarter: string; target: number | null; planned: number };
}

export interface SessionValues {
  id: string;
  partnerSfId: string;
  title: string;
  startsAt: string;
  durationMinutes: number;
  status: 'proposed' | 'scheduled' | 'held' | 'cancelled';
  trigger: 'cadence' | 'high_value' | 'batch' | 'manual' | 'imported';
  prepLate: boolean;
  recordingUrl: string | null;
  agendaLoadedAt: string | null;
}

export interface AgendaItemValues {
  id: string;
  sessionSfId: string;
  accountSourceId: string;
  accountName: string;
  motion: 'give' | 'ask' | 'joint';
  outcome: 'committed' | 'intro_made' | 'pipeline_created' | 'stalled' | null;
  followUpOn: string | null;
  owner: string | null;
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
    [f.planQuarter.name]: p.plan.quarter,
    [f.quarterTarget.name]: p.plan.target,
    [f.quarterPlanned.name]: p.plan.planned,
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

/** Picklist labels for the API's snake_case values ('high_value' → 'High Value'). */
const label = (s: string) => s.split('_').map(cap).join(' ');

export function sessionRow(s: SessionValues): SfRow {
  const f = PLANNING_SESSION.fields;
  const url = s.recordingUrl ?? '';
  return {
    [f.key.name]: s.id,
    [f.name.name]: fit(f.name, s.title),
    [f.partner.name]: s.partnerSfId,
    [f.startsAt.name]: iso(s.startsAt),
    [f.durationMinutes.name]: s.durationMinutes,
    [f.status.name]: cap(s.status),
    [f.trigger.name]: label(s.trigger),
    [f.prepLate.name]: s.prepLate,
    [f.title.name]: fit(f.title, s.title),
    // A cut URL would be a broken link: one too long for the field is left out instead.
    [f.recordingUrl.name]: url && url.length <= (f.recordingUrl.length ?? 255) ? url : null,
    [f.agendaLoadedAt.name]: s.agendaLoadedAt ? iso(s.agendaLoadedAt) : null,
  };
}

export function agendaItemRow(a: AgendaItemValues): SfRow {
  const f = PLANNING_AGENDA_ITEM.fields;
  return {
    [f.key.name]: a.id,
    [f.name.name]: fit(f.name, `${a.accountName} — ${cap(a.motion)}`),
    [f.session.name]: a.sessionSfId,
    [f.account.name]: a.accountSourceId,
    [f.motion.name]: cap(a.motion),
    [f.outcome.name]: a.outcome ? label(a.outcome) : null,
    [f.followUp.name]: a.followUpOn ? a.followUpOn.slice(0, 10) : null,
    [f.ownerName.name]: fit(f.ownerName, a.owner),
  };
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

export function opportunityRow(o: OpportunityValues): SfRow {
  const f = OPPORTUNITY_PUSH.fields;
  return {
    Id: o.sourceId,
    [f.sourcedPartner.name]: o.sourcedPartnerSfId,
    [f.influencingCount.name]: o.influencingCount,
    [f.influencedAmount.name]: round(f.influencedAmount, o.influencedAmount),
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
