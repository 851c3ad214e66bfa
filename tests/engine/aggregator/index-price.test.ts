import { describe, expect, it } from 'vitest';
import { computeIndexPrice, meanHalfUp, medianOfSorted, sortPrefix } from '../../../engine/src/aggregator/index-price.js';

describe('index price', () => {
  it('takes the middle value of an odd count', () => {
    // Given three mids out of order
    const mids = [300n, 100n, 200n];
    // When the index is computed
    const r = computeIndexPrice(mids, 3);
    // Then it is the median and confidence is the furthest venue's distance from it
    expect(r.price).toBe(200n);
    expect(r.confidence).toBe(100n);
  });

  it('averages the two middle values of an even count, rounding half up', () => {
    expect(computeIndexPrice([1n, 4n, 2n, 100n], 4).price).toBe(3n); // (2+4)/2
    expect(computeIndexPrice([10n, 11n], 2).price).toBe(11n); // 10.5 -> 11
    expect(computeIndexPrice([97_000_000_000n, 97_000_000_003n], 2).price).toBe(97_000_000_002n); // .5 up
    expect(meanHalfUp(-3n, 0n)).toBe(-1n); // -1.5 -> -1 (half up, towards +inf)
    expect(meanHalfUp(-4n, 0n)).toBe(-2n);
  });

  it('confidence bounds every contributing mid around the index', () => {
    const mids = [97_010_000_000n, 97_000_000_000n, 97_002_000_000n, 96_995_000_000n];
    const copy = [...mids];
    const r = computeIndexPrice(mids, 4);
    expect(r.price).toBe(97_001_000_000n);
    expect(r.confidence).toBe(9_000_000n);
    for (const m of copy) {
      expect(m >= r.price - r.confidence && m <= r.price + r.confidence).toBe(true);
    }
  });

  it('only looks at the first count entries of the scratch array', () => {
    const scratch = [5n, 1n, 3n, 999n, 999n];
    sortPrefix(scratch, 3);
    expect(scratch.slice(0, 3)).toEqual([1n, 3n, 5n]);
    expect(medianOfSorted(scratch, 3)).toBe(3n);
    expect(computeIndexPrice([7n, 999n], 1)).toEqual({ price: 7n, confidence: 0n });
  });
});
