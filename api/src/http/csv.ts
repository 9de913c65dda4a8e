import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import type { Request } from 'express';
import type { ItemSink, Position } from '../mapping/batch';
import { InputError, UnsupportedMediaTypeError } from './errors';

/** How a CSV file's columns become API items, for one kind of upload. */
export interface CsvColumns {
  /** target field → accepted headers, compared after `normalizeHeader` */
  aliases: Record<string, string[]>;
  /** target fields the header must provide */
  required: string[];
  /** builds an item from the mapped non-empty cells and the unmapped ones (by original header) */
  toItem(cells: Record<string, string>, extras: Record<string, string>): unknown;
}

/** `Owner.Name`, `owner_name` and `OwnerName` all become `ownername`. */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function requireCsv(req: Request): void {
  if (!req.is('text/csv')) {
    throw new UnsupportedMediaTypeError(
      `Send the file as Content-Type: text/csv (got ${req.headers['content-type'] ?? 'none'})`,
    );
  }
}

/** `?map={"Account Name":"name"}`: extra header → field mappings, checked against the targets. */
export function parseMapParam(raw: unknown, columns: CsvColumns): Map<string, string> {
  const map = new Map<string, string>();
  if (raw === undefined) return map;
  let value: unknown;
  try {
    value = typeof raw === 'string' ? JSON.parse(raw) : undefined;
  } catch {
    value = undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('map must be a JSON object of CSV header → field', [
      { field: 'map', reason: 'must be a JSON object like {"Account Name":"name"}' },
    ]);
  }
  const targets = Object.keys(columns.aliases);
  for (const [header, target] of Object.entries(value)) {
    if (typeof target !== 'string' || !targets.includes(target)) {
      throw new InputError(`map: unknown field for header "${header}"`, [
        { field: `map.${header}`, reason: `must be one of ${targets.join(', ')}` },
      ]);
    }
    map.set(normalizeHeader(header), target);
  }
  return map;
}

/** CRLF and lone CR become LF and a leading BOM goes, so csv-parse counts lines right. */
class LineEndings extends Transform {
  private decoder = new StringDecoder('utf8');
  private pendingCR = false;
  private started = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.convert(this.decoder.write(chunk), false);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.convert(this.decoder.end(), true);
    done();
  }

  private convert(text: string, last: boolean): void {
    let s = text;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    if (this.pendingCR) s = '\r' + s;
    this.pendingCR = !last && s.endsWith('\r');
    if (this.pendingCR) s = s.slice(0, -1);
    s = s.replace(/\r\n?/g, '\n');
    if (s.length > 0) this.push(s);
  }
}

interface Header {
  width: number;
  targets: Array<string | null>;
  names: string[];
}

function resolveHeader(
  cells: string[],
  columns: CsvColumns,
  map: Map<string, string>,
  line: number,
): Header {
  const byAlias = new Map<string, string>();
  for (const [target, aliases] of Object.entries(columns.aliases)) {
    for (const a of aliases) byAlias.set(a, target);
  }
  const taken = new Set<string>();
  const targets = cells.map((cell) => {
    const n = normalizeHeader(cell);
    const target = map.get(n) ?? byAlias.get(n) ?? null;
    if (!target || taken.has(target)) return null; // the first column for a field wins
    taken.add(target);
    return target;
  });
  const missing = columns.required.filter((t) => !taken.has(t));
  if (missing.length > 0) {
    throw new InputError(
      `The header lacks required column(s) for ${missing.join(', ')}`,
      missing.map((field) => ({
        line,
        field,
        reason: `no column maps to ${field}; accepted headers: ${columns.aliases[field].join(', ')} (or use ?map=)`,
      })),
      'missing_columns',
    );
  }
  return { width: cells.length, targets, names: cells.map((c) => c.trim()) };
}

function toItem(header: Header, cells: string[], columns: CsvColumns): unknown {
  const mapped: Record<string, string> = {};
  const extras: Record<string, string> = {};
  cells.forEach((raw, i) => {
    const v = raw.trim();
    if (v === '') return;
    const target = header.targets[i];
    if (target) mapped[target] = v;
    else if (header.names[i]) extras[header.names[i]] = v;
  });
  return columns.toItem(mapped, extras);
}

const newlines = (cells: string[]) => cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);

/**
 * Streams a CSV request body through csv-parse and into `batch`, `batchSize` rows at a time, so
 * memory stays flat for any file size. Errors name 1-based lines (the header is line 1).
 */
export async function importCsv(
  req: Request,
  columns: CsvColumns,
  batch: ItemSink,
  options: { map?: Map<string, string>; batchSize?: number } = {},
): Promise<void> {
  const batchSize = options.batchSize ?? 2000;
  const parser = parse({
    info: true,
    skip_empty_lines: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: 1_000_000,
  });
  parser.on('skip', (err: Error & { lines?: number }) => {
    batch.reject({ line: err.lines ?? 0 }, `malformed CSV: ${err.message}`);
  });
  const abort = (err: Error) => parser.destroy(err);
  const closed = () => {
    if (!req.complete) abort(new Error('The client closed the request before the file ended'));
  };
  req.once('error', abort);
  req.once('close', closed);
  req.pipe(new LineEndings()).pipe(parser);

  let header: Header | null = null;
  let items: unknown[] = [];
  let positions: Position[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines - newlines(record);
      if (!header) {
        header = resolveHeader(record, columns, options.map ?? new Map(), line);
        continue;
      }
      if (record.length > header.width) {
        batch.reject({ line }, `has ${record.length} fields but the header has ${header.width}`);
        continue;
      }
      items.push(toItem(header, record, columns));
      positions.push({ line });
      if (items.length >= batchSize) {
        await batch.add(items, positions);
        items = [];
        positions = [];
      }
    }
    if (!header) {
      throw new InputError(
        'The file is empty; its first line must be a header',
        [{ line: 1, reason: 'missing header line' }],
        'empty_csv',
      );
    }
    if (items.length > 0) await batch.add(items, positions);
  } catch (err) {
    // Stop reading but drain what the client still sends, so the error reply reaches it.
    req.unpipe();
    req.resume();
    throw err;
  } finally {
    req.off('error', abort);
    req.off('close', closed);
  }
}
