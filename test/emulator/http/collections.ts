/**
 * sObject Collections (REST API Developer Guide: "Create Multiple Records", "Update Multiple
 * Records", "Upsert Multiple Records", "Delete Multiple Records" with sObject Collections):
 * up to 200 records per call, per-record SaveResults, optional allOrNone rollback.
 */
import { Router, type Request, type Response } from 'express';
import { ApiError } from '../errors';
import type { ObjectDef } from '../schema/types';
import { objectOf } from '../schema/types';
import type { FieldError } from '../values';
import {
  parseJsonRecord,
  saveCreate,
  saveUpdate,
  saveUpsert,
  upsertKeyField,
  type ParsedRecord,
  type SaveResult,
} from '../write';
import type { EmulatorContext } from './context';

export const COLLECTION_LIMIT = 200;

const ROLLED_BACK: FieldError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message:
    'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

interface Body {
  allOrNone: boolean;
  records: Array<Record<string, unknown>>;
}

function readBody(req: Request): Body {
  const body = req.body as { allOrNone?: unknown; records?: unknown } | undefined;
  if (!body || !Array.isArray(body.records)) {
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      'Request body must be an object with a records array',
    );
  }
  if (body.records.length > COLLECTION_LIMIT) {
    throw new ApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      'record limit reached. cannot submit more than 200 records into this call',
    );
  }
  return {
    allOrNone: body.allOrNone === true,
    records: body.records as Array<Record<string, unknown>>,
  };
}

function typeOf(
  ctx: EmulatorContext,
  rec: Record<string, unknown>,
  fallback?: ObjectDef,
): ObjectDef | undefined {
  const type = (rec.attributes as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? objectOf(ctx.org.schema, type) : fallback;
}

type Step = () => SaveResult;

/**
 * Runs the per-record steps in one transaction. A connection-drop fault commits the first N
 * records and then destroys the socket without answering, so the client cannot know what landed.
 */
function runSteps(
  ctx: EmulatorContext,
  req: Request,
  res: Response,
  allOrNone: boolean,
  steps: Step[],
): void {
  const dropAfter = ctx.faults.takeDrop();
  const results: SaveResult[] = [];
  let dropped = false;
  ctx.org.transaction((rollback) => {
    for (const step of steps) {
      if (dropAfter !== undefined && results.length >= dropAfter) {
        dropped = true;
        return;
      }
      results.push(step());
      ctx.stats.recordsWritten++;
    }
    if (allOrNone && results.some((r) => !r.success)) {
      rollback();
      for (let i = 0; i < results.length; i++) {
        if (results[i].success) results[i] = { id: null, success: false, errors: [ROLLED_BACK] };
      }
    }
  });
  if (dropped || (dropAfter !== undefined && results.length >= dropAfter)) {
    req.socket.destroy();
    return;
  }
  res.json(results);
}

function parseAll(
  ctx: EmulatorContext,
  records: Body['records'],
  fallback?: ObjectDef,
): Array<{ obj?: ObjectDef; parsed?: ParsedRecord; raw: Record<string, unknown> }> {
  return records.map((raw) => {
    const obj = typeOf(ctx, raw, fallback);
    if (!obj) return { raw };
    const { id: _id, Id: _Id, ...fields } = raw;
    return { obj, raw, parsed: parseJsonRecord(ctx.org, obj, fields) };
  });
}

const NO_TYPE: SaveResult = {
  id: null,
  success: false,
  errors: [
    { statusCode: 'INVALID_TYPE', message: 'Must send a concrete entity type.', fields: [] },
  ],
};

export function collectionsRouter(ctx: EmulatorContext): Router {
  const r = Router({ mergeParams: true });

  // POST /vXX.X/composite/sobjects — create
  r.post('/composite/sobjects', (req, res) => {
    ctx.stats.count('collections.create');
    const body = readBody(req);
    const items = parseAll(ctx, body.records);
    const steps = items.map(({ obj, parsed, raw }) => () => {
      if (!obj || !parsed) return NO_TYPE;
      if (raw.id !== undefined || raw.Id !== undefined) {
        return {
          id: null,
          success: false,
          errors: [
            {
              statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
              message: 'cannot specify Id in an insert call',
              fields: ['Id'],
            },
          ],
        };
      }
      return saveCreate(ctx.org, obj, parsed, ctx.hooks);
    });
    runSteps(ctx, req, res, body.allOrNone, steps);
  });

  // PATCH /vXX.X/composite/sobjects — update by id
  r.patch('/composite/sobjects', (req, res) => {
    ctx.stats.count('collections.update');
    const body = readBody(req);
    const items = parseAll(ctx, body.records);
    const steps = items.map(
      ({ obj, parsed, raw }) =>
        () =>
          !obj || !parsed ? NO_TYPE : saveUpdate(ctx.org, obj, raw.id ?? raw.Id, parsed, ctx.hooks),
    );
    runSteps(ctx, req, res, body.allOrNone, steps);
  });

  // PATCH /vXX.X/composite/sobjects/{sObject}/{externalIdField} — upsert
  r.patch('/composite/sobjects/:sobject/:field', (req, res) => {
    ctx.stats.count('collections.upsert');
    const obj = objectOf(ctx.org.schema, String(req.params.sobject));
    if (!obj) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const key = upsertKeyField(obj, String(req.params.field));
    const body = readBody(req);
    const items = parseAll(ctx, body.records, obj);
    const steps = items.map(({ obj: o, parsed }) => () => {
      if (!o || !parsed) return NO_TYPE;
      if (o.name !== obj.name) {
        return {
          id: null,
          success: false,
          errors: [
            {
              statusCode: 'INVALID_TYPE',
              message: `Record type ${o.name} does not match ${obj.name}`,
              fields: [],
            },
          ],
        };
      }
      return saveUpsert(ctx.org, obj, key, parsed, ctx.hooks);
    });
    runSteps(ctx, req, res, body.allOrNone, markDuplicateKeys(items, key.name, steps));
  });

  // DELETE /vXX.X/composite/sobjects?ids=…&allOrNone=
  r.delete('/composite/sobjects', (req, res) => {
    ctx.stats.count('collections.delete');
    const ids = String(req.query.ids ?? '')
      .split(',')
      .filter(Boolean);
    if (ids.length > COLLECTION_LIMIT) {
      throw new ApiError(
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 200 records into this call',
      );
    }
    const steps = ids.map((id) => (): SaveResult => {
      const obj = ctx.org.objectForId(id);
      const rec = obj && ctx.org.get(obj.name, id, { includeDeleted: true });
      if (!obj || !rec)
        return {
          id,
          success: false,
          errors: [
            {
              statusCode: 'INVALID_CROSS_REFERENCE_KEY',
              message: 'invalid cross reference id',
              fields: [],
            },
          ],
        };
      if (rec.IsDeleted)
        return {
          id,
          success: false,
          errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }],
        };
      ctx.org.remove(obj, rec.Id as string);
      return { id: rec.Id as string, success: true, errors: [] };
    });
    runSteps(ctx, req, res, req.query.allOrNone === 'true', steps);
  });
  return r;
}

/** Two records with the same external id in one upsert call both fail with DUPLICATE_VALUE. */
function markDuplicateKeys(items: ReturnType<typeof parseAll>, key: string, steps: Step[]): Step[] {
  const counts = new Map<string, number>();
  const keyOf = (i: number): string | undefined => {
    const v = items[i].parsed?.values[key];
    return v === undefined || v === null ? undefined : String(v).toLowerCase();
  };
  items.forEach((_, i) => {
    const k = keyOf(i);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  return steps.map((step, i) => {
    const k = keyOf(i);
    if (k === undefined || (counts.get(k) ?? 0) < 2) return step;
    const value = items[i].parsed?.values[key];
    return () => ({
      id: null,
      success: false,
      errors: [
        {
          statusCode: 'DUPLICATE_VALUE',
          message: `Duplicate external id specified: ${value}`,
          fields: [key],
        },
      ],
    });
  });
}
