/**
 * Single-record resources (REST API Developer Guide: "sObject Rows", "sObject Rows by External
 * ID", "sObject Basic Information" POST) and replication (sObject "Get Updated" / "Get Deleted").
 */
import { Router, type Request } from 'express';
import { ApiError } from '../errors';
import { toSfDateTime } from '../org';
import { objectOf, fieldOf, type ObjectDef } from '../schema/types';
import { attributesOf } from '../soql/execute';
import {
  parseJsonRecord,
  saveCreate,
  saveUpdate,
  saveUpsert,
  upsertKeyField,
  type SaveResult,
} from '../write';
import { type EmulatorContext, versionOf } from './context';

const DAY = 86_400_000;

function objectParam(ctx: EmulatorContext, req: Request): ObjectDef {
  const obj = objectOf(ctx.org.schema, String(req.params.sobject));
  if (!obj) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return obj;
}

/** A failed single-record save answers 400 with the record's errors as the error array. */
function throwIfFailed(r: SaveResult): void {
  if (r.success) return;
  const e = r.errors[0];
  const status =
    e.statusCode === 'ENTITY_IS_DELETED' || e.statusCode === 'INVALID_CROSS_REFERENCE_KEY'
      ? 404
      : 400;
  throw new ApiError(status, e.statusCode, e.message, e.fields);
}

function body(req: Request): Record<string, unknown> {
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'Request body must be a JSON object');
  }
  return req.body as Record<string, unknown>;
}

function parseRange(ctx: EmulatorContext, req: Request): { start: Date; end: Date } {
  const start = new Date(String(req.query.start ?? ''));
  const end = new Date(String(req.query.end ?? ''));
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw new ApiError(400, 'MALFORMED_QUERY', 'start and end must be dateTime values');
  }
  if (end <= start)
    throw new ApiError(400, 'INVALID_REPLICATION_DATE', 'end date must be after start date');
  if (start.getTime() < ctx.org.now().getTime() - 30 * DAY) {
    throw new ApiError(
      400,
      'INVALID_REPLICATION_DATE',
      'startDate cannot be more than 30 days ago',
    );
  }
  return { start, end };
}

export function recordsRouter(ctx: EmulatorContext): Router {
  const r = Router({ mergeParams: true });
  const version = (req: Request): string => versionOf(req);

  // GET /vXX.X/sobjects/{sObject}/updated/?start=&end=
  r.get('/sobjects/:sobject/updated', (req, res) => {
    ctx.stats.count('updated');
    const obj = objectParam(ctx, req);
    const { start, end } = parseRange(ctx, req);
    const ids = ctx.org
      .all(obj.name)
      .filter((rec) => {
        const t = Date.parse(String(rec.SystemModstamp).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        return t >= start.getTime() && t <= end.getTime();
      })
      .map((rec) => rec.Id);
    res.json({ ids, latestDateCovered: toSfDateTime(end) });
  });

  // GET /vXX.X/sobjects/{sObject}/deleted/?start=&end=
  r.get('/sobjects/:sobject/deleted', (req, res) => {
    ctx.stats.count('deleted');
    const obj = objectParam(ctx, req);
    const { start, end } = parseRange(ctx, req);
    const deletedRecords = ctx.org
      .deletedBetween(obj.name, start, end)
      .map((d) => ({ id: d.id, deletedDate: toSfDateTime(d.deletedDate) }));
    res.json({
      deletedRecords,
      earliestDateAvailable: toSfDateTime(new Date(ctx.org.now().getTime() - 30 * DAY)),
      latestDateCovered: toSfDateTime(end),
    });
  });

  // POST /vXX.X/sobjects/{sObject}/ — create one record
  r.post('/sobjects/:sobject', (req, res) => {
    ctx.stats.count('sobject.create');
    const obj = objectParam(ctx, req);
    const result = saveCreate(ctx.org, obj, parseJsonRecord(ctx.org, obj, body(req)), ctx.hooks);
    ctx.stats.recordsWritten++;
    throwIfFailed(result);
    res.status(201).json({ id: result.id, success: true, errors: [] });
  });

  // GET /vXX.X/sobjects/{sObject}/{id}?fields=
  r.get('/sobjects/:sobject/:id', (req, res) => {
    ctx.stats.count('sobject.get');
    const obj = objectParam(ctx, req);
    const rec = ctx.org.get(obj.name, String(req.params.id));
    if (!rec) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const wanted =
      typeof req.query.fields === 'string'
        ? req.query.fields.split(',').filter(Boolean)
        : undefined;
    const out: Record<string, unknown> = { attributes: attributesOf(obj, rec.Id, version(req)) };
    for (const name of wanted ?? [...obj.fields.values()].map((f) => f.name)) {
      const f = fieldOf(obj, name);
      if (!f)
        throw new ApiError(
          400,
          'INVALID_FIELD',
          `No such column '${name}' on sobject of type ${obj.name}`,
          [name],
        );
      out[f.name] = ctx.org.read(rec, f);
    }
    res.json(out);
  });

  // PATCH /vXX.X/sobjects/{sObject}/{id} — update one record (204)
  r.patch('/sobjects/:sobject/:id', (req, res) => {
    ctx.stats.count('sobject.update');
    const obj = objectParam(ctx, req);
    const result = saveUpdate(
      ctx.org,
      obj,
      req.params.id,
      parseJsonRecord(ctx.org, obj, body(req)),
      ctx.hooks,
    );
    ctx.stats.recordsWritten++;
    throwIfFailed(result);
    res.status(204).end();
  });

  // DELETE /vXX.X/sobjects/{sObject}/{id} (204)
  r.delete('/sobjects/:sobject/:id', (req, res) => {
    ctx.stats.count('sobject.delete');
    const obj = objectParam(ctx, req);
    const rec = ctx.org.get(obj.name, String(req.params.id), { includeDeleted: true });
    if (!rec) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (rec.IsDeleted) throw new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    ctx.org.remove(obj, rec.Id as string);
    ctx.stats.recordsWritten++;
    res.status(204).end();
  });

  // PATCH /vXX.X/sobjects/{sObject}/{fieldName}/{fieldValue} — upsert by external id
  r.patch('/sobjects/:sobject/:field/:value', (req, res) => {
    ctx.stats.count('sobject.upsert');
    const obj = objectParam(ctx, req);
    const key = upsertKeyField(obj, String(req.params.field));
    const parsed = parseJsonRecord(ctx.org, obj, body(req));
    parsed.values[key.name] = String(req.params.value);
    const result = saveUpsert(ctx.org, obj, key, parsed, ctx.hooks);
    ctx.stats.recordsWritten++;
    throwIfFailed(result);
    res.status(result.created ? 201 : 200).json(result);
  });
  return r;
}
