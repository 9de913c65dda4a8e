import { evaluate, loadDevset } from '../../scripts/bench/quality';

// The dev set is a quality benchmark, not a unit test; this guards against regressions
// well below the published figures (see docs/matching.md for the current numbers).
describe('dev set', () => {
  it('keeps precision and recall above the targets', async () => {
    const rows = loadDevset();
    expect(rows.filter((r) => r.label === '1').length).toBeGreaterThanOrEqual(1000);
    expect(rows.filter((r) => r.label === '0').length).toBeGreaterThanOrEqual(1000);
    const result = await evaluate(rows, 0.8);
    expect(result.precision).toBeGreaterThanOrEqual(0.995);
    expect(result.recall).toBeGreaterThanOrEqual(0.97);
  });
});
