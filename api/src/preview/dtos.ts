/**
 * The Apex DTO shaping (OverlapDtos, OverlapMatrixDtos, OverlapPlanning) in TypeScript, so the
 * preview's components receive exactly what `OverlapController` would hand them in an org.
 * Mirrors OverlapJson too: a missing or mistyped key reads as empty / null instead of throwing.
 */
type Json = Record<string, unknown>;

export const MAX_ROWS = 200;

const asMap = (o: unknown): Json =>
  o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Json) : {};
const asList = (o: unknown): unknown[] => (Array.isArray(o) ? o : []);
const str = (o: unknown): string | null => (o === null || o === undefined ? null : String(o));
const dec = (o: unknown): number | null => (o === null || o === undefined ? null : Number(o));
const toInt = (o: unknown): number | null =>
  o === null || o === undefined ? null : Math.trunc(Number(o));
/** Apex `String.capitalize()`: first letter upper case, the rest unchanged. */
const capitalize = (s: string | null): string | null => (s ? s[0].toUpperCase() + s.slice(1) : s);

export interface OverlapItem {
  id: string | null;
  partnerId: string | null;
  partnerName: string | null;
  accountId: string | null;
  accountName: string | null;
  partnerPopulations: string[];
  myPopulations: string[];
  populationLabel: string;
  ownerName: string | null;
  ownerEmail: string | null;
  method: string | null;
  confidence: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface OverlapList {
  recordId: string | null;
  recordName: string | null;
  stale: boolean;
  notice: string | null;
  overlaps: OverlapItem[];
}

export function overlapItem(raw: unknown): OverlapItem {
  const o = asMap(raw);
  const partner = asMap(o.partner);
  const mine = asMap(o.myRecord);
  const theirs = asMap(o.partnerRecord);
  const partnerPopulations = asList(o.partnerPopulations).map(String);
  return {
    id: str(o.id),
    partnerId: str(partner.id),
    partnerName: str(partner.name),
    accountId: str(mine.sourceId),
    accountName: str(mine.name),
    partnerPopulations,
    myPopulations: asList(o.myPopulations).map(String),
    populationLabel: partnerPopulations.join(', '),
    ownerName: str(theirs.ownerName),
    ownerEmail: str(theirs.ownerEmail),
    method: capitalize(str(o.method)),
    confidence: dec(o.confidence),
    firstSeen: str(o.firstSeen),
    lastSeen: str(o.lastSeen),
  };
}

export function overlapList(overlaps: unknown): OverlapList {
  return {
    recordId: null,
    recordName: null,
    stale: false,
    notice: null,
    overlaps: asList(overlaps).map(overlapItem),
  };
}

/** `GET /v1/records/{id}/overlaps` as OverlapController.getAccountOverlaps shapes it. */
export function accountOverlaps(body: unknown): OverlapList {
  const b = asMap(body);
  const record = asMap(b.record);
  return {
    ...overlapList(b.overlaps),
    recordId: str(record.sourceId),
    recordName: str(record.name),
  };
}

/** `GET /v1/opportunities/{id}/partners` as OverlapDtos.opportunityPartners shapes it. */
export function opportunityPartners(body: unknown) {
  const b = asMap(body);
  const opp = asMap(b.opportunity);
  return {
    opportunityId: str(opp.sourceId),
    opportunityName: str(opp.name),
    accountId: str(opp.accountSourceId),
    amount: dec(opp.amount),
    currencyCode: str(opp.currency),
    stale: false,
    notice: null,
    overlaps: asList(b.overlaps).map(overlapItem),
    attributions: asList(b.attributions).map((raw) => {
      const a = asMap(raw);
      const partner = asMap(a.partner);
      const lines = asList(a.touches).map((t) => {
        const touch = asMap(t);
        const type = str(touch.type)?.replaceAll('_', ' ') ?? 'null';
        const at = str(touch.occurredAt);
        return at === null ? type : `${type} (${at.slice(0, 10)})`;
      });
      return {
        partnerId: str(partner.id),
        partnerName: str(partner.name),
        type: capitalize(str(a.type)),
        weight: dec(a.weight),
        amount: dec(a.amount),
        currencyCode: str(a.currency),
        touchCount: lines.length,
        touchesSummary: lines.join('\n'),
      };
    }),
  };
}

/** `GET /v1/partners` as OverlapMatrixDtos.partnerList shapes it. */
export function partnerList(body: unknown) {
  return {
    stale: false,
    notice: null,
    partners: asList(asMap(body).data).map((raw) => {
      const p = asMap(raw);
      return { id: str(p.id), name: str(p.name), kind: str(p.kind), status: str(p.status) };
    }),
  };
}

const populations = (values: unknown) =>
  asList(values).map((raw) => {
    const p = asMap(raw);
    return { id: str(p.id), name: str(p.name) };
  });

/** `GET /v1/partners/{id}/matrix` as OverlapMatrixDtos.matrix shapes it; a missing count is 0. */
export function matrix(body: unknown) {
  const b = asMap(body);
  const partner = asMap(b.partner);
  return {
    partnerId: str(partner.id),
    partnerName: str(partner.name),
    stale: false,
    notice: null,
    myPopulations: populations(b.myPopulations),
    partnerPopulations: populations(b.partnerPopulations),
    cells: asList(b.cells).map((raw) => {
      const c = asMap(raw);
      return {
        myPopulationId: str(c.myPopulationId),
        partnerPopulationId: str(c.partnerPopulationId),
        count: toInt(c.count) ?? 0,
      };
    }),
  };
}

/** OverlapPlanning.label: 'high_value' → 'High Value', the org's picklist label. */
export function label(value: string | null): string | null {
  if (!value || !value.trim()) return null;
  return value
    .split('_')
    .map((w) => capitalize(w))
    .join(' ');
}

/** One API planning session as OverlapPlanning.toSession shapes it. */
export function session(raw: unknown) {
  const s = asMap(raw);
  const prep = asMap(s.prep);
  return {
    id: str(s.id),
    title: str(s.title),
    startsAt: str(s.startsAt),
    durationMinutes: toInt(s.durationMinutes),
    status: label(str(s.status)),
    triggerName: label(str(s.trigger)),
    prepLate: prep.prepLate === true,
    prepReason: str(prep.reason),
    recordingUrl: str(s.recordingUrl),
    agenda: asList(s.agenda).map((r) => {
      const i = asMap(r);
      const account = asMap(i.account);
      return {
        id: str(i.id),
        accountId: str(account.sourceId),
        accountName: str(account.name),
        motion: label(str(i.motion)),
        outcome: label(str(i.outcome)),
        owner: str(i.owner),
        followUpOn: str(i.followUpOn),
      };
    }),
  };
}

/** Plan versus target of one partner from `GET /v1/planning/plan-vs-target`. */
export function plan(body: unknown, partnerId: string) {
  const b = asMap(body);
  const result = {
    quarter: str(b.quarter),
    target: null as number | null,
    planned: 0,
    gap: null as number | null,
    attainment: null as number | null,
  };
  for (const raw of asList(b.data)) {
    const row = asMap(raw);
    if (str(asMap(row.partner).id) !== partnerId) continue;
    result.target = toInt(row.target);
    result.planned = toInt(row.planned) ?? 0;
    result.gap = toInt(row.gap);
    result.attainment = dec(row.attainment);
  }
  return result;
}

/** The answer to an intro request (OverlapDtos.introRequest). */
export function introRequest(body: unknown) {
  const b = asMap(body);
  return {
    id: str(b.id),
    overlapId: str(b.overlapId),
    status: str(b.status),
    createdAt: str(b.createdAt),
  };
}

/** The answer to a logged touch (OverlapDtos.touchResult). */
export function touchResult(body: unknown) {
  const b = asMap(body);
  return { id: str(b.id), type: str(b.type) };
}
