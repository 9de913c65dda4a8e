import { deriveHierarchyPairs, ParentLinks, type SamePair, type SideHierarchy } from './hierarchy';
import { KeyTable } from './keyTable';
import {
  forEachBlockingKey,
  prepareRecord,
  typoBlockingToken,
  type PreparedRecord,
} from './prepare';
import { isTypo, scorePair } from './score';
import {
  DEFAULT_MIN_CONFIDENCE,
  type AccountInput,
  type MatchOptions,
  type MatchPair,
} from './types';

/**
 * Name and token blocks larger than this are skipped as an overload guard (domain blocks
 * never are). Real lists do not come close; only a degenerate list with thousands of records
 * of one name or one unknown word trips it, and then matches through that key are lost.
 */
const MAX_BLOCK = 5000;

/**
 * A prepared, updatable index of one side's records (usually the partner's), so that my
 * new or changed records can be matched without re-reading the partner's whole list.
 * `index.match(records)` returns exactly what `matchAccounts(records, indexedRecords)` returns.
 */
export class MatchIndex {
  private slots: Array<PreparedRecord | undefined> = [];
  private ids = new KeyTable();
  private blocks = new KeyTable();
  private live = 0;
  private readonly links = new ParentLinks((id) => this.slotOf(id) >= 0);
  private stamp = new Int32Array(1024);
  private probeNo = 0;

  static build(records: Iterable<AccountInput>, _options?: MatchOptions): MatchIndex {
    const index = new MatchIndex();
    for (const r of records) index.upsert(r);
    return index;
  }

  /** Like {@link build}, for a streamed list (CSV reader, database cursor). */
  static async buildFrom(
    records: Iterable<AccountInput> | AsyncIterable<AccountInput>,
  ): Promise<MatchIndex> {
    const index = new MatchIndex();
    for await (const r of records) index.upsert(r);
    return index;
  }

  get size(): number {
    return this.live;
  }

  /** Adds a record, or replaces the record with the same id. */
  upsert(record: AccountInput): void {
    this.remove(record.id);
    this.append(prepareRecord(record));
  }

  remove(id: string): void {
    const slot = this.slotOf(id);
    if (slot < 0) return;
    this.slots[slot] = undefined;
    this.live--;
    this.links.unlink(id);
    // Entries of removed records linger in the key tables until they outnumber live ones.
    if (this.slots.length - this.live > Math.max(1024, this.live)) this.compact();
  }

  private append(prepared: PreparedRecord): void {
    const slot = this.slots.length;
    this.slots.push(prepared);
    this.live++;
    this.ids.add(prepared.id, slot);
    forEachBlockingKey(prepared, (key) => this.blocks.add(key, slot));
    const typoToken = typoBlockingToken(prepared);
    if (typoToken) this.blocks.addLetters(typoToken, slot);
    prepared.compact();
    if (prepared.parentId) this.links.link(prepared.id, prepared.parentId);
  }

  private slotOf(id: string): number {
    let found = -1;
    this.ids.forEach(id, (slot) => {
      if (this.slots[slot]?.id !== id) return true;
      found = slot;
      return false;
    });
    return found;
  }

  private compact(): void {
    const live = this.slots.filter((r): r is PreparedRecord => r !== undefined);
    this.slots = [];
    this.live = 0;
    this.ids = new KeyTable(live.length);
    this.blocks = new KeyTable(live.length * 3);
    for (const r of live) this.append(r);
  }

  /** Matches records (mine) against the indexed records (theirs). */
  match(records: Iterable<AccountInput>, options: MatchOptions = {}): MatchPair[] {
    const run = this.startRun(options);
    for (const r of records) run.probe(r);
    return run.finish();
  }

  /** Like {@link match}, for a streamed list. */
  async matchFrom(
    records: Iterable<AccountInput> | AsyncIterable<AccountInput>,
    options: MatchOptions = {},
  ): Promise<MatchPair[]> {
    const run = this.startRun(options);
    for await (const r of records) run.probe(r);
    return run.finish();
  }

  private startRun(options: MatchOptions): MatchRun {
    return new MatchRun(this, options);
  }

  /** Calls `visit` once for each indexed record sharing a blocking key with `probe`. */
  forEachCandidate(probe: PreparedRecord, visit: (candidate: PreparedRecord) => void): void {
    const no = ++this.probeNo;
    if (this.stamp.length < this.slots.length) {
      const grown = new Int32Array(Math.max(this.slots.length, this.stamp.length * 2));
      grown.set(this.stamp);
      this.stamp = grown;
    }
    forEachBlockingKey(probe, (key) => {
      // Domain blocks are never capped: a shared domain is the strongest evidence there is.
      const limit = key.includes('.') ? Number.MAX_SAFE_INTEGER : MAX_BLOCK;
      this.blocks.forEachUpTo(key, limit, (slot) => this.visitSlot(slot, no, visit));
    });
    const typoToken = typoBlockingToken(probe);
    if (typoToken) {
      // Anagrams share this key too ("kalora"/"lorkaa"); only true one-swap typos go on to scoring.
      const isTypoCandidate = (c: PreparedRecord): boolean =>
        c.tokens.some((t) => t.length === typoToken.length && isTypo(typoToken, t));
      this.blocks.forEachLettersUpTo(typoToken, MAX_BLOCK, (slot) => {
        const candidate = this.slots[slot];
        if (candidate && this.stamp[slot] !== no && isTypoCandidate(candidate))
          this.visitSlot(slot, no, visit);
      });
    }
  }

  private visitSlot(slot: number, no: number, visit: (candidate: PreparedRecord) => void): void {
    if (this.stamp[slot] === no) return;
    this.stamp[slot] = no;
    const candidate = this.slots[slot];
    if (candidate) visit(candidate);
  }

  hierarchy(): SideHierarchy {
    return this.links;
  }
}

/** One matching run: my records streamed through, pairs collected, then finished. */
class MatchRun {
  private readonly minConfidence: number;
  private readonly same: Array<SamePair & { method: MatchPair['method'] }> = [];
  private readonly mineIds = new Set<string>();
  private readonly mineLinks = new ParentLinks((id) => this.mineIds.has(id));
  private readonly includeHierarchy: boolean;

  constructor(
    private readonly index: MatchIndex,
    private readonly options: MatchOptions,
  ) {
    this.minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    this.includeHierarchy = options.includeHierarchy ?? true;
  }

  probe(record: AccountInput): void {
    const mine = prepareRecord(record);
    if (this.includeHierarchy) {
      this.mineIds.add(mine.id);
      if (mine.parentId) this.mineLinks.link(mine.id, mine.parentId);
    }
    this.index.forEachCandidate(mine, (theirs) => {
      const score = scorePair(mine, theirs);
      if (score && score.confidence >= this.minConfidence) {
        this.same.push({
          mineId: mine.id,
          theirsId: theirs.id,
          method: score.method,
          confidence: score.confidence,
        });
      }
    });
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
