/**
 * market/decay.ts: the decay rate is the expected adverse move per second (the digital's delta
 * times E|move| over one second), rounded up to two significant digits, scaled and capped, and the
 * charge it implies covers the expected adverse move at every whole-second age.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECAY, ceilTwoDigits, decayRate, validateDecay } from '../../../engine/src/market/decay.js';
import { probabilityAbove } from '../../../engine/src/market/probability.js';

const BTC = 97_000_000_000n;
const STEP = 100_000_000n;
const SIGMA = 0.5;
const o = DEFAULT_DECAY;

describe('decay rate', () => {
  it('at the money, 60 s before expiry: phi(0) * sqrt(2/pi) / sqrt(60) of 1.0 per second, rounded up', () => {
    // 1e6 * 0.398942 * 0.797885 / 7.745967 = 41,094.1 → 42,000
    expect(decayRate(BTC, BTC, SIGMA, 60, o)).toBe(42_000n);
    // 15 minutes: 10,610 → 11,000; 1 hour: 5,305 → 5,400
    expect(decayRate(BTC, BTC, SIGMA, 900, o)).toBe(11_000n);
    expect(decayRate(BTC, BTC, SIGMA, 3600, o)).toBe(5_400n);
  });

  it('matches the expected absolute change of the fair price over one second (Monte Carlo-free check by numeric delta)', () => {
    // delta × E|ΔS| over 1 s, the delta taken numerically from the pricing model itself
    for (const [strike, t] of [[BTC + STEP, 60], [BTC - 3n * STEP, 300], [BTC + 2n * STEP, 900]] as const) {
      const h = 1_000_000n; // 1 USDT
      const delta = (probabilityAbove(BTC + h, strike, SIGMA, t) - probabilityAbove(BTC - h, strike, SIGMA, t)) / 2e6; // per micro-unit
      const moveMicros = Number(BTC) * SIGMA * Math.sqrt(1 / 31_536_000) * Math.sqrt(2 / Math.PI);
      const expected = delta * moveMicros * 1e6;
      const rate = Number(decayRate(BTC, strike, SIGMA, t, o));
      expect(rate).toBeGreaterThanOrEqual(expected);
      expect(rate).toBeLessThan(expected * 1.1 + 1);
    }
  });

  it('falls away from the money and vanishes far from it', () => {
    const rates = [0n, 1n, 2n, 4n, 8n].map((k) => decayRate(BTC, BTC + k * STEP, SIGMA, 60, o));
    for (let i = 1; i < rates.length; i++) expect(rates[i]! <= rates[i - 1]!).toBe(true);
    expect(decayRate(BTC, BTC + 50n * STEP, SIGMA, 60, o)).toBe(0n);
  });

  it('charged linearly per started second, it covers the expected adverse move at every age ≥ 1 s', () => {
    const rate = Number(decayRate(BTC, BTC, SIGMA, 300, o));
    const m1 = 1e6 * 0.3989423 * Math.sqrt(2 / Math.PI) / Math.sqrt(300);
    for (let age = 1; age <= 30; age++) expect(rate * age).toBeGreaterThanOrEqual(m1 * Math.sqrt(age));
  });

  it('is scaled, capped and switched off by its options; no distribution left leaves only the strike itself exposed', () => {
    expect(decayRate(BTC, BTC, SIGMA, 60, { scaleBps: 5_000, maxMicrosPerSec: 100_000 })).toBe(21_000n);
    expect(decayRate(BTC, BTC, SIGMA, 60, { scaleBps: 0, maxMicrosPerSec: 100_000 })).toBe(0n);
    expect(decayRate(BTC, BTC, SIGMA, 60, { scaleBps: 10_000, maxMicrosPerSec: 30_000 })).toBe(30_000n);
    expect(decayRate(BTC, BTC, SIGMA, 1, o)).toBe(100_000n);
    expect(decayRate(BTC, BTC, SIGMA, 0, o)).toBe(100_000n);
    expect(decayRate(BTC, BTC + STEP, SIGMA, 0, o)).toBe(0n);
    expect(() => decayRate(0n, BTC, SIGMA, 60, o)).toThrow(RangeError);
  });

  it('rounds up to two significant digits', () => {
    expect([0n, 7n, 99n, 100n, 101n, 41_094n, 41_000n, 999_999n].map(ceilTwoDigits)).toEqual([0n, 7n, 99n, 100n, 110n, 42_000n, 41_000n, 1_000_000n]);
  });

  it('refuses options outside their bounds', () => {
    expect(() => validateDecay({ scaleBps: -1, maxMicrosPerSec: 1 })).toThrow(/scaleBps/);
    expect(() => validateDecay({ scaleBps: 1, maxMicrosPerSec: 1_000_001 })).toThrow(/maxMicrosPerSec/);
    expect(validateDecay(DEFAULT_DECAY)).toBe(DEFAULT_DECAY);
  });
});
