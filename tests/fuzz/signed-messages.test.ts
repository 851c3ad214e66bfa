/**
 * The quote (128 bytes) and settlement (98 bytes) decoders on any bytes: random lengths, random
 * content, and single-byte mutations of real encodings. Only EXEC_ERR_QUOTE_FORMAT may escape, and
 * whatever decodes re-encodes to the very same bytes (no two byte strings mean the same message).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decodeQuote, decodeSettlement, encodeQuote, encodeSettlement } from '../../engine/src/client/quote-message.js';
import { QUOTE_CASES, SETTLEMENT_CASES } from '../fixtures/golden/cases.js';
import { fuzzTarget, onlyTypedErrors } from './fuzz.js';

function bytesNear(valid: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const mutated = fc.tuple(fc.constantFrom(...valid), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([v, i, b]) => {
    const out = Uint8Array.from(v);
    out[i % out.length] = b;
    return out;
  });
  return fc.oneof(fc.uint8Array({ maxLength: 256 }), fc.uint8Array({ minLength: 98, maxLength: 98 }), fc.uint8Array({ minLength: 128, maxLength: 128 }), mutated);
}

const quotes = QUOTE_CASES.map((c) => encodeQuote(c.fields));
const settlements = SETTLEMENT_CASES.map((c) => encodeSettlement(c.fields));

/** Regression (found by this target): a quote whose UP price is above 1.0 decoded, although the encoder and the program refuse it. */
function priceAboveOne(): Uint8Array {
  const bytes = Uint8Array.from(quotes[0]!);
  new DataView(bytes.buffer).setUint32(80, 1_000_001, true); // upPrice, docs/quote-format.md offset 80
  return bytes;
}

fuzzTarget('quote decoder', bytesNear(quotes), (bytes) => {
  const q = onlyTypedErrors(['EXEC_ERR_QUOTE_FORMAT'], () => decodeQuote(bytes));
  if (q !== undefined) expect(Buffer.from(encodeQuote(q)).equals(Buffer.from(bytes))).toBe(true);
}, [priceAboveOne()]);

it('regression: the decoder refuses a quote priced above 1.0, like the encoder and the program', () => {
  expect(() => decodeQuote(priceAboveOne())).toThrow(expect.objectContaining({ code: 'EXEC_ERR_QUOTE_FORMAT', message: 'quote: price above 1.0' }));
});

fuzzTarget('settlement decoder', bytesNear(settlements), (bytes) => {
  const s = onlyTypedErrors(['EXEC_ERR_QUOTE_FORMAT'], () => decodeSettlement(bytes));
  if (s !== undefined) expect(Buffer.from(encodeSettlement(s)).equals(Buffer.from(bytes))).toBe(true);
});
