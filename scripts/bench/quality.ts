/**
 * Matching quality on the labeled dev set (test/fixtures/matching/devset.csv).
 *
 *   npm run bench:quality [-- --min-confidence 0.8] [-- --show-errors]
 *
 * All left records are "mine", all right records "theirs", matched in one run, so blocking
 * and cross-pair confusion are exercised too. Precision counts every predicted same-company
 * pair, labeled or not, against the entity ground truth; recall is over labeled positives.
 * Prints a table per pair kind, then one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import {
  DEFAULT_MIN_CONFIDENCE,
  matchAccounts,
  type AccountInput,
  type MatchPair,
} from '../../api/src/matching';
import { printJson, printTable, type Row } from './lib/report';

interface DevRow {
  pair_id: string;
  label: string;
  kind: string;
  [column: string]: string;
}

export interface QualityResult {
  pairs: MatchPair[];
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  positives: number;
  negativesMatched: number;
  negatives: number;
  byKind: Row[];
  errors: string[];
}

export function loadDevset(
  file = join(__dirname, '../../test/fixtures/matching/devset.csv'),
): DevRow[] {
  return parse(readFileSync(file, 'utf8'), { columns: true }) as DevRow[];
}

function side(row: DevRow, s: 'left' | 'right'): AccountInput {
  return {
    id: row[`${s}_id`],
    name: row[`${s}_name`],
    website: row[`${s}_website`] || null,
    country: row[`${s}_country`] || null,
  };
}

export async function evaluate(rows: DevRow[], minConfidence: number): Promise<QualityResult> {
  const entity = new Map<string, string>();
  for (const r of rows) {
    entity.set(r.left_id, r.left_entity);
    entity.set(r.right_id, r.right_entity);
  }
  const pairs = await matchAccounts(
    rows.map((r) => side(r, 'left')),
    rows.map((r) => side(r, 'right')),
    { minConfidence, includeHierarchy: false },
  );
  const found = new Map(pairs.map((p) => [p.mineId + '|' + p.theirsId, p]));
  let tp = 0;
  const errors: string[] = [];
  for (const p of pairs) {
    if (entity.get(p.mineId) === entity.get(p.theirsId)) tp++;
    else
      errors.push(
        `FALSE ${p.method} ${p.confidence} ${describe(rows, p.mineId)} ~ ${describe(rows, p.theirsId)}`,
      );
  }
  const kinds = new Map<string, { total: number; matched: number }>();
  let positives = 0;
  let positivesFound = 0;
  let negatives = 0;
  let negativesMatched = 0;
  for (const r of rows) {
    const hit = found.has(r.left_id + '|' + r.right_id);
    const k = kinds.get(r.kind) ?? { total: 0, matched: 0 };
    k.total++;
    if (hit) k.matched++;
    kinds.set(r.kind, k);
    if (r.label === '1') {
      positives++;
      if (hit) positivesFound++;
      else
        errors.push(
          `MISSED ${r.kind} ${describe(rows, r.left_id)} ~ ${describe(rows, r.right_id)}`,
        );
    } else {
      negatives++;
      if (hit) negativesMatched++;
    }
  }
  const precision = pairs.length ? tp / pairs.length : 1;
  const recall = positives ? positivesFound / positives : 1;
  const byKind = [...kinds.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, k]) => ({ kind, pairs: k.total, matched: k.matched, share: k.matched / k.total }));
  return {
    pairs,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    truePositives: tp,
    falsePositives: pairs.length - tp,
    positives,
    negativesMatched,
    negatives,
    byKind,
    errors,
  };
}

function describe(rows: DevRow[], id: string): string {
  const r = rows.find((x) => x.left_id === id) ?? rows.find((x) => x.right_id === id)!;
  const s = r.left_id === id ? 'left' : 'right';
  return `[${r[`${s}_name`]} | ${r[`${s}_website`]} | ${r[`${s}_country`]}]`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'min-confidence': { type: 'string' },
      'show-errors': { type: 'boolean', default: false },
    },
  });
  const minConfidence = values['min-confidence']
    ? Number(values['min-confidence'])
    : DEFAULT_MIN_CONFIDENCE;
  const rows = loadDevset();
  const result = await evaluate(rows, minConfidence);
  if (values['show-errors']) for (const e of result.errors) console.log(e);
  printTable(result.byKind);
  const methods = new Map<string, number>();
  for (const p of result.pairs) methods.set(p.method, (methods.get(p.method) ?? 0) + 1);
  printTable([...methods.entries()].map(([method, count]) => ({ method, predicted_pairs: count })));
  printJson({
    dev_pairs: rows.length,
    positives: result.positives,
    negatives: result.negatives,
    min_confidence: minConfidence,
    predicted: result.pairs.length,
    true_positives: result.truePositives,
    false_positives: result.falsePositives,
    hard_negatives_matched: result.negativesMatched,
    precision: Number(result.precision.toFixed(4)),
    recall: Number(result.recall.toFixed(4)),
    f1: Number(result.f1.toFixed(4)),
  });
}

if (require.main === module) void main();
