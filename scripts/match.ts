/**
 * Matches two account CSVs and writes the overlaps.
 *
 *   npm run -s match -- --mine A.csv --theirs B.csv --out pairs.csv [--min-confidence 0.9]
 *                       [--no-hierarchy] [--details]
 *
 * Bad rows are reported on stderr with their line numbers and skipped.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify';
import { DEFAULT_MIN_CONFIDENCE, MatchIndex } from '../api/src/matching';
import { readAccountsCsv, type BadRow } from '../api/src/commands/lib/accountsCsv';

const USAGE =
  'usage: npm run -s match -- --mine A.csv --theirs B.csv --out pairs.csv [--min-confidence X] [--no-hierarchy] [--details]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      mine: { type: 'string' },
      theirs: { type: 'string' },
      out: { type: 'string' },
      'min-confidence': { type: 'string' },
      'no-hierarchy': { type: 'boolean', default: false },
      details: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.mine || !values.theirs || !values.out) {
    process.stderr.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  const minConfidence =
    values['min-confidence'] === undefined
      ? DEFAULT_MIN_CONFIDENCE
      : Number(values['min-confidence']);
  if (!Number.isFinite(minConfidence) || minConfidence < 0 || minConfidence > 1) {
    process.stderr.write(`--min-confidence must be a number in [0,1]\n${USAGE}\n`);
    return 2;
  }
  let badRows = 0;
  const report = (bad: BadRow): void => {
    badRows++;
    process.stderr.write(`${bad.file}:${bad.line}: skipped: ${bad.reason}\n`);
  };
  const index = await MatchIndex.buildFrom(readAccountsCsv(values.theirs, report));
  const pairs = await index.matchFrom(readAccountsCsv(values.mine, report), {
    minConfidence,
    includeHierarchy: !values['no-hierarchy'],
  });
  const columns = ['mine_id', 'theirs_id', 'method', 'confidence'];
  if (values.details) columns.push('relation', 'duplicate_count', 'mine_duplicate_count');
  const csv = stringify({ header: true, columns });
  const done = new Promise<void>((resolve, reject) => {
    csv.pipe(createWriteStream(values.out!)).on('finish', resolve).on('error', reject);
  });
  for (const p of pairs) {
    const row: Array<string | number> = [p.mineId, p.theirsId, p.method, p.confidence];
    if (values.details) row.push(p.relation, p.duplicateCount, p.mineDuplicateCount);
    csv.write(row);
  }
  csv.end();
  await done;
  process.stderr.write(
    `${pairs.length} pairs written to ${values.out}${badRows ? `; ${badRows} bad rows skipped` : ''}\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`match: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
