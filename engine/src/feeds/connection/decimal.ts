/**
 * Numeric-field rules shared by the exchange mappers (see feeds/README.md "Numeric fields").
 * Prices stay exact decimal strings; ids stay strings or bigint; times become unix ms.
 */
const DECIMAL_RE = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const INTEGER_RE = /^\d+$/;
const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A strictly positive price as a plain decimal string, exactly the digits the venue sent. Exponent
 * forms (a float printed as 1.5e-7) are expanded without rounding. Zero, negative, empty or
 * non-numeric input gives null: a zero bid means "no bid", never a price.
 */
export function toPriceString(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = DECIMAL_RE.exec(raw);
  if (!m) return null;
  const intPart = m[1] ?? '';
  const fracPart = m[2] ?? '';
  if (!/[1-9]/.test(intPart + fracPart)) return null;
  if (m[3] === undefined) return raw;
  const exp = Number(m[3]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 100) return null;
  const digits = intPart + fracPart;
  const point = intPart.length + exp;
  let whole: string;
  let frac: string;
  if (point <= 0) {
    whole = '0';
    frac = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    frac = '';
  } else {
    whole = digits.slice(0, point);
    frac = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  return frac === '' ? whole : `${whole}.${frac}`;
}

/** A non-negative integer id (sequence, trade id, update id) as bigint; null if not an integer. */
export function toId(raw: unknown): bigint | null {
  if (typeof raw !== 'string' || !INTEGER_RE.test(raw)) return null;
  return BigInt(raw);
}

/** Epoch milliseconds from an integer string; null unless a positive safe integer. */
export function toEpochMs(raw: unknown): number | null {
  if (typeof raw !== 'string' || !INTEGER_RE.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Unix ms from an RFC 3339 time with any number of fractional digits (Coinbase sends 9, Kraken 6).
 * Sub-millisecond digits are truncated. Epoch zero and earlier give null (Kraken's inactive-symbol
 * ticker carries 1970-01-01T00:00:00.000000Z).
 */
export function parseRfc3339Ms(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = RFC3339_RE.exec(text);
  if (!m) return null;
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  let t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  const zone = m[8] ?? 'Z';
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    t -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return Number.isFinite(t) && t > 0 ? t : null;
}
