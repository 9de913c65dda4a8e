/**
 * Read resources: versions, describe, SOQL query/queryAll with nextRecordsUrl paging.
 */
import { Router, type Request } from 'express';
import { ApiError } from '../errors';
import { parseSoql } from '../soql/parse';
import { executeSoql, type QueryRecord } from '../soql/execute';
import { objectOf, type ObjectDef } from '../schema/types';
import { type EmulatorContext, versionOf } from './context';

interface Cursor {
  records: QueryRecord[];
  totalSize: number;
  batchSize: number;
}

/** REST API Developer Guide, "Versions": GET /services/data/ lists the versions served (no auth). */
export function versionsList(
  ctx: EmulatorContext,
): Array<{ label: string; url: string; version: string }> {
  const latest = Number(ctx.apiVersion);
  const out = [];
  for (let v = 50; v <= latest; v++)
    out.push({ label: `v${v}.0`, url: `/services/data/v${v}.0`, version: `${v}.0` });
  return out;
}

export function describeObject(obj: ObjectDef, version: string): Record<string, unknown> {
  const base = `/services/data/v${version}/sobjects/${obj.name}`;
  return {
    name: obj.name,
    label: obj.label,
    labelPlural: obj.labelPlural,
    keyPrefix: obj.keyPrefix,
    custom: obj.custom,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    retrieveable: true,
    searchable: true,
    childRelationships: [],
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
    fields: [...obj.fields.values()].map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
      soapType: f.type === 'reference' || f.type === 'id' ? 'tns:ID' : `xsd:${f.type}`,
      length: f.length ?? 0,
      precision: f.precision ?? 0,
      scale: f.scale ?? 0,
      nillable: f.nillable,
      createable: f.createable,
      updateable: f.updateable,
      unique: f.unique,
      externalId: f.externalId,
      idLookup: f.externalId || f.type === 'id',
      caseSensitive: f.caseSensitive,
      calculated: f.calculated,
      calculatedFormula: f.formula ?? null,
      custom: f.custom,
      defaultedOnCreate: f.type === 'boolean' || f.name === 'OwnerId',
      picklistValues: (f.picklistValues ?? []).map((v) => ({
        value: v,
        label: v,
        active: true,
        defaultValue: false,
      })),
      restrictedPicklist: f.restrictedPicklist ?? false,
      referenceTo: f.referenceTo ?? [],
      relationshipName: f.relationshipName ?? null,
    })),
  };
}

export function queryRouter(ctx: EmulatorContext): Router {
  const r = Router({ mergeParams: true });
  const cursors = new Map<string, Cursor>();
  let cursorSeq = 0;

  const version = (req: Request): string => versionOf(req);

  /** Sforce-Query-Options: batchSize=N (200..2000); smaller configured sizes are for tests. */
  const batchSizeFor = (req: Request): number => {
    const m = /batchSize=(\d+)/i.exec(String(req.headers['sforce-query-options'] ?? ''));
    return m
      ? Math.min(Math.max(Number(m[1]), Math.min(200, ctx.queryBatchSize)), 2000)
      : ctx.queryBatchSize;
  };

  const page = (
    kind: 'query' | 'queryAll',
    id: string,
    c: Cursor,
    offset: number,
    v: string,
  ): Record<string, unknown> => {
    const records = c.records.slice(offset, offset + c.batchSize);
    const next = offset + records.length;
    const done = next >= c.records.length;
    if (done) cursors.delete(id);
    return {
      totalSize: c.totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${v}/${kind}/${id}-${next}` }),
      records,
    };
  };

  // REST API Developer Guide, "Describe Global": GET /vXX.X/sobjects/
  r.get('/sobjects', (req, res) => {
    ctx.stats.count('describeGlobal');
    const sobjects = [...ctx.org.schema.values()].map((o) => {
      const d = describeObject(o, version(req));
      delete d.fields;
      return d;
    });
    res.json({ encoding: 'UTF-8', maxBatchSize: 200, sobjects });
  });

  // REST API Developer Guide, "sObject Describe": GET /vXX.X/sobjects/{sObject}/describe/
  r.get('/sobjects/:sobject/describe', (req, res) => {
    ctx.stats.count('describe');
    const obj = objectOf(ctx.org.schema, String(req.params.sobject));
    if (!obj) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    res.json(describeObject(obj, version(req)));
  });

  // REST API Developer Guide, "Query" and "QueryAll": GET /vXX.X/query/?q=SOQL, then nextRecordsUrl.
  for (const kind of ['query', 'queryAll'] as const) {
    r.get(`/${kind}`, (req, res) => {
      ctx.stats.count(kind);
      const soql = typeof req.query.q === 'string' ? req.query.q : '';
      if (!soql.trim())
        throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
      const q = parseSoql(soql);
      const outcome = executeSoql(ctx.org, q, soql, {
        includeDeleted: kind === 'queryAll',
        version: version(req),
      });
      if (outcome.countOnly) {
        res.json({ totalSize: outcome.totalSize, done: true, records: [] });
        return;
      }
      const id = `01g${String(++cursorSeq).padStart(12, '0')}`;
      const cursor = {
        records: outcome.records,
        totalSize: outcome.totalSize,
        batchSize: batchSizeFor(req),
      };
      cursors.set(id, cursor);
      res.json(page(kind, id, cursor, 0, version(req)));
    });
    r.get(`/${kind}/:locator`, (req, res) => {
      ctx.stats.count('queryMore');
      const m = /^(01g\d+)-(\d+)$/.exec(String(req.params.locator));
      const cursor = m ? cursors.get(m[1]) : undefined;
      if (!m || !cursor) throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      res.json(page(kind, m[1], cursor, Number(m[2]), version(req)));
    });
  }
  return r;
}
