import { MatchIndex, matchAccounts, type AccountInput } from '../../api/src/matching';
import { generateMine, generateTheirs } from '../../scripts/bench/lib/synthetic';

// Lists longer than one batch (8,192 records) are prepared on worker threads.
describe('matching on worker threads', () => {
  const opts = { n: 9000 };
  const mine = [...generateMine(opts)];
  const theirs = [...generateTheirs(opts)];

  it('gives exactly the single-thread result', async () => {
    const single = await matchAccounts(mine, theirs, { threads: 1 });
    const parallel = await matchAccounts(mine, theirs, { threads: 2 });
    expect(single.length).toBeGreaterThan(2000);
    expect(parallel).toEqual(single);
    // The synchronous entry points never use threads and agree too.
    expect(MatchIndex.build(theirs).match(mine)).toEqual(single);
  }, 60_000);

  it('names the record when an id is not a string', async () => {
    const bad = [...theirs.slice(0, 9000), { name: 'No Id Inc' } as unknown as AccountInput];
    await expect(matchAccounts(mine, bad, { threads: 2 })).rejects.toThrow(
      'record 9000: id must be a string',
    );
    expect(() => MatchIndex.build([{ id: 7 } as unknown as AccountInput])).toThrow(
      'record 0: id must be a string',
    );
  }, 60_000);
});
