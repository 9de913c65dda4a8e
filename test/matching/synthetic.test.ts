import { MatchIndex } from '../../api/src/matching';
import { entityOf, generateMine, generateTheirs } from '../../scripts/bench/lib/synthetic';

describe('synthetic generator + matcher', () => {
  const opts = { n: 4000 };
  const pairs = MatchIndex.build(generateTheirs(opts)).match(generateMine(opts), {
    includeHierarchy: false,
  });

  it('finds no false pairs in synthetic ground truth', () => {
    const wrong = pairs.filter((p) => entityOf(p.mineId) !== entityOf(p.theirsId));
    expect(wrong).toEqual([]);
  });

  it('finds most true pairs', () => {
    const shared = Math.floor(opts.n * 0.3);
    let truePairs = 0;
    const theirsCopies = new Map<number, number>();
    for (const r of generateTheirs(opts))
      if (entityOf(r.id) < shared)
        theirsCopies.set(entityOf(r.id), (theirsCopies.get(entityOf(r.id)) ?? 0) + 1);
    for (const r of generateMine(opts)) truePairs += theirsCopies.get(entityOf(r.id)) ?? 0;
    expect(truePairs).toBeGreaterThan(1000);
    expect(pairs.length / truePairs).toBeGreaterThan(0.88);
  });

  it('is deterministic', () => {
    expect([...generateMine({ n: 50 })]).toEqual([...generateMine({ n: 50 })]);
  });
});
