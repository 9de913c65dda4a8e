import fc from 'fast-check';
import { attribute } from '../../api/src/attribution/engine';
import { allocateAmount } from '../../api/src/attribution/split';
import { TOUCH_TYPES } from '../../api/src/attribution/types';
import { opp, rel, rules, touch } from './fixtures';

describe('allocateAmount', () => {
  it.each([
    { amount: 100, weights: [1 / 3, 1 / 3, 1 / 3], want: [33.34, 33.33, 33.33] },
    { amount: 0.01, weights: [0.5, 0.5], want: [0.01, 0] },
    { amount: 10, weights: [0.25, 0.25], want: [2.5, 2.5] },
    { amount: -100, weights: [0.5, 0.5], want: [-50, -50] },
    { amount: 999.99, weights: [1, 0], want: [999.99, 0] },
  ])('$amount split $weights', ({ amount, weights, want }) => {
    const m = allocateAmount(amount, new Map(weights.map((w, i) => [`p${i}`, w])));
    expect([...m.values()]).toEqual(want);
  });
});

describe('attributed amounts never exceed the opportunity amount (property)', () => {
  const arbTouch = fc.record({
    partner: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
    type: fc.constantFrom(...TOUCH_TYPES),
    day: fc.integer({ min: -200, max: 200 }),
    linked: fc.boolean(),
  });
  it('for every split model, amount, currency and set of touches', () => {
    fc.assert(
      fc.property(
        fc.array(arbTouch, { maxLength: 12 }),
        fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }).map((c) => c / 100),
        fc.constantFrom('even', 'first_touch', 'last_touch', 'weights') as fc.Arbitrary<
          'even' | 'first_touch' | 'last_touch' | 'weights'
        >,
        fc.boolean(),
        fc.integer({ min: 0, max: 120 }),
        (ts, amount, splitModel, isClosed, window) => {
          const o = opp({ amount, isClosed, currency: 'EUR' });
          const touches = ts.map((t) =>
            touch({
              partnerId: t.partner,
              type: t.type,
              occurredAt: rel(t.day),
              opportunitySourceId: t.linked ? o.sourceId : null,
            }),
          );
          const out = attribute(o, touches, [], rules({ splitModel, sourcedWindowDays: window }));
          const cents = out.reduce((s, a) => s + Math.round((a.amount ?? 0) * 100), 0);
          expect(Math.abs(cents)).toBeLessThanOrEqual(Math.round(Math.abs(amount) * 100));
          if (out.length) expect(cents).toBe(Math.round(amount * 100));
          for (const a of out) {
            expect(a.weight).toBeGreaterThanOrEqual(0);
            expect(a.weight).toBeLessThanOrEqual(1);
            expect(a.currency).toBe('EUR');
            expect(Math.sign(a.amount ?? 0) * Math.sign(amount)).toBeGreaterThanOrEqual(0);
          }
          expect(new Set(out.map((a) => a.partnerId)).size).toBe(out.length);
        },
      ),
      { numRuns: 400 },
    );
  });
});
