/**
 * Bulk API 2.0 ingest jobs (Bulk API 2.0 Developer Guide: "Create a Job", "Upload Job Data",
 * "Close or Abort a Job", "Get Job Info", "Get Job Successful Record Results", "Get Job Failed
 * Record Results", "Get Job Unprocessed Record Results"). Rows are processed a tick after
 * UploadComplete; an unknown CSV column fails the whole job, bad values fail only their row.
 */
import { Router, type Request } from 'express';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ApiError } from '../errors';
import { toSfDateTime } from '../org';
import { fieldOf, objectOf, type FieldDef, type ObjectDef } from '../schema/types';
import {
  csvColumns,
  parseCsvRow,
  saveCreate,
  saveUpdate,
  saveUpsert,
  upsertKeyField,
  type SaveResult,
} from '../write';
import { type EmulatorContext, versionOf } from './context';

const INGEST_CHUNK = 2000;
const OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const;
type Operation = (typeof OPERATIONS)[number];

interface IngestJob {
  info: Record<string, unknown> & {
    id: string;
    state: string;
    numberRecordsProcessed: number;
    numberRecordsFailed: number;
  };
  obj: ObjectDef;
  operation: Operation;
  key?: FieldDef;
  header?: string[];
  rows: string[][];
  successful: string[][];
  failed: string[][];
}

function errorText(r: SaveResult): string {
  return r.errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.join(',')} --`).join(' ');
}

export function bulkIngestRouter(ctx: EmulatorContext): Router {
  const r = Router({ mergeParams: true });
  const jobs = new Map<string, IngestJob>();
  let seq = 0;

  const jobParam = (req: Request): IngestJob => {
    const job = jobs.get(String(req.params.id));
    if (!job) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  };

  const processRow = (
    job: IngestJob,
    columns: ReturnType<typeof csvColumns>,
    idIndex: number,
    row: string[],
  ): SaveResult => {
    const parsed = parseCsvRow(columns, row);
    const id = idIndex >= 0 ? row[idIndex] : undefined;
    delete parsed.values.Id;
    switch (job.operation) {
      case 'insert':
        return saveCreate(ctx.org, job.obj, parsed, ctx.hooks);
      case 'update':
        return saveUpdate(ctx.org, job.obj, id, parsed, ctx.hooks);
      case 'upsert':
        if (job.key!.type === 'id') parsed.values.Id = id ?? null;
        return saveUpsert(ctx.org, job.obj, job.key!, parsed, ctx.hooks);
      default: {
        const rec = id ? ctx.org.get(job.obj.name, id, { includeDeleted: true }) : undefined;
        if (!rec || rec.IsDeleted) {
          return {
            id: id ?? null,
            success: false,
            errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }],
          };
        }
        if (ctx.hooks.lockError()) {
          return {
            id: null,
            success: false,
            errors: [
              {
                statusCode: 'UNABLE_TO_LOCK_ROW',
                message: `unable to obtain exclusive access to this record or 1 records: ${rec.Id}`,
                fields: [],
              },
            ],
          };
        }
        ctx.org.remove(job.obj, rec.Id as string);
        return { id: rec.Id as string, success: true, errors: [] };
      }
    }
  };

  /** Processes rows in chunks, yielding between them so the server keeps answering status polls. */
  const process = async (job: IngestJob): Promise<void> => {
    const started = Date.now();
    job.info.state = 'InProgress';
    try {
      const header = job.header ?? [];
      const columns = csvColumns(ctx.org, job.obj, header);
      const idIndex = header.findIndex((h) => h.toLowerCase() === 'id');
      for (let i = 0; i < job.rows.length; i++) {
        if (i > 0 && i % INGEST_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
        const row = job.rows[i];
        const result = processRow(job, columns, idIndex, row);
        ctx.stats.recordsWritten++;
        job.info.numberRecordsProcessed++;
        if (result.success)
          job.successful.push([result.id ?? '', String(result.created ?? false), ...row]);
        else {
          job.info.numberRecordsFailed++;
          job.failed.push([result.id ?? '', errorText(result), ...row]);
        }
      }
      job.rows = [];
      job.info.state = 'JobComplete';
    } catch (e) {
      job.info.state = 'Failed';
      job.info.errorMessage = e instanceof ApiError ? `InvalidBatch : ${e.message}` : String(e);
    }
    job.info.totalProcessingTime = Date.now() - started;
    ctx.stats.bulkJobMs.push(Date.now() - started);
    job.info.systemModstamp = toSfDateTime(ctx.org.now());
  };

  r.post('/', (req, res) => {
    ctx.stats.count('bulk.ingest.create');
    const b = (req.body ?? {}) as {
      object?: unknown;
      operation?: unknown;
      externalIdFieldName?: unknown;
    };
    const obj = typeof b.object === 'string' ? objectOf(ctx.org.schema, b.object) : undefined;
    if (!obj)
      throw new ApiError(
        400,
        'INVALIDJOB',
        `InvalidJob : Invalid object type: ${String(b.object)}`,
      );
    if (!OPERATIONS.includes(b.operation as Operation)) {
      throw new ApiError(
        400,
        'INVALIDJOB',
        `InvalidJob : Invalid operation: ${String(b.operation)}`,
      );
    }
    const operation = b.operation as Operation;
    let key: FieldDef | undefined;
    if (operation === 'upsert') {
      if (typeof b.externalIdFieldName !== 'string')
        throw new ApiError(
          400,
          'INVALIDJOB',
          'InvalidJob : externalIdFieldName is required for upsert',
        );
      key = upsertKeyField(obj, b.externalIdFieldName);
    }
    const version = versionOf(req);
    const id = `750${String(++seq).padStart(12, '0')}AAA`;
    const stamp = toSfDateTime(ctx.org.now());
    const job: IngestJob = {
      obj,
      operation,
      key,
      rows: [],
      successful: [],
      failed: [],
      info: {
        id,
        operation,
        object: obj.name,
        createdById: ctx.org.defaultUserId,
        createdDate: stamp,
        systemModstamp: stamp,
        state: 'Open',
        ...(key ? { externalIdFieldName: key.name } : {}),
        concurrencyMode: 'Parallel',
        contentType: 'CSV',
        apiVersion: Number(version),
        jobType: 'V2Ingest',
        contentUrl: `services/data/v${version}/jobs/ingest/${id}/batches`,
        lineEnding: 'LF',
        columnDelimiter: 'COMMA',
        numberRecordsProcessed: 0,
        numberRecordsFailed: 0,
        retries: 0,
        totalProcessingTime: 0,
      },
    };
    jobs.set(id, job);
    res.json(job.info);
  });

  r.put('/:id/batches', (req, res) => {
    ctx.stats.count('bulk.ingest.upload');
    const job = jobParam(req);
    if (job.info.state !== 'Open')
      throw new ApiError(
        409,
        'INVALIDJOBSTATE',
        `InvalidJobState : job is ${job.info.state}, not Open`,
      );
    if (typeof req.body !== 'string')
      throw new ApiError(400, 'INVALIDBATCH', 'InvalidBatch : Content-Type must be text/csv');
    const rows = parse(req.body, {
      bom: true,
      relax_column_count: false,
      skip_empty_lines: true,
    }) as string[][];
    const [header, ...data] = rows;
    if (!header) throw new ApiError(400, 'INVALIDBATCH', 'InvalidBatch : no header row');
    if (job.header && job.header.join(',') !== header.join(',')) {
      throw new ApiError(
        400,
        'INVALIDBATCH',
        'InvalidBatch : header differs from the first upload',
      );
    }
    job.header = header;
    const byId =
      job.operation === 'update' || job.operation === 'delete' || job.operation === 'hardDelete';
    if (byId && !header.some((h) => h.toLowerCase() === 'id')) {
      throw new ApiError(400, 'INVALIDBATCH', 'InvalidBatch : Field name not found : Id');
    }
    if (
      job.operation === 'upsert' &&
      !header.some((h) => fieldOf(job.obj, h)?.name === job.key!.name)
    ) {
      throw new ApiError(
        400,
        'INVALIDBATCH',
        `InvalidBatch : Field name not found : ${job.key!.name}`,
      );
    }
    job.rows.push(...data);
    res.status(201).end();
  });

  r.patch('/:id', (req, res) => {
    ctx.stats.count('bulk.ingest.close');
    const job = jobParam(req);
    const state = (req.body as { state?: unknown })?.state;
    if (state === 'Aborted') {
      job.info.state = 'Aborted';
    } else if (state === 'UploadComplete') {
      if (job.info.state !== 'Open')
        throw new ApiError(
          409,
          'INVALIDJOBSTATE',
          `InvalidJobState : job is ${job.info.state}, not Open`,
        );
      job.info.state = 'UploadComplete';
      setTimeout(() => void process(job), ctx.bulkTickMs).unref();
      // A drop fault here: the job was accepted and runs, but the client never hears back.
      if (ctx.faults.takeDrop() !== undefined) {
        req.socket.destroy();
        return;
      }
    } else {
      throw new ApiError(
        400,
        'INVALIDJOBSTATE',
        `InvalidJobState : unsupported state ${String(state)}`,
      );
    }
    res.json(job.info);
  });

  r.get('/:id', (req, res) => {
    ctx.stats.count('bulk.ingest.info');
    res.json(jobParam(req).info);
  });

  const results = (name: string, prefix: string[], pick: (job: IngestJob) => string[][]): void => {
    r.get(`/:id/${name}`, (req, res) => {
      ctx.stats.count('bulk.ingest.results');
      const job = jobParam(req);
      const rows = pick(job);
      res.type('text/csv').send(
        stringify([[...prefix, ...(job.header ?? [])], ...rows], {
          quoted: true,
          record_delimiter: 'unix',
        }),
      );
    });
  };
  results('successfulResults', ['sf__Id', 'sf__Created'], (j) => j.successful);
  results('failedResults', ['sf__Id', 'sf__Error'], (j) => j.failed);
  results('unprocessedrecords', [], (j) => j.rows.slice(j.info.numberRecordsProcessed));

  r.delete('/:id', (req, res) => {
    jobParam(req);
    jobs.delete(String(req.params.id));
    res.status(204).end();
  });
  return r;
}
