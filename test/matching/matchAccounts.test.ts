import { MatchIndex, matchAccounts, type AccountInput } from '../../api/src/matching';

async function* stream(records: AccountInput[]): AsyncGenerator<AccountInput> {
  for (const r of records) yield r;
}

describe('matchAccounts', () => {
  const mine: AccountInput[] = [
    { id: 'm1', name: 'Acme Inc', website: 'acme.com', country: 'US' },
    { id: 'm2', name: 'Zendesk', country: 'US' },
    { id: 'm3', name: 'Initech', website: 'gmail.com' },
  ];
  const theirs: AccountInput[] = [
    { id: 't1', name: 'ACME Incorporated', website: 'https://www.acme.com' },
    { id: 't2', name: 'Acme (duplicate)', website: 'acme.com/contact' },
    { id: 't3', name: 'Zendesk, Inc.', website: 'zendesk.com', country: 'USA' },
    { id: 't4', name: 'Initrode', website: 'gmail.com' },
  ];

  it('finds pairs with method, confidence and relation, sorted by ids', async () => {
    const pairs = await matchAccounts(mine, theirs);
    expect(pairs.map((p) => [p.mineId, p.theirsId, p.method, p.relation])).toEqual([
      ['m1', 't1', 'domain', 'same'],
      ['m1', 't2', 'domain', 'same'],
      ['m2', 't3', 'name', 'same'],
    ]);
    for (const p of pairs) expect(p.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('reports duplicates on the other side instead of picking one', async () => {
    const pairs = await matchAccounts(mine, theirs);
    expect(pairs.filter((p) => p.mineId === 'm1').map((p) => p.duplicateCount)).toEqual([2, 2]);
    expect(pairs.find((p) => p.mineId === 'm2')!.duplicateCount).toBe(1);
    const swapped = await matchAccounts(theirs, mine);
    expect(swapped.filter((p) => p.theirsId === 'm1').map((p) => p.mineDuplicateCount)).toEqual([
      2, 2,
    ]);
  });

  it('accepts async iterables on either side', async () => {
    expect(await matchAccounts(stream(mine), stream(theirs))).toEqual(
      await matchAccounts(mine, theirs),
    );
  });

  it('drops pairs below the workspace minimum confidence', async () => {
    const pairs = await matchAccounts(mine, theirs, { minConfidence: 0.95 });
    expect(pairs.map((p) => p.theirsId)).toEqual(['t1', 't2']);
  });

  it('matches an empty side to nothing', async () => {
    expect(await matchAccounts([], theirs)).toEqual([]);
    expect(await matchAccounts(mine, [])).toEqual([]);
  });
});

describe('hierarchy', () => {
  const mine: AccountInput[] = [
    { id: 'p', name: 'Globex Corporation', website: 'globex.com' },
    { id: 'c', name: 'Globex Robotics', website: 'globexrobotics.com', parentId: 'p' },
  ];
  const theirs: AccountInput[] = [
    { id: 'P', name: 'Globex Corp', website: 'www.globex.com' },
    { id: 'C', name: 'Globex Robotics GmbH', website: 'globexrobotics.de' },
  ];

  it("reports my subsidiary against their parent as 'child', never 'same'", async () => {
    const pairs = await matchAccounts(mine, theirs);
    expect(pairs.find((p) => p.mineId === 'c' && p.theirsId === 'P')).toMatchObject({
      method: 'hierarchy',
      relation: 'child',
    });
    expect(pairs.find((p) => p.mineId === 'p' && p.theirsId === 'P')).toMatchObject({
      method: 'domain',
      relation: 'same',
    });
  });

  it("reports their subsidiary against my parent as 'parent' via a known parent list", async () => {
    const withC = [...theirs, { id: 'C2', name: 'Umbrella Labs', website: 'umbrella-labs.com' }];
    const pairs = await matchAccounts(mine, withC, {
      knownParents: [{ parentId: 'P', childId: 'C2' }],
    });
    expect(pairs.find((p) => p.mineId === 'p' && p.theirsId === 'C2')).toMatchObject({
      method: 'hierarchy',
      relation: 'parent',
    });
    const without = await matchAccounts(mine, withC);
    expect(without.find((p) => p.theirsId === 'C2')).toBeUndefined();
  });

  it('can be switched off', async () => {
    const pairs = await matchAccounts(mine, theirs, { includeHierarchy: false });
    expect(pairs.every((p) => p.method !== 'hierarchy')).toBe(true);
  });
});

describe('MatchIndex', () => {
  const theirs: AccountInput[] = [
    { id: 't1', name: 'Acme Inc', website: 'acme.com' },
    { id: 't2', name: 'Zendesk', website: 'zendesk.com', country: 'US' },
  ];
  const mine: AccountInput[] = [
    { id: 'm1', name: 'Acme', website: 'www.acme.com' },
    { id: 'm2', name: 'Zendesk Inc', country: 'US' },
  ];

  it('matches changed records like a full run', async () => {
    const index = MatchIndex.build(theirs);
    expect(index.match(mine)).toEqual(await matchAccounts(mine, theirs));
  });

  it('reflects upserts and removals', () => {
    const index = MatchIndex.build(theirs);
    index.remove('t1');
    expect(index.match(mine).map((p) => p.theirsId)).toEqual(['t2']);
    index.upsert({ id: 't1', name: 'Acme Inc', website: 'acme.com' });
    index.upsert({ id: 't2', name: 'Zendesk', website: 'zendesk.com', country: 'DE' }); // moved: no longer corroborated
    expect(index.match(mine).map((p) => p.theirsId)).toEqual(['t1']);
    expect(index.size).toBe(2);
  });

  it('stays correct after many removals compact it', () => {
    const index = MatchIndex.build([]);
    for (let i = 0; i < 3000; i++)
      index.upsert({ id: `x${i}`, name: `Company${i}`, website: `c${i}.com` });
    for (let i = 0; i < 2990; i++) index.remove(`x${i}`);
    expect(index.size).toBe(10);
    expect(
      index.match([{ id: 'm', name: 'whatever', website: 'c2995.com' }]).map((p) => p.theirsId),
    ).toEqual(['x2995']);
    expect(index.match([{ id: 'm', name: 'whatever', website: 'c5.com' }])).toEqual([]);
  });
});
