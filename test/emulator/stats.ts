/**
 * Call counters by kind so tests and benchmarks can assert how the client used the API
 * (for example: an unchanged resync makes zero write calls).
 */
export type CallKind =
  | 'oauth'
  | 'versions'
  | 'describe'
  | 'describeGlobal'
  | 'query'
  | 'queryAll'
  | 'queryMore'
  | 'sobject.get'
  | 'sobject.create'
  | 'sobject.update'
  | 'sobject.upsert'
  | 'sobject.delete'
  | 'updated'
  | 'deleted'
  | 'collections.create'
  | 'collections.update'
  | 'collections.upsert'
  | 'collections.delete'
  | 'bulk.ingest.create'
  | 'bulk.ingest.upload'
  | 'bulk.ingest.close'
  | 'bulk.ingest.info'
  | 'bulk.ingest.results'
  | 'bulk.query.create'
  | 'bulk.query.info'
  | 'bulk.query.results';

const WRITE_KINDS = new Set<CallKind>([
  'sobject.create',
  'sobject.update',
  'sobject.upsert',
  'sobject.delete',
  'collections.create',
  'collections.update',
  'collections.upsert',
  'collections.delete',
  'bulk.ingest.create',
  'bulk.ingest.upload',
  'bulk.ingest.close',
]);

export interface StatsSnapshot {
  calls: Partial<Record<CallKind, number>>;
  apiCalls: number;
  writeCalls: number;
  recordsWritten: number;
  faultedCalls: number;
  /** Wall time each Bulk API 2.0 ingest job took to process, in ms, in completion order. */
  bulkJobMs: number[];
}

export class EmulatorStats {
  calls: Partial<Record<CallKind, number>> = {};
  /** Every request under /services/data (OAuth token calls not included). */
  apiCalls = 0;
  /** Calls that change data or open/feed an ingest job. */
  writeCalls = 0;
  /** Records processed by write calls (successes and failures). */
  recordsWritten = 0;
  /** Calls answered by an injected fault instead of being processed. */
  faultedCalls = 0;
  bulkJobMs: number[] = [];

  count(kind: CallKind): void {
    this.calls[kind] = (this.calls[kind] ?? 0) + 1;
    if (kind !== 'oauth') this.apiCalls++;
    if (WRITE_KINDS.has(kind)) this.writeCalls++;
  }

  get(kind: CallKind): number {
    return this.calls[kind] ?? 0;
  }

  reset(): void {
    this.calls = {};
    this.apiCalls = 0;
    this.writeCalls = 0;
    this.recordsWritten = 0;
    this.faultedCalls = 0;
    this.bulkJobMs = [];
  }

  snapshot(): StatsSnapshot {
    return {
      calls: { ...this.calls },
      apiCalls: this.apiCalls,
      writeCalls: this.writeCalls,
      recordsWritten: this.recordsWritten,
      faultedCalls: this.faultedCalls,
      bulkJobMs: [...this.bulkJobMs],
    };
  }
}
