import { PRICE_DECIMALS } from '../../lib/fixed-point.js';

/**
 * Quote-building helpers for the simulator: rounding a price in micro-units to a venue's price step
 * and printing it with exactly that venue's number of decimals (e.g. "97012.30"), as exchanges do.
 */

/** One price step of a venue quoting `decimals` places, in micro-units. */
export function priceStep(decimals: number): bigint {
  return 10n ** BigInt(PRICE_DECIMALS - decimals);
}

/** Largest multiple of `step` that is <= value. */
export function floorToStep(value: bigint, step: bigint): bigint {
  const r = value % step;
  return r < 0n ? value - r - step : value - r;
}

/** Smallest multiple of `step` that is >= value. */
export function ceilToStep(value: bigint, step: bigint): bigint {
  const f = floorToStep(value, step);
  return f === value ? f : f + step;
}

/** Print a non-negative micro-unit price that is a multiple of the step with exactly `decimals` places. */
export function formatVenuePrice(value: bigint, decimals: number): string {
  const step = priceStep(decimals);
  const units = value / step;
  if (decimals === 0) return units.toString();
  const scale = 10n ** BigInt(decimals);
  const frac = (units % scale).toString().padStart(decimals, '0');
  return `${units / scale}.${frac}`;
}

/** Integer square root (floor) of a non-negative bigint. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}
