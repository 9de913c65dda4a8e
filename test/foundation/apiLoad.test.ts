import { percentile, schedule } from '../../scripts/bench/lib/apiLoad';

describe('bench:api load schedule', () => {
  it('uniform: one request every 1000/rate ms', () => {
    const at = schedule(5, 500, 'uniform');
    expect(Array.from(at)).toEqual([0, 2, 4, 6, 8]);
  });

  it('poisson: increasing, mean gap 1000/rate ms, gaps vary like an exponential', () => {
    const at = schedule(20_000, 500, 'poisson');
    const gaps = Array.from(at.subarray(1), (t, i) => t - at[i]);
    expect(gaps.every((g) => g >= 0)).toBe(true);
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    expect(mean).toBeGreaterThan(1.9);
    expect(mean).toBeLessThan(2.1);
    // An exponential's standard deviation equals its mean; evenly spaced gaps would give 0.
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
    expect(sd / mean).toBeGreaterThan(0.9);
    expect(sd / mean).toBeLessThan(1.1);
    // Seeded: the same schedule every run, so runs compare.
    expect(schedule(100, 500, 'poisson')).toEqual(schedule(100, 500, 'poisson'));
  });

  it('percentile is nearest-rank', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(new Float64Array(0), 99)).toBe(0);
  });
});
