/**
 * Exact decimal-string to integer conversion. Prices are carried as decimal strings from the exchanges and
 * become bigint micro-units (PRICE_DECIMALS) in the aggregator. Never goes through a JS number.
 */
export const PRICE_DECIMALS = 6;
/** 1.0 in price micro-units (1e-6 of the quote currency, USDT). */
export const PRICE_SCALE = 1_000_000n;
/** 1.0 in probability micro-units: a price of 1_000_000 pays out 1:1. */
export const PROB_SCALE = 1_000_000n;

const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parse a decimal string (optionally with exponent, as Kraken's JSON floats may print) into an
 * integer scaled by 10^decimals, rounding half away from zero. Returns null for anything that is not
 * a finite decimal number.
 */
export function parseDecimal(text: string, decimals: number = PRICE_DECIMALS): bigint | null {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return null;
  const sign = m[1] === '-' ? -1n : 1n;
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let scale = (m[3] ?? '').length - Number(m[4] ?? '0');
  // value = digits * 10^-scale ; want value * 10^decimals
  let shift = decimals - scale;
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 400) return null;
  digits = digits.replace(/^0+(?=\d)/, '');
  let n = BigInt(digits === '' ? '0' : digits);
  if (shift >= 0) return sign * n * 10n ** BigInt(shift);
  const div = 10n ** BigInt(-shift);
  const q = n / div;
  const r = n % div;
  n = r * 2n >= div ? q + 1n : q;
  return sign * n;
}
