/**
 * Offline matching of two account CSVs with the matching engine and the CSV reader
 * (api/src/commands/lib/accountsCsv) that `npm run match` uses too.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { DEFAULT_MIN_CONFIDENCE, matchAccounts, type MatchPair } from '../../matching';
import { readAccountsCsv, type BadRow } from './accountsCsv';

export interface MatchFilesResult {
  pairs: MatchPair[];
  byMethod: Record<string, number>;
  badRows: BadRow[];
  minConfidence: number;
}

export async function matchFiles(
  mine: string,
  theirs: string,
  minConfidence = DEFAULT_MIN_CONFIDENCE,
): Promise<MatchFilesResult> {
  const badRows: BadRow[] = [];
  const onBad = (b: BadRow) => void badRows.push(b);
  const pairs = await matchAccounts(readAccountsCsv(mine, onBad), readAccountsCsv(theirs, onBad), {
    minConfidence,
  });
  const byMethod: Record<string, number> = {};
  for (const p of pairs) byMethod[p.method] = (byMethod[p.method] ?? 0) + 1;
  return { pairs, byMethod, badRows, minConfidence };
}

export function writePairs(file: string, pairs: MatchPair[]): void {
  const columns = ['mine_id', 'theirs_id', 'method', 'confidence', 'relation'];
  writeFileSync(
    file,
    stringify(
      pairs.map((p) => [p.mineId, p.theirsId, p.method, p.confidence, p.relation]),
      { header: true, columns },
    ),
  );
}
