import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { AccountInput } from '../../matching';

/** A row that could not become a record; reported, then skipped. */
export interface BadRow {
  file: string;
  line: number;
  reason: string;
}

/**
 * Header spellings accepted for each field: our own template and Salesforce Account exports
 * (Data Loader / report exports use API names, the UI uses labels).
 */
const HEADER_ALIASES: Record<keyof AccountInput, string[]> = {
  id: ['id', 'account id', 'accountid', 'account_id', 'record id', 'source id', 'source_id'],
  name: ['name', 'account name', 'accountname', 'account_name', 'company', 'company name'],
  website: ['website', 'web site', 'domain', 'url', 'company website'],
  country: [
    'country',
    'billingcountry',
    'billing country',
    'shippingcountry',
    'shipping country',
    'billing_country',
  ],
  parentId: ['parentid', 'parent id', 'parent_id', 'parent account id'],
};

export type ColumnMap = Partial<Record<keyof AccountInput, number>>;

/** Maps header cells to record fields; throws when id or name is missing. */
export function mapHeader(header: string[]): ColumnMap {
  const columns: ColumnMap = {};
  header.forEach((cell, i) => {
    const h = cell
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
    for (const [field, aliases] of Object.entries(HEADER_ALIASES) as Array<
      [keyof AccountInput, string[]]
    >) {
      if (columns[field] === undefined && aliases.includes(h)) columns[field] = i;
    }
  });
  if (columns.id === undefined || columns.name === undefined) {
    throw new Error(`header must name an id and a name column (got: ${header.join(', ')})`);
  }
  return columns;
}

/** Turns one data row into a record, or a reason why it cannot be one. */
export function rowToAccount(
  row: string[],
  columns: ColumnMap,
  width: number,
): AccountInput | string {
  if (row.length !== width) return `expected ${width} columns, found ${row.length}`;
  const cell = (field: keyof AccountInput): string =>
    columns[field] === undefined ? '' : (row[columns[field]!] ?? '').trim();
  const id = cell('id');
  const name = cell('name');
  if (!id) return 'empty id';
  if (!name) return 'empty name';
  return {
    id,
    name,
    website: cell('website') || null,
    country: cell('country') || null,
    parentId: cell('parentId') || null,
  };
}

/**
 * Streams the records of an accounts CSV. Malformed rows (bad quoting, wrong column count,
 * empty id or name, repeated id) go to `onBadRow` with their line number and are skipped,
 * so one bad line never stops a million-row import.
 */
export async function* readAccountsCsv(
  file: string,
  onBadRow: (bad: BadRow) => void,
): AsyncGenerator<AccountInput> {
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (err) => {
        const line = typeof err?.lines === 'number' ? err.lines : 0;
        onBadRow({ file, line, reason: err?.message ?? 'unreadable row' });
        return undefined;
      },
    }),
  );
  let columns: ColumnMap | null = null;
  let width = 0;
  const seen = new Set<string>();
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (columns === null) {
      columns = mapHeader(record);
      width = record.length;
      continue;
    }
    const account = rowToAccount(record, columns, width);
    if (typeof account === 'string') {
      onBadRow({ file, line: info.lines, reason: account });
    } else if (seen.has(account.id)) {
      onBadRow({ file, line: info.lines, reason: `repeated id ${account.id}` });
    } else {
      seen.add(account.id);
      yield account;
    }
  }
  if (columns === null) throw new Error(`${file} is empty: expected a header row`);
}
