import { typeWeight, type AttributionRules } from './rules';
import type { ExplanationStep } from './types';

/** What the split needs to know about one attributed partner. */
export interface SplitCandidate {
  partnerId: string;
  sourced: boolean;
  steps: ExplanationStep[];
}

const byTime = (a: string, b: string) => Date.parse(a) - Date.parse(b);

/**
 * Shares of the opportunity for each candidate, summing to exactly 1 (or 0 with no candidates).
 * Ties are broken by partner id so the same inputs always give the same split.
 */
export function splitWeights(
  candidates: SplitCandidate[],
  rules: AttributionRules,
): Map<string, number> {
  const out = new Map<string, number>();
  if (!candidates.length) return out;
  const sorted = [...candidates].sort((a, b) => (a.partnerId < b.partnerId ? -1 : 1));
  const even = () => sorted.forEach((c) => out.set(c.partnerId, 1 / sorted.length));
  const winner = (pick: (c: SplitCandidate) => number, prefer: 'min' | 'max') => {
    let best = sorted[0];
    for (const c of sorted.slice(1)) {
      const d = pick(c) - pick(best);
      if ((prefer === 'min' && d < 0) || (prefer === 'max' && d > 0)) best = c;
    }
    sorted.forEach((c) => out.set(c.partnerId, c === best ? 1 : 0));
  };
  const first = (c: SplitCandidate) =>
    Date.parse([...c.steps.map((s) => s.occurredAt)].sort(byTime)[0]);
  const last = (c: SplitCandidate) =>
    Date.parse([...c.steps.map((s) => s.occurredAt)].sort(byTime).at(-1)!);
  switch (rules.splitModel) {
    case 'even':
      even();
      break;
    case 'first_touch':
      winner(first, 'min');
      break;
    case 'last_touch':
      winner(last, 'max');
      break;
    case 'weights': {
      // A partner weighs as much as its strongest qualifying touch, so logging many small
      // touches does not outweigh one referral.
      const scores = sorted.map((c) =>
        Math.max(0, ...c.steps.map((s) => typeWeight(rules, s.type))),
      );
      const total = scores.reduce((a, b) => a + b, 0);
      if (total <= 0) even();
      else sorted.forEach((c, i) => out.set(c.partnerId, scores[i] / total));
      break;
    }
  }
  return out;
}

/**
 * Turns shares into money in whole cents with the largest-remainder method: the parts never add
 * up to more than the amount, and add up to it exactly when the shares sum to 1.
 */
export function allocateAmount(amount: number, weights: Map<string, number>): Map<string, number> {
  // Credits (negative amounts) are split like debits and signed back, so |parts| ≤ |amount|.
  if (amount < 0) {
    const parts = allocateAmount(-amount, weights);
    return new Map([...parts].map(([id, v]) => [id, v === 0 ? 0 : -v]));
  }
  const totalCents = Math.round(amount * 100);
  const ids = [...weights.keys()].sort();
  const raw = ids.map((id) => totalCents * (weights.get(id) ?? 0));
  const cents = raw.map((r) => Math.floor(r + 1e-9));
  let left =
    Math.min(totalCents, Math.round(raw.reduce((a, b) => a + b, 0))) -
    cents.reduce((a, b) => a + b, 0);
  const order = ids
    .map((_, i) => i)
    .sort((a, b) => raw[b] - cents[b] - (raw[a] - cents[a]) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    if (raw[i] - cents[i] > 1e-9) {
      cents[i]++;
      left--;
    }
  }
  return new Map(ids.map((id, i) => [id, cents[i] / 100]));
}
