import { MatchIndex } from './matchIndex';
import type { AccountInput, MatchOptions, MatchPair } from './types';

type Records = Iterable<AccountInput> | AsyncIterable<AccountInput>;

/**
 * Finds the overlaps between my records and a partner's records.
 *
 * Their side is indexed; my side is streamed through the index and never held, so memory
 * grows with the partner's list and the pairs found, not with mine. The result is the same
 * whichever side is indexed (scoring is symmetric), sorted by (mineId, theirsId).
 */
export async function matchAccounts(
  mine: Records,
  theirs: Records,
  options: MatchOptions = {},
): Promise<MatchPair[]> {
  const index = await MatchIndex.buildFrom(theirs, options);
  return index.matchFrom(mine, options);
}
