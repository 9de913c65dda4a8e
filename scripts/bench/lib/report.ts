/** Output helpers shared by the benchmarks: a readable table, then one JSON line for machines. */

export type Row = Record<string, string | number | boolean | null>;

/** Prints rows as an aligned text table (columns = union of keys, in first-seen order). */
export function printTable(rows: Row[]): void {
  if (rows.length === 0) return;
  const columns: string[] = [];
  for (const row of rows)
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const cell = (v: Row[string] | undefined): string =>
    v === undefined || v === null
      ? ''
      : typeof v === 'number' && !Number.isInteger(v)
        ? v.toFixed(4)
        : String(v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]): string =>
    values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(columns.map((c) => cell(row[c]))));
}

/** Prints one JSON object on a single line; benchmarks end with exactly one such line. */
export function printJson(obj: Record<string, unknown>): void {
  console.log(JSON.stringify(obj));
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
