import type { KeyedRecords, RecordColumns } from './chunk';
import { deriveHierarchyPairs, ParentLinks, type SamePair, type SideHierarchy } from './hierarchy';
import type { MatchIndex } from './matchIndex';
import { Prober, type ProbedPair } from './probe';
import { DEFAULT_MIN_CONFIDENCE, type MatchOptions, type MatchPair } from './types';

/** One matching run: my records streamed through, pairs collected, then finished. */
export class MatchRun {
  readonly minConfidence: number;
  private readonly same: ProbedPair[] = [];
  private readonly mineIds = new Set<string>();
  private readonly mineLinks = new ParentLinks((id) => this.mineIds.has(id));
  private readonly includeHierarchy: boolean;
  private readonly prober = new Prober();

  constructor(
    private readonly index: MatchIndex,
    private readonly options: MatchOptions,
  ) {
    this.minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    this.includeHierarchy = options.includeHierarchy ?? true;
  }

  /** Notes my records' ids and parent links for the hierarchy pairs. */
  noteMine(columns: RecordColumns): void {
    if (!this.includeHierarchy) return;
    for (let i = 0; i < columns.ids.length; i++) {
      const id = columns.ids[i];
      this.mineIds.add(id);
      const parent = columns.parents[i];
      if (parent) this.mineLinks.link(id, parent);
    }
  }

  /** Matches one prepared batch of my records (noted separately with {@link noteMine}). */
  probeBatch(batch: KeyedRecords): void {
    this.prober.probeBatch(this.index, batch, this.minConfidence, this.same);
  }

  /** Adds pairs probed elsewhere (a worker thread), in input order. */
  addPairs(pairs: readonly ProbedPair[]): void {
    for (const p of pairs) this.same.push(p);
  }

  finish(): MatchPair[] {
    const same = dedupeSorted(this.same.sort(comparePairs));
    const perMine = new Map<string, number>();
    const perTheirs = new Map<string, number>();
    for (const p of same) {
      perMine.set(p.mineId, (perMine.get(p.mineId) ?? 0) + 1);
      perTheirs.set(p.theirsId, (perTheirs.get(p.theirsId) ?? 0) + 1);
    }
    const pairs: MatchPair[] = same.map((p) => ({
      mineId: p.mineId,
      theirsId: p.theirsId,
      method: p.method,
      confidence: p.confidence,
      relation: 'same',
      duplicateCount: perMine.get(p.mineId)!,
      mineDuplicateCount: perTheirs.get(p.theirsId)!,
    }));
    if (!this.includeHierarchy) return pairs;
    const known = this.options.knownParents ?? [];
    const mine = withKnownParents(this.mineLinks, known);
    const theirs = withKnownParents(this.index.hierarchy(), known);
    const hierarchy = deriveHierarchyPairs(same, mine, theirs, this.minConfidence);
    return hierarchy.length === 0 ? pairs : [...pairs, ...hierarchy].sort(comparePairs);
  }
}

/** One pair per (mine, theirs) in a sorted list; a repeated id keeps its most confident pair. */
function dedupeSorted<T extends SamePair>(pairs: T[]): T[] {
  let out = 0;
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i];
    const last = out > 0 ? pairs[out - 1] : undefined;
    if (last && last.mineId === p.mineId && last.theirsId === p.theirsId) {
      if (p.confidence > last.confidence) pairs[out - 1] = p;
    } else pairs[out++] = p;
  }
  pairs.length = out;
  return pairs;
}

/** Overlays a known parent-child list on a side; links apply where the child is on that side. */
function withKnownParents(
  base: SideHierarchy,
  known: ReadonlyArray<{ parentId: string; childId: string }>,
): SideHierarchy {
  if (known.length === 0) return base;
  const parents = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const { parentId, childId } of known) {
    if (!base.has(childId) || !base.has(parentId)) continue;
    parents.set(childId, parentId);
    children.set(parentId, [...(children.get(parentId) ?? []), childId]);
  }
  return {
    has: (id) => base.has(id),
    parentOf: (id) => parents.get(id) ?? base.parentOf(id),
    childrenOf: (id) => {
      const extra = children.get(id);
      if (!extra) return base.childrenOf(id);
      return [...new Set([...base.childrenOf(id), ...extra])];
    },
  };
}

function comparePairs(a: SamePair, b: SamePair): number {
  if (a.mineId !== b.mineId) return a.mineId < b.mineId ? -1 : 1;
  if (a.theirsId !== b.theirsId) return a.theirsId < b.theirsId ? -1 : 1;
  return 0;
}
