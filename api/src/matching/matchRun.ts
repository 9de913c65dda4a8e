import { packedAt, type PreparedChunk } from './chunk';
import { deriveHierarchyPairs, ParentLinks, type SamePair, type SideHierarchy } from './hierarchy';
import { SlotList } from './keyTable';
import type { MatchIndex } from './matchIndex';
import { F_ID, F_PARENT, hasParent, packedField } from './packed';
import { PreparedRecord, typoBlockingToken } from './prepare';
import { isTypo, scorePair } from './score';
import { DEFAULT_MIN_CONFIDENCE, type MatchOptions, type MatchPair } from './types';

/** A candidate found only through the typo key must hold a one-swap typo of that token. */
function hasTypoOf(candidate: PreparedRecord, typoToken: string): boolean {
  for (const t of candidate.tokens)
    if (t.length === typoToken.length && isTypo(typoToken, t)) return true;
  return false;
}

/** One matching run: my records streamed through, pairs collected, then finished. */
export class MatchRun {
  private readonly minConfidence: number;
  private readonly same: Array<SamePair & { method: MatchPair['method'] }> = [];
  private readonly mineIds = new Set<string>();
  private readonly mineLinks = new ParentLinks((id) => this.mineIds.has(id));
  private readonly includeHierarchy: boolean;
  private readonly direct = new SlotList();
  private readonly letters = new SlotList();

  constructor(
    private readonly index: MatchIndex,
    private readonly options: MatchOptions,
  ) {
    this.minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    this.includeHierarchy = options.includeHierarchy ?? true;
  }

  /** Matches one prepared batch of my records; only records with candidates are unpacked. */
  probeChunk(chunk: PreparedChunk): void {
    const { direct, letters } = this;
    for (let i = 0; i < chunk.offsets.length - 1; i++) {
      if (this.includeHierarchy) {
        const packed = packedAt(chunk, i);
        const id = packedField(packed, F_ID);
        this.mineIds.add(id);
        if (hasParent(packed)) this.mineLinks.link(id, packedField(packed, F_PARENT));
      }
      this.index.candidates(chunk, i, direct, letters);
      if (direct.length === 0 && letters.length === 0) continue;
      const mine = PreparedRecord.fromPacked(packedAt(chunk, i));
      for (let j = 0; j < direct.length; j++)
        this.consider(mine, this.index.record(direct.items[j]));
      if (letters.length === 0) continue;
      const typoToken = typoBlockingToken(mine)!;
      for (let j = 0; j < letters.length; j++) {
        const theirs = this.index.record(letters.items[j]);
        if (hasTypoOf(theirs, typoToken)) this.consider(mine, theirs);
      }
    }
  }

  private consider(mine: PreparedRecord, theirs: PreparedRecord): void {
    const score = scorePair(mine, theirs);
    if (score && score.confidence >= this.minConfidence) {
      this.same.push({
        mineId: mine.id,
        theirsId: theirs.id,
        method: score.method,
        confidence: score.confidence,
      });
    }
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
