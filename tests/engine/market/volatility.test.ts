import { describe, expect, it } from 'vitest';
import { DEFAULT_VOLATILITY, VolatilityEstimator, validateVolatility, type VolatilityOptions } from '../../../engine/src/market/volatility.js';
import { SECONDS_PER_YEAR } from '../../../engine/src/market/probability.js';

const BTC = DEFAULT_VOLATILITY.perAsset.BTC;
const OPTS: VolatilityOptions = { ...DEFAULT_VOLATILITY, warmupSamples: 10 };
const P0 = 100_000_000_000n;

/** Price path with a constant absolute log return r per sample, alternating sign. */
function feedAlternating(est: VolatilityEstimator, r: number, samples: number, startTs = 0, intervalMs = 1000): number {
  let ts = startTs;
  est.observe(P0, ts);
  for (let i = 1; i <= samples; i++) {
    ts += intervalMs;
    const logP = Math.log(Number(P0)) + (i % 2 === 1 ? r : 0);
    est.observe(BigInt(Math.round(Math.exp(logP))), ts);
  }
  return ts;
}

/** The per-sample log return whose annualised volatility is `annual` with 1 s samples. */
const perSample = (annual: number): number => annual / Math.sqrt(SECONDS_PER_YEAR);

describe('VolatilityEstimator', () => {
  it('uses the asset default until warmed up', () => {
    const est = new VolatilityEstimator(OPTS, BTC);
    feedAlternating(est, perSample(1.0), 9);
    expect(est.sampleCount).toBe(9);
    expect(est.warmedUp).toBe(false);
    expect(est.current()).toBe(0.5);
  });

  it('annualises the EWMA of squared log returns once warmed up', () => {
    const est = new VolatilityEstimator(OPTS, BTC);
    feedAlternating(est, perSample(1.0), 200);
    expect(est.warmedUp).toBe(true);
    expect(est.current()).toBeCloseTo(1.0, 2);
  });

  it('clamps to the floor and the cap', () => {
    const calm = new VolatilityEstimator(OPTS, BTC);
    feedAlternating(calm, perSample(0.01), 50);
    expect(calm.current()).toBe(BTC.floor);
    const wild = new VolatilityEstimator(OPTS, BTC);
    feedAlternating(wild, perSample(10), 50);
    expect(wild.current()).toBe(BTC.cap);
  });

  it('samples on the fixed grid: ticks inside one interval add no sample', () => {
    const est = new VolatilityEstimator(OPTS, BTC);
    est.observe(P0, 0);
    for (let t = 10; t < 1000; t += 10) est.observe(P0 + BigInt(t), t);
    expect(est.sampleCount).toBe(0);
    est.observe(P0, 1000);
    expect(est.sampleCount).toBe(1);
  });

  it('a return spanning k intervals counts as r^2 / k (sparse ticks do not inflate vol)', () => {
    const dense = new VolatilityEstimator(OPTS, BTC);
    feedAlternating(dense, perSample(1.0), 400);
    const sparse = new VolatilityEstimator(OPTS, BTC);
    // the same per-second variance delivered every 4 s: return magnitude scales with sqrt(4)
    feedAlternating(sparse, 2 * perSample(1.0), 400, 0, 4000);
    expect(sparse.current()).toBeCloseTo(dense.current(), 2);
  });

  it('ignores halted samples and takes no return across a halt', () => {
    const est = new VolatilityEstimator(OPTS, BTC);
    const ts = feedAlternating(est, perSample(0.8), 100);
    const before = est.current();
    const count = est.sampleCount;
    est.observe(null, ts + 1000);
    est.observe(null, ts + 2000);
    // a large jump across the halt must not be taken as a return
    est.observe(P0 * 2n, ts + 3000);
    expect(est.sampleCount).toBe(count);
    expect(est.current()).toBe(before);
    est.observe(P0 * 2n, ts + 4000);
    expect(est.sampleCount).toBe(count + 1);
  });

  it('resets to the default after a long gap and warms up again', () => {
    const est = new VolatilityEstimator(OPTS, BTC);
    const ts = feedAlternating(est, perSample(1.2), 100);
    expect(est.current()).toBeCloseTo(1.2, 1);
    est.observe(P0, ts + OPTS.resetAfterGapMs + 1);
    expect(est.sampleCount).toBe(0);
    expect(est.current()).toBe(BTC.defaultVol);
  });

  it('validates options', () => {
    expect(validateVolatility(DEFAULT_VOLATILITY)).toBe(DEFAULT_VOLATILITY);
    expect(() => validateVolatility({ ...DEFAULT_VOLATILITY, lambda: 1 })).toThrow(/lambda/);
    expect(() => validateVolatility({ ...DEFAULT_VOLATILITY, warmupSamples: 0 })).toThrow(/warmupSamples/);
    expect(() =>
      validateVolatility({ ...DEFAULT_VOLATILITY, perAsset: { ...DEFAULT_VOLATILITY.perAsset, SOL: { defaultVol: 5, floor: 0.3, cap: 3 } } }),
    ).toThrow(/SOL/);
    expect(() =>
      validateVolatility({ ...DEFAULT_VOLATILITY, perAsset: { ...DEFAULT_VOLATILITY.perAsset, ETH: { defaultVol: 0.5, floor: 1, cap: 0.5 } } }),
    ).toThrow(/ETH/);
  });
});
