/**
 * The boundary from model to money. The float probability is converted to integers exactly once;
 * everything after is bigint. Both sides are rounded against the trader:
 *   x = fair * 1e6 (float)
 *   UP   = ceil(x)        + spread
 *   DOWN = 1e6 - floor(x) + spread      (= ceil(1e6 - x) + spread, computed exactly)
 * then each side is rounded UP to the price grid (`tickMicros`, e.g. 1,000 = 0.1%: a coarser grid
 * keeps more quotes unchanged between regenerations, so fewer are re-signed), then clamped to
 * [minPriceMicros, maxPriceMicros] (multiples of the tick). Because ceil(x) + 1e6 - floor(x) >= 1e6,
 * rounding up only adds, and the clamp bounds satisfy min + max >= 1e6 (validated), UP + DOWN >= 1e6
 * always.
 */
import { EngineError } from '../lib/errors.js';
import { PROB_SCALE } from '../lib/fixed-point.js';

export interface PricingOptions {
  /** Added to each side, probability micro-units (200 bps of 1.0 = 20,000). */
  readonly spreadMicros: bigint;
  readonly minPriceMicros: bigint;
  readonly maxPriceMicros: bigint;
  /** Price grid in probability micro-units; each side is rounded up to a multiple. Absent = 1. */
  readonly tickMicros?: bigint;
}

export interface BinaryPrice {
  /** N(d2) rounded to the nearest micro-unit; informational only. */
  readonly fairMicros: bigint;
  readonly upPrice: bigint;
  readonly downPrice: bigint;
}

/** 1 bp of 1.0 in probability micro-units. */
export const MICROS_PER_BP = 100n;

export function spreadFromBps(bps: number): bigint {
  if (!Number.isSafeInteger(bps) || bps < 0) {
    throw new EngineError('EXEC_ERR_MARKET_CONFIG', `pricing: spread bps must be a non-negative integer, got ${bps}`);
  }
  return BigInt(bps) * MICROS_PER_BP;
}

export const DEFAULT_PRICING: PricingOptions = {
  spreadMicros: spreadFromBps(200),
  minPriceMicros: 10_000n,
  maxPriceMicros: 990_000n,
};

export function validatePricing(o: PricingOptions): PricingOptions {
  const bad = (m: string): never => {
    throw new EngineError('EXEC_ERR_MARKET_CONFIG', `pricing: ${m}`);
  };
  if (o.spreadMicros < 0n || o.spreadMicros >= PROB_SCALE) bad(`spread must be in [0, 1e6) micro-units, got ${o.spreadMicros}`);
  if (o.minPriceMicros < 1n || o.maxPriceMicros > PROB_SCALE || o.minPriceMicros > o.maxPriceMicros) {
    bad(`need 1 <= min <= max <= 1e6, got ${o.minPriceMicros}..${o.maxPriceMicros}`);
  }
  const tick = o.tickMicros ?? 1n;
  if (tick < 1n || tick > 100_000n) bad(`tick must be in [1, 100000] micro-units, got ${tick}`);
  if (o.minPriceMicros % tick !== 0n || o.maxPriceMicros % tick !== 0n) {
    bad(`min ${o.minPriceMicros} and max ${o.maxPriceMicros} must be multiples of the tick ${tick}`);
  }
  if (o.minPriceMicros + o.maxPriceMicros < PROB_SCALE) {
    bad(`min + max must be >= 1e6 so that UP + DOWN >= 1e6 after clamping, got ${o.minPriceMicros} + ${o.maxPriceMicros}`);
  }
  return o;
}

/** v rounded up to a multiple of tick (v >= 0). */
function roundUp(v: bigint, tick: bigint): bigint {
  return tick === 1n ? v : ((v + tick - 1n) / tick) * tick;
}

function clamp(v: bigint, lo: bigint, hi: bigint): bigint {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Price both sides of a binary whose fair probability of paying UP is `fair` (in [0, 1]). */
export function priceBinary(fair: number, o: PricingOptions): BinaryPrice {
  if (!(fair >= 0 && fair <= 1)) throw new EngineError('EXEC_ERR_MARKET_PRICE', `pricing: probability must be in [0, 1], got ${fair}`);
  const x = fair * 1_000_000;
  const ceil = BigInt(Math.ceil(x));
  const floor = BigInt(Math.floor(x));
  const fairMicros = BigInt(Math.round(x));
  const tick = o.tickMicros ?? 1n;
  const upPrice = clamp(roundUp(ceil + o.spreadMicros, tick), o.minPriceMicros, o.maxPriceMicros);
  const downPrice = clamp(roundUp(PROB_SCALE - floor + o.spreadMicros, tick), o.minPriceMicros, o.maxPriceMicros);
  if (upPrice + downPrice < PROB_SCALE) {
    throw new EngineError('EXEC_ERR_MARKET_PRICE', `pricing: UP ${upPrice} + DOWN ${downPrice} < 1e6 (invalid options)`);
  }
  return { fairMicros, upPrice, downPrice };
}
