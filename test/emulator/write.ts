/**
 * The DML engine every write path shares (single-record REST, sObject Collections, Bulk API 2.0
 * ingest): parse a record into canonical values, then save it with Salesforce's per-record checks.
 * Request-level problems (unknown field, undeserializable value) throw ApiError; per-record
 * problems come back in the SaveResult's `errors`, in the shape of the REST API's SaveResult.
 */
import { ApiError } from './errors';
import { isIdShape } from './ids';
import type { EmulatorOrg, SfValue, StoredRecord } from './org';
import {
  fieldOf,
  objectOf,
  fieldsFor,
  relationshipField,
  type FieldDef,
  type ObjectDef,
} from './schema/types';
import { checkValue, coerceCsv, coerceJson, type FieldError } from './values';

export interface SaveResult {
  id: string | null;
  success: boolean;
  errors: FieldError[];
  created?: boolean;
}

/** A foreign key given by the parent's external id: `Partner__r: { Overlap_Id__c: 'p-1' }`. */
interface ExternalRef {
  field: FieldDef;
  target: ObjectDef;
  extField: FieldDef;
  value: SfValue;
}

export interface ParsedRecord {
  values: StoredRecord;
  refs: ExternalRef[];
  /** Errors found while parsing that fail only this record (CSV type errors). */
  errors: FieldError[];
}

export interface WriteHooks {
  /** True when the next record should fail with UNABLE_TO_LOCK_ROW (fault injection). */
  lockError(): boolean;
}

function noSuchColumn(obj: ObjectDef, key: string): ApiError {
  return new ApiError(
    400,
    'INVALID_FIELD',
    `No such column '${key}' on sobject of type ${obj.name}`,
    [key],
  );
}

function resolveRef(
  org: EmulatorOrg,
  obj: ObjectDef,
  relName: string,
  extName: string,
): Omit<ExternalRef, 'value'> {
  const field = relationshipField(obj, relName);
  const target = field?.referenceTo?.[0] ? objectOf(org.schema, field.referenceTo[0]) : undefined;
  if (!field || !target) throw noSuchColumn(obj, relName);
  const extField = fieldOf(target, extName);
  if (!extField || !(extField.externalId || extField.type === 'id')) {
    throw new ApiError(
      400,
      'INVALID_FIELD',
      `Field name provided, ${extName} is not an External ID or indexed field for ${target.name}`,
      [extName],
    );
  }
  return { field, target, extField };
}

/** One REST JSON record (without its `attributes`). */
export function parseJsonRecord(
  org: EmulatorOrg,
  obj: ObjectDef,
  raw: Record<string, unknown>,
): ParsedRecord {
  const out: ParsedRecord = { values: {}, refs: [], errors: [] };
  for (const [key, v] of Object.entries(raw)) {
    if (key === 'attributes') continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const inner = Object.entries(v as Record<string, unknown>).filter(
        ([k]) => k !== 'attributes',
      );
      if (inner.length !== 1)
        throw new ApiError(400, 'INVALID_FIELD', `${key}: give exactly one external id field`, [
          key,
        ]);
      const ref = resolveRef(org, obj, key, inner[0][0]);
      const c = coerceJson(ref.extField, inner[0][1]);
      if ('parseError' in c) throw new ApiError(400, 'JSON_PARSER_ERROR', c.parseError, [key]);
      if ('value' in c) out.refs.push({ ...ref, value: c.value });
      continue;
    }
    const f = fieldOf(obj, key);
    if (!f) throw noSuchColumn(obj, key);
    const c = coerceJson(f, v);
    if ('parseError' in c) throw new ApiError(400, 'JSON_PARSER_ERROR', c.parseError, [f.name]);
    if ('value' in c) out.values[f.name] = c.value;
  }
  return out;
}

/** Maps CSV headers to fields once per job; an unknown header fails the whole job. */
export function csvColumns(
  org: EmulatorOrg,
  obj: ObjectDef,
  headers: string[],
): Array<FieldDef | Omit<ExternalRef, 'value'>> {
  return headers.map((h) => {
    const dot = h.indexOf('.');
    if (dot > 0) return resolveRef(org, obj, h.slice(0, dot), h.slice(dot + 1));
    const f = fieldOf(obj, h);
    if (!f) throw new ApiError(400, 'InvalidBatch', `Field name not found : ${h}`, [h]);
    return f;
  });
}

export function parseCsvRow(columns: ReturnType<typeof csvColumns>, row: string[]): ParsedRecord {
  const out: ParsedRecord = { values: {}, refs: [], errors: [] };
  columns.forEach((col, i) => {
    const isRef = 'extField' in col;
    const c = coerceCsv(isRef ? col.extField : col, row[i] ?? '');
    if (!c) return;
    if ('recordError' in c) out.errors.push(c.recordError);
    else if ('value' in c) {
      if (isRef) out.refs.push({ ...col, value: c.value });
      else out.values[col.name] = c.value;
    }
  });
  return out;
}

function fail(...errors: FieldError[]): SaveResult {
  return { id: null, success: false, errors };
}

/** Save-time validation; returns the values to store or the record's errors. */
function validate(
  org: EmulatorOrg,
  obj: ObjectDef,
  rec: ParsedRecord,
  mode: 'create' | 'update',
  selfId: string | undefined,
): { values: StoredRecord } | { errors: FieldError[] } {
  const errors: FieldError[] = [...rec.errors];
  const values: StoredRecord = {};
  const readOnly: string[] = [];
  for (const [name, raw] of Object.entries(rec.values)) {
    const f = fieldOf(obj, name)!;
    if (f.type === 'id') continue;
    // A master-detail field that does not allow reparenting may be sent again with the master
    // it already has; only a different master is refused (Salesforce Knowledge 000385552).
    if (
      mode === 'update' &&
      f.masterDetail &&
      !f.updateable &&
      sameMaster(org, obj, selfId, f, raw)
    )
      continue;
    if (mode === 'create' ? !f.createable : !f.updateable) {
      readOnly.push(f.name);
      continue;
    }
    const checked = checkValue(f, raw);
    if ('error' in checked) errors.push(checked.error);
    else values[f.name] = checked.value;
  }
  if (readOnly.length) {
    errors.push({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields: readOnly,
    });
  }
  for (const ref of rec.refs) {
    const id =
      ref.value === null ? undefined : org.findIdBy(ref.target.name, ref.extField.name, ref.value);
    if (!id) {
      errors.push({
        statusCode: 'INVALID_FIELD',
        message: `Foreign key external ID: ${ref.value} not found for field ${ref.extField.name} in entity ${ref.target.name}`,
        fields: [],
      });
    } else values[ref.field.name] = id;
  }
  for (const [name, v] of Object.entries(values)) {
    const f = fieldOf(obj, name)!;
    if (f.type === 'reference' && v !== null) {
      const err = checkReference(org, f, String(v));
      if (err) errors.push(err);
      else values[name] = org.resolveId(String(v));
    }
    if ((f.unique || f.externalId) && v !== null) {
      const other = org.findIdBy(obj.name, f.name, v);
      if (other && other !== selfId) {
        errors.push({
          statusCode: 'DUPLICATE_VALUE',
          message: `duplicate value found: ${f.name} duplicates value on record with id: ${other}`,
          fields: [f.name],
        });
      }
    }
  }
  const missing = fieldsFor(obj)
    .required.filter((f) =>
      mode === 'create'
        ? (values[f.name] ?? null) === null
        : f.name in values && values[f.name] === null,
    )
    .map((f) => f.name);
  if (missing.length) {
    errors.push({
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: `Required fields are missing: [${missing.join(', ')}]`,
      fields: missing,
    });
  }
  return errors.length ? { errors } : { values };
}

function sameMaster(
  org: EmulatorOrg,
  obj: ObjectDef,
  selfId: string | undefined,
  f: FieldDef,
  value: SfValue,
): boolean {
  const current = selfId ? org.get(obj.name, selfId)?.[f.name] : undefined;
  return (
    typeof current === 'string' && typeof value === 'string' && org.resolveId(value) === current
  );
}

function checkReference(org: EmulatorOrg, f: FieldDef, id: string): FieldError | undefined {
  if (!isIdShape(id))
    return {
      statusCode: 'MALFORMED_ID',
      message: `${f.label}: id value of incorrect type: ${id}`,
      fields: [f.name],
    };
  const target = org.objectForId(id);
  if (!target || !f.referenceTo?.some((r) => r.toLowerCase() === target.name.toLowerCase())) {
    return {
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: `${f.label}: id value of incorrect type: ${id}`,
      fields: [f.name],
    };
  }
  if (!org.get(target.name, id)) {
    return {
      statusCode: 'INVALID_CROSS_REFERENCE_KEY',
      message: `invalid cross reference id`,
      fields: [f.name],
    };
  }
  return undefined;
}

function lockFailure(hooks: WriteHooks, id: string | null): SaveResult | undefined {
  if (!hooks.lockError()) return undefined;
  return fail({
    statusCode: 'UNABLE_TO_LOCK_ROW',
    message: `unable to obtain exclusive access to this record or 1 records: ${id ?? 'new record'}`,
    fields: [],
  });
}

export function saveCreate(
  org: EmulatorOrg,
  obj: ObjectDef,
  rec: ParsedRecord,
  hooks: WriteHooks,
): SaveResult {
  if ('Id' in rec.values) {
    return fail({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: 'cannot specify Id in an insert call',
      fields: ['Id'],
    });
  }
  const locked = lockFailure(hooks, null);
  if (locked) return locked;
  const v = validate(org, obj, rec, 'create', undefined);
  if ('errors' in v) return fail(...v.errors);
  const created = org.create(obj, v.values);
  return { id: created.Id as string, success: true, errors: [], created: true };
}

export function saveUpdate(
  org: EmulatorOrg,
  obj: ObjectDef,
  rawId: unknown,
  rec: ParsedRecord,
  hooks: WriteHooks,
): SaveResult {
  if (rawId === undefined || rawId === null || rawId === '') {
    return fail({
      statusCode: 'MISSING_ARGUMENT',
      message: 'Id not specified in an update call',
      fields: [],
    });
  }
  const id = String(rawId);
  if (!isIdShape(id))
    return fail({ statusCode: 'MALFORMED_ID', message: `malformed id ${id}`, fields: ['Id'] });
  const existing = org.get(obj.name, id, { includeDeleted: true });
  if (!existing)
    return fail({
      statusCode: 'INVALID_CROSS_REFERENCE_KEY',
      message: 'invalid cross reference id',
      fields: [],
    });
  if (existing.IsDeleted)
    return fail({ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] });
  const locked = lockFailure(hooks, existing.Id as string);
  if (locked) return locked;
  const v = validate(org, obj, rec, 'update', existing.Id as string);
  if ('errors' in v) return { ...fail(...v.errors), id: existing.Id as string };
  org.modify(obj, existing.Id as string, v.values);
  return { id: existing.Id as string, success: true, errors: [] };
}

/** Upsert by an external id (or Id): update the match, else create with the key set. */
export function saveUpsert(
  org: EmulatorOrg,
  obj: ObjectDef,
  extField: FieldDef,
  rec: ParsedRecord,
  hooks: WriteHooks,
): SaveResult {
  const key = rec.values[extField.name];
  if (key === undefined || key === null || key === '') {
    return fail({
      statusCode: 'MISSING_ARGUMENT',
      message: `${extField.name} not specified`,
      fields: [extField.name],
    });
  }
  const matchId = org.findIdBy(obj.name, extField.name, key);
  if (matchId) {
    const { [extField.name]: _key, ...rest } = rec.values;
    const r = saveUpdate(org, obj, matchId, { ...rec, values: rest }, hooks);
    return { ...r, created: false };
  }
  if (extField.type === 'id') {
    return fail({
      statusCode: 'NOT_FOUND',
      message: `Provided external ID field does not exist or is not accessible: ${key}`,
      fields: [],
    });
  }
  const r = saveCreate(org, obj, rec, hooks);
  return { ...r, created: r.success ? true : false };
}

/** The field an upsert keys on; request-level errors as Salesforce answers them. */
export function upsertKeyField(obj: ObjectDef, name: string): FieldDef {
  const f = fieldOf(obj, name);
  if (!f)
    throw new ApiError(
      404,
      'NOT_FOUND',
      `Provided external ID field does not exist or is not accessible: ${name}`,
    );
  if (!f.externalId && f.type !== 'id') {
    throw new ApiError(
      400,
      'INVALID_FIELD',
      `Field name provided, ${f.name} is not an External ID or indexed field for ${obj.name}`,
      [f.name],
    );
  }
  return f;
}
