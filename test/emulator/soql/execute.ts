/**
 * Runs a parsed SOQL query against the org: resolves field paths (with parent relationships such
 * as `Owner.Email`), filters, sorts, pages, and shapes records the way the REST query resource
 * returns them (`attributes` + selected fields, parents as nested objects).
 */
import { ApiError } from '../errors';
import type { EmulatorOrg, SfValue, StoredRecord } from '../org';
import {
  fieldOf,
  objectOf,
  relationshipField,
  type FieldDef,
  type ObjectDef,
} from '../schema/types';
import type { Cond, Literal, SoqlQuery } from './parse';

interface ResolvedPath {
  /** Relationship hops, then the final field. */
  hops: FieldDef[];
  field: FieldDef;
  objects: ObjectDef[];
  /** Canonical names as Salesforce echoes them: ['Owner', 'Email']. */
  names: string[];
}

export type QueryRecord = Record<string, unknown>;

function invalidField(soql: string, pos: number, message: string): ApiError {
  return new ApiError(
    400,
    'INVALID_FIELD',
    `\n${soql}\n${' '.repeat(pos)}^\nERROR at Row:1:Column:${pos + 1}\n${message}`,
  );
}

function resolvePath(
  org: EmulatorOrg,
  obj: ObjectDef,
  path: string,
  soql: string,
  pos: number,
): ResolvedPath {
  const parts = path.split('.');
  // A path may be written with the object name first: `Account.Name` from Account.
  if (
    parts.length > 1 &&
    parts[0].toLowerCase() === obj.name.toLowerCase() &&
    !relationshipField(obj, parts[0])
  )
    parts.shift();
  const hops: FieldDef[] = [];
  const objects = [obj];
  const names: string[] = [];
  let cur = obj;
  for (const rel of parts.slice(0, -1)) {
    const f = relationshipField(cur, rel);
    const target = f?.referenceTo?.[0] ? objectOf(org.schema, f.referenceTo[0]) : undefined;
    if (!f || !target) {
      throw invalidField(
        soql,
        pos,
        `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    hops.push(f);
    names.push(f.relationshipName!);
    objects.push(target);
    cur = target;
  }
  const last = parts[parts.length - 1];
  const field = fieldOf(cur, last);
  if (!field) {
    throw invalidField(
      soql,
      pos,
      `No such column '${last}' on entity '${cur.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  names.push(field.name);
  return { hops, field, objects, names };
}

function valueAt(org: EmulatorOrg, rec: StoredRecord, p: ResolvedPath): SfValue {
  let cur: StoredRecord | undefined = rec;
  p.hops.forEach((hop, i) => {
    const id = cur?.[hop.name];
    cur =
      typeof id === 'string'
        ? org.get(p.objects[i + 1].name, id, { includeDeleted: true })
        : undefined;
  });
  return cur ? org.read(cur, p.field) : null;
}

const TEXTUAL = new Set(['string', 'email', 'url', 'textarea', 'picklist']);

/** Checks a literal fits the field, with Salesforce's INVALID_QUERY_FILTER_OPERATOR wording. */
function checkLiteral(f: FieldDef, lit: Literal): void {
  if (lit.type === 'null') return;
  const want =
    f.type === 'date'
      ? 'date'
      : f.type === 'datetime'
        ? 'datetime'
        : f.type === 'boolean'
          ? 'boolean'
          : ['double', 'int', 'currency', 'percent'].includes(f.type)
            ? 'number'
            : 'string';
  if (lit.type !== want) {
    const quoted =
      want === 'string' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    throw new ApiError(
      400,
      'INVALID_QUERY_FILTER_OPERATOR',
      `value of filter criterion for field '${f.name}' must be of type ${want === 'datetime' ? 'dateTime' : want} and ${quoted}`,
    );
  }
}

/** Comparable form of a stored value; text compares case-insensitively, as SOQL does. */
function comparable(f: FieldDef, v: SfValue): string | number | boolean | null {
  if (v === null) return null;
  if (f.type === 'datetime') return Date.parse(String(v).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (TEXTUAL.has(f.type)) return String(v).toLowerCase();
  return v;
}

function literalValue(
  org: EmulatorOrg,
  f: FieldDef,
  lit: Literal,
): string | number | boolean | null {
  if (lit.value === null) return null;
  if ((f.type === 'id' || f.type === 'reference') && typeof lit.value === 'string')
    return org.resolveId(lit.value);
  return typeof lit.value === 'string' && TEXTUAL.has(f.type) ? lit.value.toLowerCase() : lit.value;
}

type Predicate = (rec: StoredRecord) => boolean;

function compile(org: EmulatorOrg, obj: ObjectDef, c: Cond, soql: string): Predicate {
  switch (c.kind) {
    case 'and': {
      const ps = c.items.map((i) => compile(org, obj, i, soql));
      return (r) => ps.every((p) => p(r));
    }
    case 'or': {
      const ps = c.items.map((i) => compile(org, obj, i, soql));
      return (r) => ps.some((p) => p(r));
    }
    case 'not': {
      const p = compile(org, obj, c.item, soql);
      return (r) => !p(r);
    }
    case 'like': {
      const path = resolvePath(org, obj, c.field, soql, c.pos);
      const re = new RegExp(
        `^${c.pattern
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/%/g, '.*')
          .replace(/_/g, '.')}$`,
        'is',
      );
      return (r) => {
        const v = valueAt(org, r, path);
        return v !== null && re.test(String(v));
      };
    }
    case 'in': {
      const path = resolvePath(org, obj, c.field, soql, c.pos);
      c.values.forEach((l) => checkLiteral(path.field, l));
      const set = new Set(c.values.map((l) => literalValue(org, path.field, l)));
      return (r) => set.has(comparable(path.field, valueAt(org, r, path))) !== c.negate;
    }
    case 'cmp': {
      const path = resolvePath(org, obj, c.field, soql, c.pos);
      checkLiteral(path.field, c.value);
      const want = literalValue(org, path.field, c.value);
      return (r) => {
        const have = comparable(path.field, valueAt(org, r, path));
        if (c.op === '=') return have === want;
        if (c.op === '!=') return have !== want;
        if (have === null || want === null) return false;
        if (c.op === '<') return have < want;
        if (c.op === '>') return have > want;
        if (c.op === '<=') return have <= want;
        return have >= want;
      };
    }
  }
}

function sorter(
  org: EmulatorOrg,
  obj: ObjectDef,
  q: SoqlQuery,
  soql: string,
): ((a: StoredRecord, b: StoredRecord) => number) | undefined {
  if (!q.orderBy.length) return undefined;
  const keys = q.orderBy.map((o) => ({ ...o, path: resolvePath(org, obj, o.field, soql, o.pos) }));
  return (a, b) => {
    for (const k of keys) {
      const x = comparable(k.path.field, valueAt(org, a, k.path));
      const y = comparable(k.path.field, valueAt(org, b, k.path));
      if (x === y) continue;
      if (x === null) return k.nullsLast ? 1 : -1;
      if (y === null) return k.nullsLast ? -1 : 1;
      const d = x < y ? -1 : 1;
      return k.desc ? -d : d;
    }
    return 0;
  };
}

export interface QueryOutcome {
  totalSize: number;
  records: QueryRecord[];
  /** True for COUNT(): totalSize is the answer and there are no rows. */
  countOnly: boolean;
}

export function attributesOf(
  obj: ObjectDef,
  id: unknown,
  version: string,
): { type: string; url: string } {
  return { type: obj.name, url: `/services/data/v${version}/sobjects/${obj.name}/${String(id)}` };
}

function project(
  org: EmulatorOrg,
  rec: StoredRecord,
  paths: ResolvedPath[],
  obj: ObjectDef,
  version: string,
): QueryRecord {
  const out: QueryRecord = { attributes: attributesOf(obj, rec.Id, version) };
  for (const p of paths) {
    let target = out;
    let cur: StoredRecord | undefined = rec;
    let alive = true;
    p.hops.forEach((hop, i) => {
      const name = p.names[i];
      const parentObj = p.objects[i + 1];
      const id = cur?.[hop.name];
      cur =
        typeof id === 'string' ? org.get(parentObj.name, id, { includeDeleted: true }) : undefined;
      if (!alive) return;
      if (!cur) {
        if (!(name in target)) target[name] = null;
        alive = false;
        return;
      }
      const existing = target[name] as QueryRecord | null | undefined;
      target =
        existing ?? (target[name] = { attributes: attributesOf(parentObj, cur.Id, version) });
    });
    if (alive && cur) target[p.field.name] = org.read(cur, p.field);
  }
  return out;
}

export function executeSoql(
  org: EmulatorOrg,
  q: SoqlQuery,
  soql: string,
  options: { includeDeleted: boolean; version: string },
): QueryOutcome {
  const obj = objectOf(org.schema, q.from);
  if (!obj) {
    throw new ApiError(
      400,
      'INVALID_TYPE',
      `\n${soql}\n${' '.repeat(q.fromPos)}^\nERROR at Row:1:Column:${q.fromPos + 1}\nsObject type '${q.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  const paths = Array.isArray(q.select)
    ? q.select.map((s) => resolvePath(org, obj, s.path, soql, s.pos))
    : [];
  const where = q.where ? compile(org, obj, q.where, soql) : undefined;
  const sort = sorter(org, obj, q, soql);
  let rows = org.all(obj.name, { includeDeleted: options.includeDeleted });
  if (where) rows = rows.filter(where);
  if (sort) rows.sort(sort);
  const start = q.offset ?? 0;
  rows = rows.slice(start, q.limit !== undefined ? start + q.limit : undefined);
  if (!Array.isArray(q.select)) {
    if (q.select.field === undefined)
      return { totalSize: rows.length, records: [], countOnly: true };
    const alias = q.select.alias ?? 'expr0';
    return {
      totalSize: 1,
      records: [{ attributes: { type: 'AggregateResult' }, [alias]: rows.length }],
      countOnly: false,
    };
  }
  return {
    totalSize: rows.length,
    records: rows.map((r) => project(org, r, paths, obj, options.version)),
    countOnly: false,
  };
}
