import fc from 'fast-check';
import {
  MatchIndex,
  matchAccounts,
  type AccountInput,
  type MatchPair,
} from '../../api/src/matching';

// A small vocabulary so that random lists actually overlap through every method.
const brand = fc.constantFrom(
  'Acme',
  'Zendesk',
  'Globex',
  'Delta',
  'Apex',
  'Initech',
  'Umbrella',
  'Zendeks',
  'Hooli',
);
const extra = fc.constantFrom('', ' Software', ' Labs', ' Global', ' International');
const suffix = fc.constantFrom('', ' Inc', ' GmbH', ' Ltd.', ' S.A.', ' dba Hooli');
const website = fc.constantFrom(
  null,
  'acme.com',
  'https://www.acme.com',
  'acme.de',
  'zendesk.com',
  'gmail.com',
  'globex.io',
  'apex.co.uk',
  'x.github.io',
);
const country = fc.constantFrom(null, 'US', 'USA', 'DE', 'Germany', 'GB');

function side(prefix: string): fc.Arbitrary<AccountInput[]> {
  return fc
    .array(
      fc.record({
        b: brand,
        e: extra,
        s: suffix,
        website,
        country,
        parent: fc.option(fc.nat(7), { nil: undefined }),
      }),
      { maxLength: 8 },
    )
    .map((rows) =>
      rows.map((r, i) => ({
        id: `${prefix}${i}`,
        name: r.b + r.e + r.s,
        website: r.website,
        country: r.country,
        parentId:
          r.parent !== undefined && r.parent < rows.length && r.parent !== i
            ? `${prefix}${r.parent}`
            : null,
      })),
    );
}

/** The pair as seen from the other side. */
function swap(p: MatchPair): MatchPair {
  const relation = p.relation === 'parent' ? 'child' : p.relation === 'child' ? 'parent' : 'same';
  return {
    ...p,
    mineId: p.theirsId,
    theirsId: p.mineId,
    relation,
    duplicateCount: p.mineDuplicateCount,
    mineDuplicateCount: p.duplicateCount,
  };
}

const byIds = (a: MatchPair, b: MatchPair): number =>
  a.mineId === b.mineId
    ? a.theirsId < b.theirsId
      ? -1
      : a.theirsId > b.theirsId
        ? 1
        : 0
    : a.mineId < b.mineId
      ? -1
      : 1;

const knownParents = [
  { parentId: 'a0', childId: 'a1' },
  { parentId: 'b2', childId: 'b0' },
];

describe('matching properties', () => {
  it('is symmetric: matching B against A gives the same pairs with sides swapped', async () => {
    await fc.assert(
      fc.asyncProperty(side('a'), side('b'), async (a, b) => {
        const ab = await matchAccounts(a, b, { knownParents, minConfidence: 0.5 });
        const ba = await matchAccounts(b, a, { knownParents, minConfidence: 0.5 });
        expect(ba.map(swap).sort(byIds)).toEqual(ab);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on input order', async () => {
    await fc.assert(
      fc.asyncProperty(
        side('a').chain((a) =>
          fc.tuple(
            fc.constant(a),
            fc.shuffledSubarray(a, { minLength: a.length, maxLength: a.length }),
          ),
        ),
        side('b').chain((b) =>
          fc.tuple(
            fc.constant(b),
            fc.shuffledSubarray(b, { minLength: b.length, maxLength: b.length }),
          ),
        ),
        async ([a, a2], [b, b2]) => {
          expect(await matchAccounts(a2, b2, { knownParents })).toEqual(
            await matchAccounts(a, b, { knownParents }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('incremental matching against a prepared index equals a full run', async () => {
    await fc.assert(
      fc.asyncProperty(side('a'), side('b'), fc.nat(), async (a, b, seed) => {
        const full = await matchAccounts(a, b, { knownParents });
        // Build the partner index in two steps (some records upserted later, one replaced).
        const cut = b.length ? seed % b.length : 0;
        const index = MatchIndex.build(b.slice(0, cut));
        index.upsert({ id: 'tmp', name: 'Acme Inc', website: 'acme.com' });
        for (const r of b.slice(cut)) index.upsert(r);
        index.remove('tmp');
        if (b.length) {
          // Replace a record with a different version, then restore it: no trace may remain.
          const r = b[seed % b.length];
          index.upsert({ ...r, name: 'Acme Inc', website: 'acme.com', country: 'US' });
          index.upsert(r);
        }
        expect(index.match(a, { knownParents })).toEqual(full);
      }),
      { numRuns: 300 },
    );
  });

  it('never reports a pair twice and keeps confidences in [minConfidence, 1]', async () => {
    await fc.assert(
      fc.asyncProperty(
        side('a'),
        side('b'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (a, b, min) => {
          const pairs = await matchAccounts(a, b, { minConfidence: min });
          const keys = pairs.map((p) => `${p.mineId}|${p.theirsId}`);
          expect(new Set(keys).size).toBe(keys.length);
          for (const p of pairs) {
            expect(p.confidence).toBeGreaterThanOrEqual(min);
            expect(p.confidence).toBeLessThanOrEqual(1);
            if (p.method === 'hierarchy') expect(p.relation).not.toBe('same');
            else expect(p.relation).toBe('same');
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
