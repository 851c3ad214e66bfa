import { describe, expect, it } from 'vitest';
import { markOutliers } from '../../../engine/src/aggregator/outliers.js';

const P = 1_000_000n; // 1.0 in micro-units
function flags(mids: bigint[], bps = 50n): boolean[] {
  const out: boolean[] = [];
  markOutliers(mids, mids.length, bps, out);
  return out.slice(0, mids.length);
}

describe('outliers', () => {
  it('flags one venue far from the other three', () => {
    // 100, 100.1, 99.95 and 101 (≈100 bps away)
    expect(flags([100n * P, 100n * P + P / 10n, 100n * P - P / 20n, 101n * P])).toEqual([false, false, false, true]);
  });

  it('keeps a venue exactly at the bound and flags one just beyond it', () => {
    // 50 bps of 100 = 0.5
    expect(flags([100n * P, 100n * P, 100n * P, 100n * P + P / 2n])).toEqual([false, false, false, false]);
    expect(flags([100n * P, 100n * P, 100n * P, 100n * P + P / 2n + 1n])).toEqual([false, false, false, true]);
  });

  it('with three venues flags only the one no other venue backs, however far it is', () => {
    expect(flags([100n * P, 100n * P, 101n * P])).toEqual([false, false, true]);
    // A wild venue does not drag the honest two past the bound (mean-of-others would flag them too)
    expect(flags([100n * P, 100n * P, 150n * P])).toEqual([false, false, true]);
  });

  it('flags everybody on a two-against-two split', () => {
    expect(flags([100n * P, 100n * P, 103n * P, 103n * P])).toEqual([true, true, true, true]);
  });

  it('flags both of two venues that disagree by more than the bound', () => {
    expect(flags([100n * P, 100n * P + P / 2n])).toEqual([false, false]);
    expect(flags([100n * P, 101n * P])).toEqual([true, true]);
    expect(flags([101n * P, 100n * P])).toEqual([true, true]);
    // At the boundary only one side is beyond the bound relative to the other: still both flagged
    expect(flags([100_000_000n, 100_501_000n])).toEqual([true, true]);
  });

  it('never flags a lone venue', () => {
    expect(flags([100n * P])).toEqual([false]);
    expect(markOutliers([], 0, 50n, [])).toBe(0);
  });
});
