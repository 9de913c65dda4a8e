import type { Motion, OverlapScore, ScoreReason } from './types';

/**
 * The explainable overlap score (0–100), pure. Four factors, each with its points and a sentence:
 * - population pair (≤ 40): what the two sides have the account as — our deal × their customer is best;
 * - open opportunity (≤ 25): our open pipeline on the account;
 * - recency (≤ 15): how new the overlap is;
 * - relationship (≤ 20): the partner names an owner (shared), and recent touches with this partner.
 */

export interface ScoreInput {
  myPopulations: string[];
  partnerPopulations: string[];
  /** sum of our open opportunity amounts on the account */
  openAmount: number;
  /** when the overlap was first seen (ISO) */
  firstSeen: string;
  /** the partner shares an owner name or e-mail for the account */
  partnerOwnerShared: boolean;
  /** touches with this partner on the account in the last 180 days */
  recentTouches: number;
}

const C = 'Customers';
const O = 'Open Opportunities';
const P = 'Prospects';
const L = 'Leads';

/** [mine, theirs, points, motion]: the first matching pair (highest points) wins. */
export const PAIR_POINTS: ReadonlyArray<[string, string, number, Motion]> = [
  [O, C, 40, 'ask'],
  [P, C, 35, 'ask'],
  [O, O, 30, 'joint'],
  [C, O, 28, 'give'],
  [C, P, 25, 'give'],
  [L, C, 22, 'ask'],
  [P, O, 20, 'joint'],
  [P, P, 15, 'joint'],
  [C, C, 12, 'joint'],
];
const OTHER_PAIR = 8;

export function bestPair(mine: string[], theirs: string[]) {
  for (const [m, t, points, motion] of PAIR_POINTS)
    if (mine.includes(m) && theirs.includes(t)) return { mine: m, theirs: t, points, motion };
  return null;
}

const AMOUNT_TIERS: ReadonlyArray<[number, number]> = [
  [250_000, 25],
  [100_000, 18],
  [25_000, 10],
  [0.01, 5],
];
const RECENCY_TIERS: ReadonlyArray<[number, number, string]> = [
  [7, 15, 'this week'],
  [30, 10, 'this month'],
  [90, 5, 'this quarter'],
];

const money = (n: number) => `${Math.round(n).toLocaleString('en-US')}`;

export function scoreOverlap(input: ScoreInput, now: Date): OverlapScore {
  const reasons: ScoreReason[] = [];
  const pair = bestPair(input.myPopulations, input.partnerPopulations);
  reasons.push(
    pair
      ? {
          factor: 'population_pair',
          points: pair.points,
          detail: `our ${pair.mine} × their ${pair.theirs}`,
        }
      : {
          factor: 'population_pair',
          points: input.partnerPopulations.length ? OTHER_PAIR : 0,
          detail: `our ${input.myPopulations.join(', ') || 'no population'} × their ${input.partnerPopulations.join(', ') || 'unshared population'}`,
        },
  );
  const tier = AMOUNT_TIERS.find(([min]) => input.openAmount >= min);
  reasons.push({
    factor: 'open_opportunity',
    points: tier ? tier[1] : 0,
    detail: tier ? `open pipeline ${money(input.openAmount)}` : 'no open opportunity',
  });
  const ageDays = Math.max(0, (now.getTime() - Date.parse(input.firstSeen)) / 86_400_000);
  const recent = RECENCY_TIERS.find(([days]) => ageDays <= days);
  reasons.push({
    factor: 'recency',
    points: recent ? recent[1] : 0,
    detail: recent ? `new overlap ${recent[2]}` : `overlap known for ${Math.floor(ageDays)} days`,
  });
  const rel = (input.partnerOwnerShared ? 10 : 0) + Math.min(10, input.recentTouches * 5);
  const relDetail = [
    input.partnerOwnerShared ? 'partner names an owner' : 'no partner owner shared',
    input.recentTouches ? `${input.recentTouches} recent touch(es)` : 'no recent touches',
  ].join('; ');
  reasons.push({ factor: 'relationship', points: rel, detail: relDetail });
  return { score: reasons.reduce((s, r) => s + r.points, 0), reasons };
}

/** The motion an agenda item starts with; the tone breaks ties where both sides could lead. */
export function motionFor(
  mine: string[],
  theirs: string[],
  tone: 'give_first' | 'balanced' | 'ask_first',
): Motion {
  const pair = bestPair(mine, theirs);
  if (pair) return pair.motion;
  if (tone === 'give_first') return 'give';
  if (tone === 'ask_first') return 'ask';
  return 'joint';
}
