/** Streams a CSV file to the import endpoint, reporting bytes sent, and writes rejected rows. */
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { Transform } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import {
  ApiError,
  type ImportKind,
  type ImportResult,
  type OverlapClient,
  type ProblemItem,
} from './apiClient';

export interface ImportOutcome extends ImportResult {
  /** true when the API stored nothing because no row was valid */
  noValidRows: boolean;
}

export function fileSize(file: string): number {
  return statSync(file).size;
}

export async function importFile(
  client: OverlapClient,
  file: string,
  opts: { kind: ImportKind; partnerId?: string },
  onBytes: (sent: number) => void,
): Promise<ImportOutcome> {
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      onBytes(sent);
      done(null, chunk);
    },
  });
  const body = createReadStream(file).pipe(counter);
  try {
    const result = await client.importCsv(opts.kind, body, opts.partnerId);
    return { ...result, noValidRows: false };
  } catch (err) {
    // The API answers 400 no_valid_items, with every reason, when no row could be stored.
    if (err instanceof ApiError && err.code === 'no_valid_items') {
      const lines = new Set(err.errors.map((e) => e.line ?? e.index));
      return {
        accepted: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: err.errors,
        rejectedCount: lines.size,
        noValidRows: true,
      };
    }
    throw err;
  }
}

/** One CSV line per rejected field: line, field, reason. */
export function writeRejected(file: string, rejected: ProblemItem[]): void {
  const rows = rejected.map((r) => [r.line ?? r.index ?? '', r.field ?? '', r.reason]);
  writeFileSync(file, stringify(rows, { header: true, columns: ['line', 'field', 'reason'] }));
}
