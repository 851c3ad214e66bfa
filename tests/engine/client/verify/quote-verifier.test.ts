/** QuoteVerifier: the checks of verifySignedQuote, asynchronously, on each ed25519 backend. */
import { describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { createSigner } from '../../../../engine/src/signer/sign.js';
import { signQuote } from '../../../../engine/src/signer/signed-quote.js';
import type { QuoteFields } from '../../../../engine/src/signer/quote-message.js';
import { QuoteVerifier } from '../../../../engine/src/client/verify/quote-verifier.js';
import { verifySignedQuote } from '../../../../engine/src/client/verify-quote.js';
import { quoteBytes } from '../../../../engine/src/client/quote-json.js';
import type { ClientError } from '../../../../engine/src/client/errors.js';
import { asyncClientErrorCode as codeOf } from '../../../helpers/client-error.js';

const signer = createSigner(Uint8Array.from({ length: 32 }, (_, i) => 3 * i + 2));
const other = createSigner(Uint8Array.from({ length: 32 }, (_, i) => 250 - i));
const SIGNER = bs58.encode(signer.publicKey);

const FIELDS: QuoteFields = {
  cluster: 1,
  asset: 1,
  flags: 0,
  programId: Uint8Array.from({ length: 32 }, (_, i) => i + 9),
  quoteId: Uint8Array.from({ length: 16 }, (_, i) => i * 11),
  epoch: 4n,
  expiryTs: 1_795_000_200n,
  strike: 97_300_000_000n,
  upPrice: 523_417n,
  downPrice: 496_583n,
  maxSize: 1_000_000_000n,
  validUntilMs: 1_795_000_003_500n,
  generatedAtMs: 1_795_000_000_500n,
  refPrice: 97_312_345_678n,
  refTsMs: 1_795_000_000_420n,
};


describe.each(['node:crypto', 'webcrypto', 'tweetnacl'] as const)('QuoteVerifier on %s', (backend) => {
  it('verifies a good quote, rendered or parsed from JSON, and returns its fields', async () => {
    const verifier = await QuoteVerifier.create({ backend });
    expect(verifier.backend).toBe(backend);
    const rendered = signQuote(FIELDS, signer, 'BTCUSDT');
    const parsed = JSON.parse(JSON.stringify(rendered)) as typeof rendered;
    for (const q of [rendered, parsed]) {
      expect(await verifier.verify(q, { expectedSigner: SIGNER, nowMs: 1_795_000_003_500 })).toEqual(FIELDS);
    }
  });

  it('rejects what verifySignedQuote rejects, with the same codes', async () => {
    const verifier = await QuoteVerifier.create({ backend });
    const q = signQuote(FIELDS, signer, 'BTCUSDT');
    const forged = { ...q, signature: bs58.encode(other.sign(quoteBytes(q).message)) };
    const tampered = { ...q, upPrice: '523418' };
    const cases = [
      [forged, {}, 'EXEC_ERR_QUOTE_BAD_SIGNATURE'],
      [tampered, {}, 'EXEC_ERR_QUOTE_FIELD_MISMATCH'],
      [q, { expectedSigner: bs58.encode(other.publicKey) }, 'EXEC_ERR_QUOTE_SIGNER_MISMATCH'],
      [q, { nowMs: 1_795_000_003_501 }, 'EXEC_ERR_QUOTE_EXPIRED'],
      [{ ...q, message: '%%%' }, {}, 'EXEC_ERR_QUOTE_FORMAT'],
      [{ ...q, signature: 'l0' }, {}, 'EXEC_ERR_QUOTE_BAD_SIGNATURE'],
    ] as const;
    for (const [quote, options, code] of cases) {
      expect(await codeOf(verifier.verify(quote, options)), code).toBe(code);
      let syncCode = '';
      try {
        verifySignedQuote(quote, options);
      } catch (err) {
        syncCode = (err as ClientError).code;
      }
      expect(syncCode, `sync ${code}`).toBe(code);
    }
  });

  it('verifyAll returns one verdict per quote in order and never throws for a bad one', async () => {
    const verifier = await QuoteVerifier.create({ backend });
    const good = signQuote(FIELDS, signer, 'BTCUSDT');
    const bad = { ...good, downPrice: '1' };
    const verdicts = await verifier.verifyAll([good, bad, good], { expectedSigner: SIGNER });
    expect(verdicts.map((v) => v.ok)).toEqual([true, false, true]);
    const failed = verdicts[1];
    expect(failed?.ok === false ? failed.error.code : '').toBe('EXEC_ERR_QUOTE_FIELD_MISMATCH');
  });
});

describe('quoteBytes', () => {
  it('returns the rendered bytes, and decodes afresh when a string of the quote was replaced', () => {
    const q = signQuote(FIELDS, signer, 'BTCUSDT');
    const first = quoteBytes(q);
    expect(quoteBytes(q)).toBe(first);
    const otherSig = bs58.encode(other.sign(first.message));
    const swapped = Object.assign(q, { signature: otherSig });
    expect(bs58.encode(quoteBytes(swapped).signature)).toBe(otherSig);
    expect(() => verifySignedQuote(swapped)).toThrow(/does not verify/);
  });
});
