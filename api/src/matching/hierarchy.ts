import type { MatchPair } from './types';

/** Parent/child links of one side: record parentIds plus any known parent-child list. */
export interface SideHierarchy {
  parentOf(id: string): string | null;
  childrenOf(id: string): readonly string[];
  has(id: string): boolean;
}

/** A same-company pair that hierarchy pairs are derived from. */
export interface SamePair {
  mineId: string;
  theirsId: string;
  confidence: number;
}

/** Hierarchy evidence is one step removed from the same-company evidence it rests on. */
export const HIERARCHY_DISCOUNT = 0.9;

type Relation = 'parent' | 'child';

/**
 * Derives parent/subsidiary overlaps from same-company pairs: when my record M is the
 * same company as their record T, then T's subsidiaries are M's children (M is the parent),
 * T's parent is M's parent (M is the child), and likewise for M's own parent and children.
 * Only direct links are followed; a pair that is already "same" is never also hierarchy.
 */
export function deriveHierarchyPairs(
  same: readonly SamePair[],
  mine: SideHierarchy,
  theirs: SideHierarchy,
  minConfidence: number,
): MatchPair[] {
  const sameKeys = new Set<string>();
  for (const p of same) sameKeys.add(pairKey(p.mineId, p.theirsId));
  // Per pair, the best confidence for each relation. Collected first and decided after, so
  // the result cannot depend on the order the same-company pairs arrive in.
  const offers = new Map<
    string,
    { mineId: string; theirsId: string; parent: number; child: number }
  >();
  const offer = (
    mineId: string,
    theirsId: string,
    relation: Relation,
    confidence: number,
  ): void => {
    const key = pairKey(mineId, theirsId);
    if (sameKeys.has(key) || confidence < minConfidence) return;
    let o = offers.get(key);
    if (!o) offers.set(key, (o = { mineId, theirsId, parent: 0, child: 0 }));
    o[relation] = Math.max(o[relation], confidence);
  };
  for (const p of same) {
    const c = Math.round(p.confidence * HIERARCHY_DISCOUNT * 1000) / 1000;
    for (const child of theirs.childrenOf(p.theirsId)) offer(p.mineId, child, 'parent', c);
    const theirParent = theirs.parentOf(p.theirsId);
    if (theirParent && theirs.has(theirParent)) offer(p.mineId, theirParent, 'child', c);
    for (const child of mine.childrenOf(p.mineId)) offer(child, p.theirsId, 'child', c);
    const myParent = mine.parentOf(p.mineId);
    if (myParent && mine.has(myParent)) offer(myParent, p.theirsId, 'parent', c);
  }
  const pairs: MatchPair[] = [];
  for (const o of offers.values()) {
    // Evidence for both directions at once comes from cyclic parent data: trust the
    // stronger one, and drop the pair when neither is stronger.
    if (o.parent === o.child) continue;
    const relation: Relation = o.parent > o.child ? 'parent' : 'child';
    const confidence = Math.max(o.parent, o.child);
    pairs.push({
      mineId: o.mineId,
      theirsId: o.theirsId,
      method: 'hierarchy',
      confidence,
      relation,
      duplicateCount: 0,
      mineDuplicateCount: 0,
    });
  }
  return pairs;
}

function pairKey(mineId: string, theirsId: string): string {
  return mineId + '\u0000' + theirsId;
}

/** Builds one side's hierarchy from parent links gathered while reading its records. */
export class ParentLinks implements SideHierarchy {
  private readonly parents = new Map<string, string>();
  private readonly children = new Map<string, string[]>();

  constructor(private readonly exists: (id: string) => boolean) {}

  link(childId: string, parentId: string): void {
    if (childId === parentId || this.parents.get(childId) === parentId) return;
    this.unlink(childId);
    this.parents.set(childId, parentId);
    const list = this.children.get(parentId);
    if (list) list.push(childId);
    else this.children.set(parentId, [childId]);
  }

  unlink(childId: string): void {
    const parent = this.parents.get(childId);
    if (parent === undefined) return;
    this.parents.delete(childId);
    const list = this.children.get(parent) ?? [];
    const i = list.indexOf(childId);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.children.delete(parent);
  }

  parentOf(id: string): string | null {
    return this.parents.get(id) ?? null;
  }

  childrenOf(id: string): readonly string[] {
    return (this.children.get(id) ?? []).filter(this.exists);
  }

  has(id: string): boolean {
    return this.exists(id);
  }
}
