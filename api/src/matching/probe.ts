import { KEY_DOMAIN, KEY_ID, KEY_LETTERS, type KeyedRecords } from './chunk';
import type { KeyTable } from './keyTable';
import { SlotList } from './keyTable';
import { typoBlockingToken, type PreparedRecord } from './prepare';
import { isTypo, scorePair } from './score';
import { F_DOMAIN, F_LABEL, F_TOKENS, fieldLengthAt, fieldStartAt } from './packed';
import type { MatchPair } from './types';

/**
 * Name and token blocks larger than this are skipped as an overload guard (domain blocks
 * never are). Real lists do not come close; only a degenerate list with thousands of records
 * of one name or one unknown word trips it, and then matches through that key are lost.
 */
const MAX_BLOCK = 5000;

/** What probing needs of an index: the same in the main thread and in a worker's shared view. */
export interface ProbeTarget {
  /** Number of slots (live or removed). */
  readonly slotCount: number;
  readonly blocks: KeyTable;
  /** False for a removed record's slot. */
  isLive(slot: number): boolean;
  record(slot: number): PreparedRecord;
  /**
   * Whether the record in `slot` has a token of `token`'s length one typo away from it
   * ({@link hasTypoAt}), read from the packed text without unpacking the record.
   */
  hasTypoToken(slot: number, token: string): boolean;
  /** Whether the record in `slot` has another website ({@link websiteConflictAt}). */
  websiteConflict(slot: number, domain: string, label: string): boolean;
}

/** A same-company pair found by probing, before dedupe and duplicate counts. */
export interface ProbedPair {
  mineId: string;
  theirsId: string;
  method: MatchPair['method'];
  confidence: number;
}

/** Per-thread probing state: scratch lists and a stamp per slot to report each slot once. */
export class Prober {
  private stamp = new Int32Array(1024);
  private probeNo = 0;
  private readonly found = new SlotList();
  readonly direct = new SlotList();
  readonly letters = new SlotList();

  /**
   * Slots of indexed records sharing a blocking key with record `i` of `batch`, each once:
   * `direct` through domain, name and token keys, `letters` only through the typo key
   * (anagrams share it too, so the caller keeps only true one-swap typos).
   */
  candidates(target: ProbeTarget, batch: KeyedRecords, i: number): void {
    const no = ++this.probeNo;
    if (this.stamp.length < target.slotCount) {
      const grown = new Int32Array(Math.max(target.slotCount, this.stamp.length * 2));
      grown.set(this.stamp);
      this.stamp = grown;
    }
    const { found, direct, letters, stamp } = this;
    direct.length = 0;
    letters.length = 0;
    const { keys, keyStart } = batch;
    for (let pass = 0; pass < 2; pass++) {
      const out = pass === 0 ? direct : letters;
      for (let k = keyStart[i] * 3; k < keyStart[i + 1] * 3; k += 3) {
        const kind = keys[k];
        if (kind === KEY_ID || (kind === KEY_LETTERS) !== (pass === 1)) continue;
        found.length = 0;
        // Domain blocks are never capped: a shared domain is the strongest evidence there is.
        const limit = kind === KEY_DOMAIN ? Number.MAX_SAFE_INTEGER : MAX_BLOCK;
        target.blocks.collect(keys[k + 1], keys[k + 2], limit, found);
        for (let j = 0; j < found.length; j++) {
          const slot = found.items[j];
          if (stamp[slot] === no || !target.isLive(slot)) continue;
          stamp[slot] = no;
          out.push(slot);
        }
      }
    }
  }

  /** Matches record `i` of `batch`; pairs at or above `minConfidence` are appended to `out`. */
  probe(
    target: ProbeTarget,
    batch: KeyedRecords,
    i: number,
    minConfidence: number,
    out: ProbedPair[],
  ): void {
    const { direct, letters } = this;
    this.candidates(target, batch, i);
    if (direct.length === 0 && letters.length === 0) return;
    const mine = batch.records[i];
    for (let j = 0; j < direct.length; j++) {
      const slot = direct.items[j];
      // Another website rules the pair out (scorePair, rule 2): skip unpacking the record.
      if (mine.label !== null && target.websiteConflict(slot, mine.domain!, mine.label)) continue;
      consider(mine, target.record(slot), minConfidence, out);
    }
    if (letters.length === 0) return;
    // Most records met through the letters are anagrams, not typos: reject them before
    // unpacking (a million-record index would otherwise unpack several per probe).
    const typoToken = typoBlockingToken(mine)!;
    for (let j = 0; j < letters.length; j++) {
      const slot = letters.items[j];
      if (target.hasTypoToken(slot, typoToken))
        consider(mine, target.record(slot), minConfidence, out);
    }
  }

  /** Matches every record of a batch. */
  probeBatch(
    target: ProbeTarget,
    batch: KeyedRecords,
    minConfidence: number,
    out: ProbedPair[],
  ): void {
    for (let i = 0; i < batch.records.length; i++) this.probe(target, batch, i, minConfidence, out);
  }
}

function consider(
  mine: PreparedRecord,
  theirs: PreparedRecord,
  minConfidence: number,
  out: ProbedPair[],
): void {
  const score = scorePair(mine, theirs);
  if (score && score.confidence >= minConfidence) {
    out.push({
      mineId: mine.id,
      theirsId: theirs.id,
      method: score.method,
      confidence: score.confidence,
    });
  }
}

/**
 * True when the packed record starting at `start` of `text` has a website whose registrable
 * domain differs from `domain` and whose brand label differs from `label`: scorePair rejects
 * such a pair whatever the names say, so probing need not unpack the record.
 */
export function websiteConflictAt(
  text: string,
  start: number,
  domain: string,
  label: string,
): boolean {
  const from = fieldStartAt(text, start, F_DOMAIN);
  const length = fieldLengthAt(text, start, F_DOMAIN);
  if (length === 0) return false;
  if (length === domain.length && text.startsWith(domain, from)) return false;
  // The label field follows the domain field.
  return !(
    fieldLengthAt(text, start, F_LABEL) === label.length && text.startsWith(label, from + length)
  );
}

/**
 * A candidate found only through the typo key must hold a one-swap typo of that token: a
 * token of the same length with {@link isTypo}. Reads the tokens field (tokens joined by
 * spaces) of the packed record starting at `start` of `text`, slicing only same-length tokens.
 */
export function hasTypoAt(text: string, start: number, typoToken: string): boolean {
  const from = fieldStartAt(text, start, F_TOKENS);
  const to = from + fieldLengthAt(text, start, F_TOKENS);
  if (to === from) return false;
  const n = typoToken.length;
  let a = from;
  for (let i = from; i <= to; i++) {
    if (i < to && text.charCodeAt(i) !== 32) continue;
    if (i - a === n && isTypo(typoToken, text.slice(a, i))) return true;
    a = i + 1;
  }
  return false;
}
