/**
 * The decay rate of a quote format v2 leaf (docs/quote-format.md "Decay rate"): what the index is
 * expected to move against the house per second the quote ages, in probability micro-units.
 *
 * A taker holding a quote of age a who knows the index now can pick the side the move favours: the
 * house's expected loss is the digital option's delta times the expected absolute index move over
 * a. With zero drift and volatility sigma (annualised), ln S moves by sd(a) = sigma √(a / Y) over a
 * seconds (Y = 31,536,000), and E|Δ ln S| = sd(a) √(2/π). The delta of P = N(d2) to ln S is
 * φ(d2) / sd(T), T the seconds to expiry. So the expected adverse move in probability is
 *
 *   m(a) = φ(d2) / sd(T) × sd(a) √(2/π) = φ(d2) √(2/π) √(a / T)
 *
 * The program charges rate × age, age in whole seconds rounded up. Taking rate = m(1 s) charges
 * k × m(1) ≥ √k × m(1) = m(k) at every chargeable age k ≥ 1: never less than the expected adverse
 * move. sigma cancels except inside d2 (a wider distribution lowers the delta and raises the move
 * alike). Then
 *
 *   rate = ceil2(scale × 1e6 × φ(d2) × √(2/π) / √T)   clamped to [0, maxMicrosPerSec]
 *
 * ceil2 rounds up to two significant digits (in the house's favour), so the rate moves in steps and
 * a ladder whose prices did not change can keep its signature. Float maths happen here only; the
 * signed rate is the integer this returns. At the money, 60 s before expiry, the rate is about
 * 41,000 micro-units (4.1 % of payout) per second; far from the money it is 0.
 */
import { EngineError } from '../lib/errors.js';
import { SECONDS_PER_YEAR } from './probability.js';

export interface DecayOptions {
  /** Scale of the formula in bps: 10,000 charges the expected adverse move, 0 turns decay off. */
  readonly scaleBps: number;
  /** Highest rate signed, probability micro-units per second (a u32 on the wire). */
  readonly maxMicrosPerSec: number;
}

export const DEFAULT_DECAY: DecayOptions = { scaleBps: 10_000, maxMicrosPerSec: 100_000 };

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const MIN_STDDEV = 1e-12;
export const MAX_DECAY_SCALE_BPS = 100_000;
export const MAX_DECAY_MICROS_PER_SEC = 1_000_000;

export function validateDecay(o: DecayOptions): DecayOptions {
  const bad = (m: string): never => {
    throw new EngineError('EXEC_ERR_MARKET_CONFIG', `decay: ${m}`);
  };
  if (!Number.isSafeInteger(o.scaleBps) || o.scaleBps < 0 || o.scaleBps > MAX_DECAY_SCALE_BPS) bad(`scaleBps must be an integer in [0, ${MAX_DECAY_SCALE_BPS}], got ${o.scaleBps}`);
  if (!Number.isSafeInteger(o.maxMicrosPerSec) || o.maxMicrosPerSec < 0 || o.maxMicrosPerSec > MAX_DECAY_MICROS_PER_SEC) {
    bad(`maxMicrosPerSec must be an integer in [0, ${MAX_DECAY_MICROS_PER_SEC}], got ${o.maxMicrosPerSec}`);
  }
  return o;
}

/** `v` (≥ 0) rounded up to two significant digits: 41,234 → 42,000; 87 → 87. */
export function ceilTwoDigits(v: bigint): bigint {
  if (v < 100n) return v;
  let unit = 1n;
  while (v / unit >= 100n) unit *= 10n;
  return ((v + unit - 1n) / unit) * unit;
}

/**
 * Decay rate of a quote on `strike` priced from index `spot` (both price micro-units, > 0) with
 * annualised volatility `sigma` and `tSec` seconds to expiry, in probability micro-units per second.
 */
export function decayRate(spot: bigint, strike: bigint, sigma: number, tSec: number, o: DecayOptions): bigint {
  if (spot <= 0n || strike <= 0n) throw new RangeError(`decayRate: prices must be > 0 (spot ${spot}, strike ${strike})`);
  if (!Number.isFinite(sigma) || sigma < 0) throw new RangeError(`decayRate: bad sigma ${sigma}`);
  if (o.scaleBps === 0 || o.maxMicrosPerSec === 0) return 0n;
  const max = BigInt(o.maxMicrosPerSec);
  const stdDevT = tSec > 0 ? sigma * Math.sqrt(tSec / SECONDS_PER_YEAR) : 0;
  // no distribution left: the price is a step at the strike; only the strike itself is exposed
  if (!(stdDevT > MIN_STDDEV) || !Number.isFinite(stdDevT)) return spot === strike ? max : 0n;
  const d2 = (Math.log(Number(spot) / Number(strike)) - 0.5 * stdDevT * stdDevT) / stdDevT;
  const phi = INV_SQRT_2PI * Math.exp(-0.5 * d2 * d2);
  const micros = (o.scaleBps / 10_000) * 1_000_000 * phi * SQRT_2_OVER_PI / Math.sqrt(tSec);
  if (!(micros > 0)) return 0n;
  if (micros >= o.maxMicrosPerSec) return max;
  const rate = ceilTwoDigits(BigInt(Math.ceil(micros)));
  return rate > max ? max : rate;
}
