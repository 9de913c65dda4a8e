/**
 * Bulk API 2.0 query jobs (Bulk API 2.0 Developer Guide: "Create a Query Job", "Get Information
 * About a Query Job", "Get Results for a Query Job"). The SOQL runs when the job is created; the
 * job reads UploadComplete until a tick later, then JobComplete. Results are CSV pages chained by
 * the Sforce-Locator header ("null" on the last page), sized by maxRecords.
 */
import { Router, type Request } from 'express';
import { stringify } from 'csv-stringify/sync';
import { ApiError } from '../errors';
import { toSfDateTime } from '../org';
import { executeSoql, type QueryRecord } from '../soql/execute';
import { parseSoql } from '../soql/parse';
import { type EmulatorContext, versionOf } from './context';

interface QueryJob {
  info: Record<string, unknown> & { id: string; state: string };
  header: string[];
  rows: string[][];
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

/** Flattens `{ Owner: { Name } }` into the `Owner.Name` column the query named. */
function valueAtPath(rec: QueryRecord, path: string[]): unknown {
  let cur: unknown = rec;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return null;
    const key = Object.keys(cur as object).find((k) => k.toLowerCase() === p.toLowerCase());
    cur = key === undefined ? null : (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function bulkQueryRouter(ctx: EmulatorContext): Router {
  const r = Router({ mergeParams: true });
  const jobs = new Map<string, QueryJob>();
  let seq = 0;

  const jobParam = (req: Request): QueryJob => {
    const job = jobs.get(String(req.params.id));
    if (!job) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  };

  r.post('/', (req, res) => {
    ctx.stats.count('bulk.query.create');
    const b = (req.body ?? {}) as { operation?: unknown; query?: unknown };
    if (b.operation !== 'query' && b.operation !== 'queryAll') {
      throw new ApiError(400, 'INVALIDJOB', `InvalidJob : operation must be query or queryAll`);
    }
    if (typeof b.query !== 'string' || !b.query.trim())
      throw new ApiError(400, 'INVALIDJOB', 'InvalidJob : query is required');
    const version = versionOf(req);
    const q = parseSoql(b.query);
    if (!Array.isArray(q.select))
      throw new ApiError(
        400,
        'INVALIDJOB',
        'InvalidJob : aggregate queries are not supported by Bulk API 2.0',
      );
    const outcome = executeSoql(ctx.org, q, b.query, {
      includeDeleted: b.operation === 'queryAll',
      version,
    });
    const header = q.select.map((s) => s.path);
    const paths = header.map((h) => {
      const parts = h.split('.');
      return parts.length > 1 && parts[0].toLowerCase() === q.from.toLowerCase()
        ? parts.slice(1)
        : parts;
    });
    const rows = outcome.records.map((rec) => paths.map((p) => cell(valueAtPath(rec, p))));
    const id = `750${String(++seq).padStart(15, '0')}`;
    const stamp = toSfDateTime(ctx.org.now());
    const job: QueryJob = {
      header,
      rows,
      info: {
        id,
        operation: b.operation,
        object: q.from,
        createdById: ctx.org.defaultUserId,
        createdDate: stamp,
        systemModstamp: stamp,
        state: 'UploadComplete',
        concurrencyMode: 'Parallel',
        contentType: 'CSV',
        apiVersion: Number(version),
        lineEnding: 'LF',
        columnDelimiter: 'COMMA',
      },
    };
    jobs.set(id, job);
    setTimeout(() => {
      job.info.state = 'JobComplete';
      job.info.numberRecordsProcessed = rows.length;
      job.info.retries = 0;
      job.info.totalProcessingTime = ctx.bulkTickMs;
    }, ctx.bulkTickMs).unref();
    res.json(job.info);
  });

  r.get('/:id', (req, res) => {
    ctx.stats.count('bulk.query.info');
    res.json(jobParam(req).info);
  });

  r.get('/:id/results', (req, res) => {
    ctx.stats.count('bulk.query.results');
    const job = jobParam(req);
    if (job.info.state !== 'JobComplete')
      throw new ApiError(400, 'INVALIDJOB', `InvalidJob : job ${job.info.id} is not complete`);
    const offset = req.query.locator
      ? Number(Buffer.from(String(req.query.locator), 'base64url').toString())
      : 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw new ApiError(400, 'INVALIDJOB', 'InvalidJob : invalid locator');
    // Without maxRecords the whole result is one page: jsforce pipes every page into one stream
    // and can interleave concurrent pages, so paging is only done when the client asks for it.
    const max = req.query.maxRecords
      ? Math.max(1, Number(req.query.maxRecords))
      : job.rows.length || 1;
    const rows = job.rows.slice(offset, offset + max);
    const next = offset + rows.length;
    res.setHeader(
      'Sforce-Locator',
      next < job.rows.length ? Buffer.from(String(next)).toString('base64url') : 'null',
    );
    res.setHeader('Sforce-NumberOfRecords', String(rows.length));
    res
      .type('text/csv')
      .send(stringify([job.header, ...rows], { quoted: true, record_delimiter: 'unix' }));
  });

  r.delete('/:id', (req, res) => {
    jobParam(req);
    jobs.delete(String(req.params.id));
    res.status(204).end();
  });

  r.patch('/:id', (req, res) => {
    const job = jobParam(req);
    if ((req.body as { state?: unknown })?.state === 'Aborted') job.info.state = 'Aborted';
    res.json(job.info);
  });
  return r;
}
