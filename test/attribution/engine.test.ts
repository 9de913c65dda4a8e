import { attribute } from '../../api/src/attribution/engine';
import type {
  AttributableOpportunity,
  OverlapEvidence,
  Touch,
} from '../../api/src/attribution/types';
import type { AttributionRules } from '../../api/src/attribution/rules';
import { evidence, opp, rel, rules, touch } from './fixtures';

interface Case {
  name: string;
  opp?: Partial<AttributableOpportunity>;
  touches?: Touch[];
  evidence?: OverlapEvidence[];
  rules?: Partial<AttributionRules>;
  /** partnerId:type:amount for each attribution, in partner order */
  want: string[];
}

const fmt = (o: AttributableOpportunity, t: Touch[], e: OverlapEvidence[], r: AttributionRules) =>
  attribute(o, t, e, r).map((a) => `${a.partnerId}:${a.type}:${a.amount}`);

describe('attribution rules', () => {
  const cases: Case[] = [
    // sourced window
    {
      name: 'referral 10 days before creation sources',
      touches: [touch({ type: 'referral', occurredAt: rel(-10) })],
      want: ['p1:sourced:1000'],
    },
    {
      name: 'intro made exactly at the window start sources',
      touches: [touch({ type: 'intro_made', occurredAt: rel(-90) })],
      want: ['p1:sourced:1000'],
    },
    {
      name: 'intro made 1 ms before the window start does nothing',
      touches: [touch({ type: 'intro_made', occurredAt: rel(-90, -1) })],
      want: [],
    },
    {
      name: 'referral at the creation instant sources',
      touches: [touch({ type: 'referral', occurredAt: rel(0) })],
      want: ['p1:sourced:1000'],
    },
    {
      name: 'custom 30-day window excludes a 31-day-old referral',
      rules: { sourcedWindowDays: 30 },
      touches: [touch({ type: 'referral', occurredAt: rel(-31) })],
      want: [],
    },
    {
      name: 'intro requested before creation is not a sourcing touch',
      touches: [touch({ type: 'intro_requested', occurredAt: rel(-5) })],
      want: [],
    },
    {
      name: 'co-sell meeting before creation counts for nothing',
      touches: [touch({ occurredAt: rel(-5) })],
      want: [],
    },
    // influence window
    {
      name: 'co-sell meeting while open influences',
      touches: [touch({ occurredAt: rel(10) })],
      want: ['p1:influenced:1000'],
    },
    {
      name: 'meeting late on the close day still influences',
      touches: [touch({ occurredAt: '2026-04-30T23:30:00.000Z' })],
      want: ['p1:influenced:1000'],
    },
    {
      name: 'touch after close does nothing',
      touches: [touch({ occurredAt: '2026-05-01T00:00:00.000Z' })],
      want: [],
    },
    {
      name: 'touch after the expected close of an open opportunity influences',
      opp: { isClosed: false, isWon: false },
      touches: [touch({ occurredAt: '2026-07-01T00:00:00.000Z' })],
      want: ['p1:influenced:1000'],
    },
    {
      name: 'reopened opportunity: a touch after the old close date counts again',
      opp: { isClosed: false, isWon: false, closeDate: '2026-04-30' },
      touches: [touch({ occurredAt: '2026-05-10T00:00:00.000Z' })],
      want: ['p1:influenced:1000'],
    },
    {
      name: 'referral while open influences',
      touches: [touch({ type: 'referral', occurredAt: rel(3) })],
      want: ['p1:influenced:1000'],
    },
    {
      name: 'influence types are configurable',
      rules: { influenceTouchTypes: ['intro_made'] },
      touches: [touch({ occurredAt: rel(3) })],
      want: [],
    },
    // which touches concern the opportunity
    {
      name: 'touch naming another opportunity of the account is ignored',
      touches: [touch({ opportunitySourceId: '006B', occurredAt: rel(3) })],
      want: [],
    },
    {
      name: 'touch on another account is ignored',
      touches: [touch({ accountSourceId: '001Z', occurredAt: rel(3) })],
      want: [],
    },
    // sourced beats influenced
    {
      name: 'sourced wins over influenced for the same partner',
      touches: [touch({ type: 'referral', occurredAt: rel(-3) }), touch({ occurredAt: rel(5) })],
      want: ['p1:sourced:1000'],
    },
    // opportunity changes
    {
      name: 'deleted opportunity has no attributions',
      opp: { deleted: true },
      touches: [touch({ type: 'referral', occurredAt: rel(-3) })],
      want: [],
    },
    {
      name: 'amount change carries through',
      opp: { amount: 2500.5 },
      touches: [touch({ occurredAt: rel(1) })],
      want: ['p1:influenced:2500.5'],
    },
    {
      name: 'no amount gives a null amount',
      opp: { amount: null },
      touches: [touch({ occurredAt: rel(1) })],
      want: ['p1:influenced:null'],
    },
    // overlap evidence
    {
      name: 'active customer overlap influences',
      evidence: [evidence()],
      want: ['p1:influenced:1000'],
    },
    {
      name: 'customer overlap that ended before creation does not',
      evidence: [evidence({ to: rel(-1) })],
      want: [],
    },
    {
      name: 'customer overlap that ended after creation does',
      evidence: [evidence({ to: rel(1) })],
      want: ['p1:influenced:1000'],
    },
    {
      name: 'overlap evidence can be switched off',
      rules: { countOverlapEvidence: false },
      evidence: [evidence()],
      want: [],
    },
    {
      name: 'overlap evidence on another account is ignored',
      evidence: [evidence({ accountSourceId: '001Z' })],
      want: [],
    },
    // several partners and split models
    {
      name: 'even split over two partners',
      touches: [touch({ occurredAt: rel(1) }), touch({ partnerId: 'p2', occurredAt: rel(2) })],
      want: ['p1:influenced:500', 'p2:influenced:500'],
    },
    {
      name: 'even split over three keeps every cent',
      opp: { amount: 100 },
      touches: [
        touch({ occurredAt: rel(1) }),
        touch({ partnerId: 'p2', occurredAt: rel(2) }),
        touch({ partnerId: 'p3', occurredAt: rel(3) }),
      ],
      want: ['p1:influenced:33.34', 'p2:influenced:33.33', 'p3:influenced:33.33'],
    },
    {
      name: 'sourced and influenced partners share',
      touches: [
        touch({ partnerId: 'p2', type: 'referral', occurredAt: rel(-2) }),
        touch({ occurredAt: rel(2) }),
      ],
      want: ['p1:influenced:500', 'p2:sourced:500'],
    },
    {
      name: 'first touch gives all to the earliest',
      rules: { splitModel: 'first_touch' },
      touches: [touch({ occurredAt: rel(5) }), touch({ partnerId: 'p2', occurredAt: rel(2) })],
      want: ['p1:influenced:0', 'p2:influenced:1000'],
    },
    {
      name: 'last touch gives all to the latest',
      rules: { splitModel: 'last_touch' },
      touches: [touch({ occurredAt: rel(5) }), touch({ partnerId: 'p2', occurredAt: rel(2) })],
      want: ['p1:influenced:1000', 'p2:influenced:0'],
    },
    {
      name: 'first touch tie goes to the lower partner id',
      rules: { splitModel: 'first_touch' },
      touches: [touch({ partnerId: 'p2', occurredAt: rel(2) }), touch({ occurredAt: rel(2) })],
      want: ['p1:influenced:1000', 'p2:influenced:0'],
    },
    {
      name: 'weights by touch type: referral 3 vs meeting 1',
      rules: { splitModel: 'weights' },
      touches: [
        touch({ type: 'referral', occurredAt: rel(-1) }),
        touch({ partnerId: 'p2', occurredAt: rel(2) }),
      ],
      want: ['p1:sourced:750', 'p2:influenced:250'],
    },
    {
      name: 'weights all zero fall back to even',
      rules: { splitModel: 'weights', weights: {} },
      touches: [touch({ occurredAt: rel(1) }), touch({ partnerId: 'p2', occurredAt: rel(2) })],
      want: ['p1:influenced:500', 'p2:influenced:500'],
    },
    {
      name: 'weights use the strongest touch, not the count',
      rules: { splitModel: 'weights' },
      touches: [
        touch({ occurredAt: rel(1) }),
        touch({ occurredAt: rel(2) }),
        touch({ occurredAt: rel(3) }),
        touch({ partnerId: 'p2', type: 'intro_made', occurredAt: rel(4) }),
      ],
      want: ['p1:influenced:333.33', 'p2:influenced:666.67'],
    },
  ];

  it.each(cases)('$name', (c) => {
    expect(fmt(opp(c.opp), c.touches ?? [], c.evidence ?? [], rules(c.rules))).toEqual(c.want);
  });

  it('keeps the currency of the opportunity', () => {
    const [a] = attribute(opp({ currency: 'EUR' }), [touch({ occurredAt: rel(1) })], [], rules());
    expect(a.currency).toBe('EUR');
  });

  it('lists the touches behind each attribution and explains them', () => {
    const ref = touch({ type: 'referral', occurredAt: rel(-3) });
    const meet = touch({ occurredAt: rel(4) });
    const late = touch({ occurredAt: rel(400) });
    const [a] = attribute(opp(), [late, meet, ref], [evidence()], rules());
    expect(a.touchIds).toEqual([ref.id, meet.id, 'overlap:ov1']);
    expect(a.explanation.steps.map((s) => s.rule)).toEqual([
      'sourced_window',
      'influence_window',
      'customer_overlap',
    ]);
    expect(a.explanation.summary).toMatch(/^Sourced: referral on 2026-02-26, 3 day\(s\) before/);
  });

  it('gives the same result whatever the order of the touches', () => {
    const ts = [
      touch({ occurredAt: rel(1) }),
      touch({ partnerId: 'p2', type: 'referral', occurredAt: rel(-9) }),
      touch({ partnerId: 'p3', occurredAt: rel(6) }),
    ];
    const a = attribute(opp(), ts, [], rules({ splitModel: 'weights' }));
    const b = attribute(opp(), [...ts].reverse(), [], rules({ splitModel: 'weights' }));
    expect(b).toEqual(a);
  });
});

describe('the example in docs/attribution.md', () => {
  const o = opp({ amount: 100, createdDate: '2026-03-01T00:00:00.000Z', closeDate: '2026-04-30' });
  const touches = [
    touch({ partnerId: 'globex', type: 'referral', occurredAt: '2026-02-20T10:00:00Z' }),
    touch({ partnerId: 'globex', occurredAt: '2026-03-15T10:00:00Z' }),
    touch({ partnerId: 'initech', occurredAt: '2026-04-02T10:00:00Z' }),
    touch({ partnerId: 'hooli', occurredAt: '2026-05-03T10:00:00Z' }),
  ];
  const ev = [evidence({ partnerId: 'umbrella' })];
  it.each([
    {
      splitModel: 'even' as const,
      want: ['globex:sourced:33.34', 'initech:influenced:33.33', 'umbrella:influenced:33.33'],
    },
    {
      splitModel: 'weights' as const,
      want: ['globex:sourced:60', 'initech:influenced:20', 'umbrella:influenced:20'],
    },
  ])('$splitModel', ({ splitModel, want }) => {
    expect(fmt(o, touches, ev, rules({ splitModel }))).toEqual(want);
  });
});
