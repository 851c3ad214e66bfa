/**
 * Model maths for a cash-or-nothing binary under zero drift: P(S_T >= K) = N(d2),
 * d2 = (ln(S/K) - sigma^2 T / 2) / (sigma sqrt(T)). Float64 is allowed here and nowhere after
 * pricing.ts turns the probability into integer micro-units.
 *
 * N(x) uses Hart's double-precision algorithm 5666 (J. F. Hart et al., "Computer Approximations",
 * 1968) in the form given by G. West, "Better approximations to cumulative normal functions"
 * (Wilmott, 2005): a degree-6/7 rational function times exp(-x^2/2) for |x| < 7.07, a continued
 * fraction beyond, and exactly 0/1 beyond |x| > 37. Absolute error < 1e-14 over the real line
 * (checked against mpmath references in tests/engine/market/probability.test.ts).
 */

/** Crypto trades every day: 365 days of 86,400 s. */
export const SECONDS_PER_YEAR = 31_536_000;

/** Below this sigma * sqrt(T) the distribution is treated as a point mass (a step at S = K). */
const MIN_STDDEV = 1e-12;

export function normCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('normCdf: NaN');
  const ax = Math.abs(x);
  let tail: number;
  if (ax > 37) {
    tail = 0;
  } else {
    const e = Math.exp(-0.5 * ax * ax);
    if (ax < 7.07106781186547) {
      let num = 3.52624965998911e-2 * ax + 0.700383064443688;
      num = num * ax + 6.37396220353165;
      num = num * ax + 33.912866078383;
      num = num * ax + 112.079291497871;
      num = num * ax + 221.213596169931;
      num = num * ax + 220.206867912376;
      let den = 8.83883476483184e-2 * ax + 1.75566716318264;
      den = den * ax + 16.064177579207;
      den = den * ax + 86.7807322029461;
      den = den * ax + 296.564248779674;
      den = den * ax + 637.333633378831;
      den = den * ax + 793.826512519948;
      den = den * ax + 440.413735824752;
      tail = (e * num) / den;
    } else {
      let b = ax + 0.65;
      b = ax + 4 / b;
      b = ax + 3 / b;
      b = ax + 2 / b;
      b = ax + 1 / b;
      tail = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * P(S_T >= K) for spot `spot`, strike `strike` (both price micro-units, > 0), annualised volatility
 * `sigma` and `tSec` seconds to expiry. T <= 0 or sigma * sqrt(T) ~ 0 gives the step
 * 1 (S > K), 0 (S < K), 0.5 (S = K). Always a finite number in [0, 1].
 */
export function probabilityAbove(spot: bigint, strike: bigint, sigma: number, tSec: number): number {
  if (spot <= 0n || strike <= 0n) throw new RangeError(`probabilityAbove: prices must be > 0 (spot ${spot}, strike ${strike})`);
  if (!Number.isFinite(sigma) || sigma < 0) throw new RangeError(`probabilityAbove: bad sigma ${sigma}`);
  if (Number.isNaN(tSec)) throw new RangeError('probabilityAbove: NaN time');
  const stdDev = tSec > 0 ? sigma * Math.sqrt(tSec / SECONDS_PER_YEAR) : 0;
  if (!(stdDev > MIN_STDDEV) || !Number.isFinite(stdDev)) {
    if (spot === strike) return 0.5;
    return spot > strike ? 1 : 0;
  }
  const d2 = (Math.log(Number(spot) / Number(strike)) - 0.5 * stdDev * stdDev) / stdDev;
  return normCdf(d2);
}
