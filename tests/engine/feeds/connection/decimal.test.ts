import { describe, expect, it } from 'vitest';
import { parseRfc3339Ms, toEpochMs, toId, toPriceString } from '../../../../engine/src/feeds/connection/decimal.js';

describe('toPriceString', () => {
  it('keeps the venue digits verbatim', () => {
    expect(toPriceString('97012.34000000')).toBe('97012.34000000');
    expect(toPriceString('240.10123456789012345')).toBe('240.10123456789012345');
    expect(toPriceString('740.0')).toBe('740.0');
  });

  it('expands exponent forms exactly', () => {
    expect(toPriceString('1.5e-7')).toBe('0.00000015');
    expect(toPriceString('1.25E+3')).toBe('1250');
    expect(toPriceString('12e2')).toBe('1200');
    expect(toPriceString('123.45e1')).toBe('1234.5');
  });

  it('turns zero, negative, empty and non-numeric input into null', () => {
    for (const bad of ['0', '0.0', '0.00000000', '-1', '', 'abc', '1.2.3', ' 1', undefined, null, 5]) {
      expect(toPriceString(bad as unknown)).toBeNull();
    }
  });
});

describe('toId / toEpochMs', () => {
  it('parses 19-digit ids exactly as bigint', () => {
    expect(toId('2290000000061666327')).toBe(2290000000061666327n);
    expect(toId('9007199254740993')! - toId('9007199254740992')!).toBe(1n);
    expect(toId('-1')).toBeNull();
    expect(toId('1.0')).toBeNull();
  });

  it('accepts only positive safe-integer millisecond times', () => {
    expect(toEpochMs('1764067800135')).toBe(1764067800135);
    expect(toEpochMs('0')).toBeNull();
    expect(toEpochMs('99999999999999999999')).toBeNull();
  });
});

describe('parseRfc3339Ms', () => {
  it('reads 9, 6, 3 and 0 fractional digits, truncating below the millisecond', () => {
    expect(parseRfc3339Ms('2023-02-09T20:30:37.167359596Z')).toBe(Date.UTC(2023, 1, 9, 20, 30, 37, 167));
    expect(parseRfc3339Ms('2023-09-25T07:48:36.925533Z')).toBe(Date.UTC(2023, 8, 25, 7, 48, 36, 925));
    expect(parseRfc3339Ms('2023-09-25T07:48:36Z')).toBe(Date.UTC(2023, 8, 25, 7, 48, 36, 0));
    expect(parseRfc3339Ms('2023-09-25T09:48:36.5+02:00')).toBe(Date.UTC(2023, 8, 25, 7, 48, 36, 500));
  });

  it('rejects epoch zero and non-RFC-3339 text (Coinbase current_time)', () => {
    expect(parseRfc3339Ms('1970-01-01T00:00:00.000000Z')).toBeNull();
    expect(parseRfc3339Ms('2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105')).toBeNull();
    expect(parseRfc3339Ms(undefined)).toBeNull();
  });
});
