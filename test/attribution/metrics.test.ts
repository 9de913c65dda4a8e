import { cohort, lift, quarterOf, revenue } from '../../api/src/attribution/metrics';
import type { Attribution } from '../../api/src/attribution/types';
import { opp } from './fixtures';

const attr = (
  o: string,
  partnerId: string,
  type: 'sourced' | 'influenced',
  amount: number,
  currency = 'USD',
): Attribution => ({
  opportunitySourceId: o,
  partnerId,
  type,
  weight: 1,
  amount,
  currency,
  touchIds: [],
  explanation: { splitModel: 'even', summary: '', steps: [] },
});

describe('revenue metrics', () => {
  const opps = [
    opp({ sourceId: 'o1', closeDate: '2026-02-10', amount: 100 }),
    opp({ sourceId: 'o2', closeDate: '2026-05-10', amount: 300 }),
    opp({ sourceId: 'o3', closeDate: '2026-05-11', amount: 50, currency: 'EUR' }),
    opp({ sourceId: 'o4', closeDate: '2026-05-12', isWon: false }),
    opp({ sourceId: 'o5', closeDate: '2026-05-12', isClosed: false, isWon: false }),
    opp({ sourceId: 'o6', closeDate: '2026-05-12', deleted: true }),
  ];
  const attrs = [
    attr('o1', 'p1', 'sourced', 100),
    attr('o2', 'p1', 'influenced', 150),
    attr('o2', 'p2', 'influenced', 150),
    attr('o3', 'p2', 'influenced', 50, 'EUR'),
    attr('o4', 'p1', 'influenced', 1000),
    attr('o5', 'p1', 'sourced', 1000),
    attr('o6', 'p1', 'sourced', 1000),
  ];
  const names = new Map([
    ['p1', 'Alpha'],
    ['p2', 'Beta'],
  ]);
  const key = (r: ReturnType<typeof revenue>[number]) =>
    `${r.partner?.name ?? '-'}|${r.quarter ?? '-'}|${r.type}|${r.currency}|${r.amount}|${r.opportunities}`;

  it.each([
    {
      name: 'by partner, won only; currencies kept apart',
      q: { groupBy: ['partner'] as const, status: 'won' as const },
      want: [
        'Alpha|-|influenced|USD|150|1',
        'Alpha|-|sourced|USD|100|1',
        'Beta|-|influenced|EUR|50|1',
        'Beta|-|influenced|USD|150|1',
      ],
    },
    {
      name: 'by quarter',
      q: { groupBy: ['quarter'] as const, status: 'won' as const },
      want: [
        '-|2026-Q1|sourced|USD|100|1',
        '-|2026-Q2|influenced|EUR|50|1',
        '-|2026-Q2|influenced|USD|300|1',
      ],
    },
    {
      name: 'type filter and period',
      q: {
        groupBy: ['partner', 'quarter'] as const,
        status: 'won' as const,
        type: 'influenced' as const,
        from: '2026-05-11',
      },
      want: ['Beta|2026-Q2|influenced|EUR|50|1'],
    },
    {
      name: 'open pipeline',
      q: { groupBy: ['partner'] as const, status: 'open' as const },
      want: ['Alpha|-|sourced|USD|1000|1'],
    },
  ])('$name', ({ q, want }) => {
    expect(revenue(opps, attrs, names, { ...q, groupBy: [...q.groupBy] }).map(key)).toEqual(want);
  });

  it('names quarters by the close date', () => {
    expect([
      quarterOf('2026-01-01'),
      quarterOf('2026-03-31'),
      quarterOf('2026-10-01'),
      quarterOf(null),
    ]).toEqual(['2026-Q1', '2026-Q1', '2026-Q4', 'unknown']);
  });
});

describe('lift', () => {
  it('compares cohorts with counts behind each figure', () => {
    const opps = [
      opp({
        sourceId: 'a',
        createdDate: '2026-01-01T10:00:00Z',
        closeDate: '2026-01-11',
        amount: 100,
      }),
      opp({
        sourceId: 'b',
        createdDate: '2026-01-01T10:00:00Z',
        closeDate: '2026-01-21',
        isWon: false,
      }),
      opp({
        sourceId: 'c',
        createdDate: '2026-01-01T10:00:00Z',
        closeDate: '2026-01-31',
        amount: 50,
      }),
      opp({ sourceId: 'd', isClosed: false, isWon: false }),
      opp({
        sourceId: 'e',
        createdDate: '2026-01-01T10:00:00Z',
        closeDate: '2026-02-01',
        isWon: false,
      }),
    ];
    const l = lift(opps, [attr('a', 'p1', 'sourced', 100), attr('d', 'p1', 'influenced', 1)], {});
    expect(l.withPartner).toMatchObject({
      opportunities: 2,
      open: 1,
      closed: 1,
      won: 1,
      winRate: 1,
      avgDaysToClose: 10,
      daysToCloseCount: 1,
    });
    expect(l.withoutPartner).toMatchObject({
      opportunities: 3,
      closed: 3,
      won: 1,
      lost: 2,
      winRate: 0.3333,
      avgDaysToClose: 30,
    });
    expect(l.lift).toEqual({
      winRatePoints: 0.6667,
      daysToCloseDelta: -20,
      dealSizeRatio: [{ currency: 'USD', ratio: 2 }],
    });
    expect(
      lift(opps, [attr('a', 'p1', 'sourced', 100)], { type: 'influenced' }).withPartner
        .opportunities,
    ).toBe(0);
  });

  it('has null figures, not zeros, when nothing closed', () => {
    expect(cohort([opp({ isClosed: false, isWon: false })])).toMatchObject({
      winRate: null,
      avgDaysToClose: null,
      avgDealSize: [],
    });
  });
});
