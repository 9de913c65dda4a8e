/**
 * Sharing, the one place it is decided what a partner may see of an owner's records. Pure: every
 * route, export and event consumer loads a `SharingPolicy` (sharingStore.ts) and passes each
 * partner record through `projectRecord`, and matrix counts through `matrixCells`.
 *
 * - A rule is per (owner population, viewer partner): hidden (default) | counts | overlaps (+ fields).
 * - A record is visible only through a population that contains it and is shared at `overlaps`;
 *   then its name, and only the extra fields listed by those rules (union over them).
 * - Only the populations shared at `overlaps` are named on a record.
 * - A matrix cell (my population × partner population) exists only when my rule for mine and the
 *   partner's rule for theirs are both `counts` or better; it counts only overlaps in both.
 * - A managed partner's data was uploaded by the viewer itself, so the policy is `full`.
 */

export const SHARING_LEVELS = ['hidden', 'counts', 'overlaps'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];
const RANK: Record<SharingLevel, number> = { hidden: 0, counts: 1, overlaps: 2 };

export const SHAREABLE_BASE_FIELDS = [
  'website',
  'domain',
  'country',
  'ownerName',
  'ownerEmail',
  'type',
] as const;
export type BaseField = (typeof SHAREABLE_BASE_FIELDS)[number];
/** `fields.<name>` shares one extra field, `fields.*` all extra fields. */
export const EXTRA_FIELD_PATTERN = /^fields\.(\*|[A-Za-z0-9_]{1,64})$/;

export function isShareableField(f: string): boolean {
  return (SHAREABLE_BASE_FIELDS as readonly string[]).includes(f) || EXTRA_FIELD_PATTERN.test(f);
}

export interface SharingRule {
  populationId: string;
  level: SharingLevel;
  fields: string[];
}

export interface SharingPolicy {
  full: boolean;
  rules: ReadonlyMap<string, SharingRule>;
}

export const NOTHING_SHARED: SharingPolicy = { full: false, rules: new Map() };
export const FULL_ACCESS: SharingPolicy = { full: true, rules: new Map() };

export function policyFromRules(rules: Iterable<SharingRule>): SharingPolicy {
  const map = new Map<string, SharingRule>();
  for (const r of rules) if (r.level !== 'hidden') map.set(r.populationId, r);
  return { full: false, rules: map };
}

export function levelOf(policy: SharingPolicy, populationId: string): SharingLevel {
  if (policy.full) return 'overlaps';
  return policy.rules.get(populationId)?.level ?? 'hidden';
}

export const atLeast = (level: SharingLevel, min: SharingLevel) => RANK[level] >= RANK[min];

/** Owner populations the viewer may see records of; null = all (full access). */
export function overlapPopulationIds(policy: SharingPolicy): string[] | null {
  if (policy.full) return null;
  return [...policy.rules.values()]
    .filter((r) => r.level === 'overlaps')
    .map((r) => r.populationId);
}

/** Owner populations the viewer may count (matrix), out of the given ones. */
export function countablePopulationIds(
  policy: SharingPolicy,
  populationIds: Iterable<string>,
): string[] {
  return [...populationIds].filter((p) => atLeast(levelOf(policy, p), 'counts'));
}

/** A record as stored, before sharing. */
export interface FullRecord {
  name: string;
  website: string | null;
  domain: string | null;
  country: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  type: string | null;
  fields: Record<string, unknown>;
}

/** What a viewer gets: name plus only the shared fields. */
export type SharedRecord = { name: string } & Partial<Record<BaseField, string | null>> & {
    fields?: Record<string, unknown>;
  };

export interface RecordView {
  record: SharedRecord;
  /** owner population ids shared at `overlaps` that contain the record */
  populationIds: string[];
}

/** The viewer's view of one owner record with the given memberships, or null when hidden. */
export function projectRecord(
  policy: SharingPolicy,
  record: FullRecord,
  memberships: readonly string[],
): RecordView | null {
  const via = policy.full
    ? [...memberships]
    : memberships.filter((p) => policy.rules.get(p)?.level === 'overlaps');
  if (!policy.full && via.length === 0) return null;
  const fields = new Set<string>();
  if (policy.full) {
    SHAREABLE_BASE_FIELDS.forEach((f) => fields.add(f));
    fields.add('fields.*');
  } else {
    for (const p of via) for (const f of policy.rules.get(p)!.fields) fields.add(f);
  }
  const out: SharedRecord = { name: record.name };
  for (const f of SHAREABLE_BASE_FIELDS) if (fields.has(f)) out[f] = record[f];
  const extras: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record.fields)) {
    if (fields.has('fields.*') || fields.has(`fields.${k}`)) extras[k] = v;
  }
  if (Object.keys(extras).length) out.fields = extras;
  return { record: out, populationIds: via.sort() };
}

export interface MatrixCell {
  myPopulationId: string;
  partnerPopulationId: string;
  count: number;
}

/**
 * Matrix cells from raw pair counts (`"mine|theirs"` → overlaps in both). `myRules` is my policy
 * toward the partner, `theirRules` the partner's toward me. Unshared cells are absent, shared
 * cells without overlaps count 0.
 */
export function matrixCells(
  myRules: SharingPolicy,
  theirRules: SharingPolicy,
  myPopulationIds: readonly string[],
  partnerPopulationIds: readonly string[],
  rawCounts: ReadonlyMap<string, number>,
): MatrixCell[] {
  const mine = countablePopulationIds(myRules, myPopulationIds);
  const theirs = countablePopulationIds(theirRules, partnerPopulationIds);
  const cells: MatrixCell[] = [];
  for (const m of mine) {
    for (const q of theirs)
      cells.push({
        myPopulationId: m,
        partnerPopulationId: q,
        count: rawCounts.get(`${m}|${q}`) ?? 0,
      });
  }
  return cells;
}

/** A stable fingerprint of a view, to tell whether a rule change changed what a viewer sees. */
export function viewKey(view: RecordView | null): string {
  return view ? JSON.stringify([view.populationIds, view.record]) : '-';
}
