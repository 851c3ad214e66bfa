import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, priceBinary, spreadFromBps, validatePricing, type PricingOptions } from '../../../engine/src/market/pricing.js';
import { probabilityAbove } from '../../../engine/src/market/probability.js';

const NO_SPREAD: PricingOptions = { spreadMicros: 0n, minPriceMicros: 1n, maxPriceMicros: 1_000_000n };

/** Deterministic PRNG (mulberry32) so a failing case can be reproduced. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('priceBinary', () => {
  it('defaults: 200 bps spread = 20,000 micro-units, clamp [10,000, 990,000]', () => {
    expect(DEFAULT_PRICING).toEqual({ spreadMicros: 20_000n, minPriceMicros: 10_000n, maxPriceMicros: 990_000n });
    expect(spreadFromBps(1)).toBe(100n);
  });

  it('adds the spread to both sides of the fair value', () => {
    expect(priceBinary(0.5, DEFAULT_PRICING)).toEqual({ fairMicros: 500_000n, upPrice: 520_000n, downPrice: 520_000n });
    expect(priceBinary(0.25, DEFAULT_PRICING)).toEqual({ fairMicros: 250_000n, upPrice: 270_000n, downPrice: 770_000n });
  });

  it('rounds each side up, against the trader', () => {
    // fair = 0.5234171...: UP = ceil(523417.1) = 523418, DOWN = ceil(476582.9) = 476583
    const p = priceBinary(0.5234171, NO_SPREAD);
    expect(p.upPrice).toBe(523_418n);
    expect(p.downPrice).toBe(476_583n);
    expect(p.upPrice + p.downPrice).toBe(1_000_001n);
    // an exactly representable micro value is not pushed further
    const q = priceBinary(0.5, NO_SPREAD);
    expect(q.upPrice + q.downPrice).toBe(1_000_000n);
  });

  it('clamps both sides to [min, max]', () => {
    expect(priceBinary(0, DEFAULT_PRICING)).toMatchObject({ upPrice: 20_000n, downPrice: 990_000n });
    expect(priceBinary(1e-9, DEFAULT_PRICING)).toMatchObject({ upPrice: 20_001n, downPrice: 990_000n });
    expect(priceBinary(1, DEFAULT_PRICING)).toMatchObject({ upPrice: 990_000n, downPrice: 20_000n });
    const noSpread = { ...DEFAULT_PRICING, spreadMicros: 0n };
    expect(priceBinary(0, noSpread)).toMatchObject({ upPrice: 10_000n, downPrice: 990_000n });
    expect(priceBinary(0.999999, noSpread)).toMatchObject({ upPrice: 990_000n, downPrice: 10_000n });
  });

  it('invariant: UP + DOWN >= 1,000,000 and both in [min, max] for many random inputs', () => {
    const rand = rng(42);
    const optionSets: PricingOptions[] = [
      DEFAULT_PRICING,
      NO_SPREAD,
      { spreadMicros: 0n, minPriceMicros: 10_000n, maxPriceMicros: 990_000n },
      { spreadMicros: 1n, minPriceMicros: 500_000n, maxPriceMicros: 500_000n },
    ];
    const failures: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const spot = BigInt(1 + Math.floor(rand() * 200_000_000_000));
      const strike = BigInt(1 + Math.floor(rand() * 200_000_000_000));
      const fair = i % 3 === 0 ? rand() : probabilityAbove(spot, strike, rand() * 3, rand() * 3600);
      for (const o of optionSets) {
        const { upPrice, downPrice } = priceBinary(fair, o);
        if (upPrice + downPrice < 1_000_000n) failures.push(`sum ${fair} ${upPrice}+${downPrice}`);
        if (upPrice < o.minPriceMicros || upPrice > o.maxPriceMicros) failures.push(`up range ${fair} ${upPrice}`);
        if (downPrice < o.minPriceMicros || downPrice > o.maxPriceMicros) failures.push(`down range ${fair} ${downPrice}`);
      }
      // rounding direction (no clamp, no spread): each side is at least its exact fair value
      const p = priceBinary(fair, NO_SPREAD);
      if (Number(p.upPrice) < fair * 1e6) failures.push(`up rounded down ${fair} ${p.upPrice}`);
      if (Number(p.downPrice) < (1 - fair) * 1e6 - 1e-6) failures.push(`down rounded down ${fair} ${p.downPrice}`);
      if (p.upPrice + p.downPrice > 1_000_001n) failures.push(`rounded by more than one micro ${fair}`);
    }
    expect(failures).toEqual([]);
  });

  it('rounds each side UP to the price grid, keeping UP + DOWN >= 1.0 and both sides on the grid', () => {
    const ticked: PricingOptions = { ...DEFAULT_PRICING, tickMicros: 1_000n };
    // 0.5234171 -> UP ceil(523,417.1) + 20,000 = 543,418 -> 544,000; DOWN 476,583 + 20,000 = 496,583 -> 497,000
    expect(priceBinary(0.5234171, ticked)).toMatchObject({ upPrice: 544_000n, downPrice: 497_000n });
    // already on the grid: unchanged
    expect(priceBinary(0.5, ticked)).toMatchObject({ upPrice: 520_000n, downPrice: 520_000n });
    const rand = rng(7);
    for (let i = 0; i < 5_000; i++) {
      const fair = rand();
      const fine = priceBinary(fair, DEFAULT_PRICING);
      const p = priceBinary(fair, ticked);
      expect(p.upPrice % 1_000n).toBe(0n);
      expect(p.downPrice % 1_000n).toBe(0n);
      expect(p.upPrice >= fine.upPrice && p.upPrice - fine.upPrice < 1_000n).toBe(true);
      expect(p.downPrice >= fine.downPrice && p.downPrice - fine.downPrice < 1_000n).toBe(true);
      expect(p.upPrice + p.downPrice >= 1_000_000n).toBe(true);
    }
    expect(() => validatePricing({ ...DEFAULT_PRICING, tickMicros: 3_000n })).toThrow(/multiples of the tick/);
    expect(() => validatePricing({ ...DEFAULT_PRICING, tickMicros: 0n })).toThrow(/tick must be/);
  });

  it('rejects probabilities outside [0, 1] and options that could break the invariant', () => {
    expect(() => priceBinary(Number.NaN, DEFAULT_PRICING)).toThrow(/probability/);
    expect(() => priceBinary(1.0000001, DEFAULT_PRICING)).toThrow(/probability/);
    expect(() => priceBinary(-1e-12, DEFAULT_PRICING)).toThrow(/probability/);
    expect(() => validatePricing({ spreadMicros: 0n, minPriceMicros: 10_000n, maxPriceMicros: 900_000n })).toThrow(/min \+ max/);
    expect(() => validatePricing({ ...DEFAULT_PRICING, maxPriceMicros: 1_000_001n })).toThrow(/max <= 1e6/);
    expect(() => validatePricing({ ...DEFAULT_PRICING, spreadMicros: -1n })).toThrow(/spread/);
    expect(() => spreadFromBps(1.5)).toThrow(/bps/);
  });
});
