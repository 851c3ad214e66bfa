import { describe, expect, it } from 'vitest';
import { SECONDS_PER_YEAR, normCdf, probabilityAbove } from '../../../engine/src/market/probability.js';

// References computed independently with mpmath (50 significant digits): mpmath.ncdf(x).
const NCDF_REFERENCES: ReadonlyArray<readonly [number, number]> = [
  [0, 0.5],
  [1, 0.8413447460685429],
  [-1.96, 0.024997895148220435],
  [3, 0.9986501019683699],
  [-8, 6.2209605742717841235e-16],
  [-6, 9.865876450376981407e-10],
  [-4.5, 3.3976731247300604017e-6],
  [-2.5, 0.006209665325776135167],
  [-1.5, 0.066807201268858066004],
  [-0.25, 0.40129367431707627576],
  [0.25, 0.59870632568292372424],
  [0.75, 0.77337264762313180067],
  [1.5, 0.933192798731141934],
  [2.5, 0.99379033467422386483],
  [4.5, 0.99999660232687526994],
  [6, 0.99999999901341235496],
  [8, 0.9999999999999993779],
];

// P(S_T >= K) = N(d2), d2 = (ln(S/K) - s^2 T/2)/(s sqrt T), T = tSec / 31,536,000; mpmath references.
const N_D2_REFERENCES: ReadonlyArray<readonly [bigint, bigint, number, number, number]> = [
  [97_312_345_678n, 97_300_000_000n, 0.5, 300, 0.53247784113984836349],
  [97_312_345_678n, 97_800_000_000n, 0.5, 300, 0.00059314080760666499188],
  [97_312_345_678n, 96_800_000_000n, 0.5, 60, 0.99999999999999024629],
  [3_000_000_000n, 3_050_000_000n, 0.65, 3600, 0.0085730100753464702118],
  [150_000_000n, 151_000_000n, 0.85, 900, 0.071385042776630892869],
  [150_000_000n, 150_000_000n, 0.85, 900, 0.49909423283291785827],
  [150_000_000n, 150_000_000n, 0.2, 1, 0.49999289593768460717],
  [97_000_000_000n, 90_000_000_000n, 0.5, 60, 1.0],
  [97_000_000_000n, 104_000_000_000n, 0.5, 60, 0],
  [150_000_000n, 145_000_000n, 3.0, 3600, 0.85121160561690358821],
  [150_000_000n, 155_000_000n, 0.05, 3600, 0],
];

describe('normCdf', () => {
  it('matches mpmath references to better than 1e-9 absolute (in fact ~1e-15)', () => {
    for (const [x, ref] of NCDF_REFERENCES) {
      expect(Math.abs(normCdf(x) - ref), `N(${x})`).toBeLessThan(1e-14);
    }
  });

  it('is symmetric, monotone and saturates without NaN', () => {
    let prev = 0;
    for (let x = -40; x <= 40; x += 0.01) {
      const v = normCdf(x);
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(prev);
      expect(Math.abs(v + normCdf(-x) - 1)).toBeLessThan(1e-15);
      prev = v;
    }
    expect(normCdf(-1e308)).toBe(0);
    expect(normCdf(1e308)).toBe(1);
    expect(normCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(() => normCdf(Number.NaN)).toThrow(RangeError);
  });
});

describe('probabilityAbove (N(d2))', () => {
  it('matches independent mpmath references', () => {
    for (const [s, k, sigma, t, ref] of N_D2_REFERENCES) {
      expect(Math.abs(probabilityAbove(s, k, sigma, t) - ref), `${s} ${k} ${sigma} ${t}`).toBeLessThan(1e-12);
    }
  });

  it('at the money is just under 0.5 (the -sigma^2 T/2 drift term)', () => {
    const p = probabilityAbove(100_000_000n, 100_000_000n, 0.5, 3600);
    expect(p).toBeLessThan(0.5);
    // mpmath: N(-0.5 * sqrt(3600 / 31536000) / 2)
    expect(Math.abs(p - 0.498934391919767805)).toBeLessThan(1e-14);
  });

  it('is a step at S = K as T -> 0 or sigma -> 0', () => {
    for (const t of [0, -5, 1e-30]) {
      expect(probabilityAbove(101n, 100n, 0.5, t)).toBe(1);
      expect(probabilityAbove(99n, 100n, 0.5, t)).toBe(0);
      expect(probabilityAbove(100n, 100n, 0.5, t)).toBe(0.5);
    }
    expect(probabilityAbove(101n, 100n, 0, 3600)).toBe(1);
    expect(probabilityAbove(99n, 100n, 0, 3600)).toBe(0);
    expect(probabilityAbove(100n, 100n, 0, 3600)).toBe(0.5);
  });

  it('tends continuously to the step as T shrinks', () => {
    expect(probabilityAbove(100_010_000n, 100_000_000n, 0.5, 0.001)).toBeGreaterThan(0.999);
    expect(probabilityAbove(99_990_000n, 100_000_000n, 0.5, 0.001)).toBeLessThan(0.001);
  });

  it('stays finite in [0, 1] for extreme inputs', () => {
    const extremes: Array<[bigint, bigint, number, number]> = [
      [1n, 10n ** 15n, 5, 3600],
      [10n ** 15n, 1n, 5, 3600],
      [1n, 2n, 1e-9, 1],
      [100n, 100n, 50, SECONDS_PER_YEAR * 100],
      [1n, 1n, 1e-300, 1],
    ];
    for (const [s, k, sigma, t] of extremes) {
      const p = probabilityAbove(s, k, sigma, t);
      expect(Number.isFinite(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });

  it('rejects invalid inputs', () => {
    expect(() => probabilityAbove(0n, 1n, 0.5, 1)).toThrow(RangeError);
    expect(() => probabilityAbove(1n, -1n, 0.5, 1)).toThrow(RangeError);
    expect(() => probabilityAbove(1n, 1n, -0.1, 1)).toThrow(RangeError);
    expect(() => probabilityAbove(1n, 1n, Number.NaN, 1)).toThrow(RangeError);
    expect(() => probabilityAbove(1n, 1n, 0.5, Number.NaN)).toThrow(RangeError);
  });
});
