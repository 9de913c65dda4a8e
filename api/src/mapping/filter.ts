import { z } from 'zod';

/**
 * The small typed filter language of custom populations: a JSON tree of `all` / `any` / `not`
 * over conditions `{ field, op, value }`. Pure: parsing and evaluation, no I/O.
 * String comparisons ignore case and surrounding spaces, because CRMs write the same value in
 * different cases ("germany", "Germany").
 */

export const BASE_FILTER_FIELDS = [
  'name',
  'website',
  'domain',
  'country',
  'type',
  'ownerName',
  'ownerEmail',
] as const;
const EXTRA_FIELD = /^fields\.[A-Za-z0-9_]{1,64}$/;

export const FilterField = z
  .string()
  .refine((f) => (BASE_FILTER_FIELDS as readonly string[]).includes(f) || EXTRA_FIELD.test(f), {
    message: `must be one of ${BASE_FILTER_FIELDS.join(', ')} or fields.<name>`,
  });

const scalar = z.union([z.string().max(500), z.number(), z.boolean()]);

const Condition = z.discriminatedUnion('op', [
  z.strictObject({ field: FilterField, op: z.literal('eq'), value: scalar }),
  z.strictObject({ field: FilterField, op: z.literal('neq'), value: scalar }),
  z.strictObject({
    field: FilterField,
    op: z.literal('in'),
    value: z.array(scalar).min(1).max(500),
  }),
  z.strictObject({
    field: FilterField,
    op: z.literal('contains'),
    value: z.string().min(1).max(500),
  }),
  z.strictObject({
    field: FilterField,
    op: z.literal('startsWith'),
    value: z.string().min(1).max(500),
  }),
  z.strictObject({ field: FilterField, op: z.literal('exists'), value: z.boolean().default(true) }),
  z.strictObject({ field: FilterField, op: z.literal('gt'), value: z.number() }),
  z.strictObject({ field: FilterField, op: z.literal('lt'), value: z.number() }),
]);
export type Condition = z.infer<typeof Condition>;

export type Filter = Condition | { all: Filter[] } | { any: Filter[] } | { not: Filter };

const MAX_DEPTH = 8;
const GROUP_KEYS = ['all', 'any', 'not'];

/**
 * Parses a filter tree. Each node is checked on its own so a ZodError path names the bad node,
 * e.g. `all.1.field` (a plain union would only say "invalid input" at the root).
 */
export function parseFilter(input: unknown): Filter {
  const issues: z.core.$ZodIssue[] = [];
  const out = walk(input, [], 1, issues);
  if (issues.length) throw new z.ZodError(issues);
  return out as Filter;
}

function walk(
  node: unknown,
  path: PropertyKey[],
  level: number,
  issues: z.core.$ZodIssue[],
): Filter | null {
  const fail = (message: string, at: PropertyKey[] = path) => {
    issues.push({ code: 'custom', path: at, message, input: node } as z.core.$ZodIssue);
    return null;
  };
  if (level > MAX_DEPTH) return fail(`filter nests deeper than ${MAX_DEPTH} levels`);
  if (!node || typeof node !== 'object' || Array.isArray(node))
    return fail('must be an object: { all | any | not } or { field, op, value }');
  const keys = Object.keys(node);
  const group = keys.find((k) => GROUP_KEYS.includes(k));
  if (group) {
    if (keys.length !== 1) return fail(`a "${group}" node takes no other keys`);
    const inner = (node as Record<string, unknown>)[group];
    if (group === 'not') {
      const f = walk(inner, [...path, 'not'], level + 1, issues);
      return f && { not: f };
    }
    if (!Array.isArray(inner) || inner.length < 1 || inner.length > 50)
      return fail('must be an array of 1 to 50 filters', [...path, group]);
    const items = inner.map((x, i) => walk(x, [...path, group, i], level + 1, issues));
    return items.every(Boolean) ? ({ [group]: items } as Filter) : null;
  }
  const parsed = Condition.safeParse(node);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      issues.push({ ...issue, path: [...path, ...issue.path] });
    return null;
  }
  return parsed.data;
}

/** A record as filters see it. */
export interface FilterableRecord {
  name: string;
  website: string | null;
  domain: string | null;
  country: string | null;
  type: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  fields: Record<string, unknown>;
}

function fieldValue(r: FilterableRecord, field: string): unknown {
  if (field.startsWith('fields.')) return r.fields[field.slice(7)];
  return r[field as keyof Omit<FilterableRecord, 'fields'>];
}

const fold = (v: unknown) => String(v).trim().toLowerCase();
const present = (v: unknown) => v !== null && v !== undefined && String(v).trim() !== '';

function test(c: Condition, v: unknown): boolean {
  switch (c.op) {
    case 'exists':
      return present(v) === c.value;
    case 'eq':
      return present(v) && fold(v) === fold(c.value);
    case 'neq':
      return !present(v) || fold(v) !== fold(c.value);
    case 'in':
      return present(v) && c.value.some((x) => fold(x) === fold(v));
    case 'contains':
      return present(v) && fold(v).includes(fold(c.value));
    case 'startsWith':
      return present(v) && fold(v).startsWith(fold(c.value));
    case 'gt':
    case 'lt': {
      if (!present(v)) return false;
      const n = typeof v === 'number' ? v : Number(String(v).trim());
      if (!Number.isFinite(n)) return false;
      return c.op === 'gt' ? n > c.value : n < c.value;
    }
  }
}

export function evaluateFilter(f: Filter, r: FilterableRecord): boolean {
  if ('all' in f) return f.all.every((x) => evaluateFilter(x, r));
  if ('any' in f) return f.any.some((x) => evaluateFilter(x, r));
  if ('not' in f) return !evaluateFilter(f.not, r);
  return test(f, fieldValue(r, f.field));
}
