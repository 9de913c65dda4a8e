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

  it('probes on worker threads against the index as changed since the last run', async () => {
    // Overlapping records come first in the synthetic list; reversed, they fall past the
    // first batch, which is the part probed in workers.
    const probed = [...mine].reverse();
    const index = await MatchIndex.buildFrom(theirs, { threads: 2 });
    const first = await index.matchFrom(probed, { threads: 2 });
    expect(first).toEqual(MatchIndex.build(theirs).match(probed));
    // Remove records matched in workers and re-add one under a new name: workers must see it.
    const late = new Set(probed.slice(8192).map((r) => r.id));
    const gone = [...new Set(first.filter((p) => late.has(p.mineId)).map((p) => p.theirsId))];
    expect(gone.length).toBeGreaterThan(50);
    for (const id of gone) index.remove(id);
    const kept = theirs.filter((r) => !gone.includes(r.id));
    const afterRemove = await index.matchFrom(probed, { threads: 2 });
    expect(afterRemove.length).toBeLessThan(first.length);
    expect(afterRemove).toEqual(MatchIndex.build(kept).match(probed));
    const renamed = { ...theirs.find((r) => r.id === gone[0])!, name: 'Zyxwvut Holdings' };
    index.upsert(renamed);
    const afterUpsert = await index.matchFrom(probed, { threads: 2 });
    expect(afterUpsert).toEqual(MatchIndex.build([...kept, renamed]).match(probed));
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
