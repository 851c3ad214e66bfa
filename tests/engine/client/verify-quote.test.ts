import { describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { signQuote } from '../../../engine/src/signer/signed-quote.js';
import type { QuoteFields } from '../../../engine/src/signer/quote-message.js';
import { verifySignedQuote } from '../../../engine/src/client/verify-quote.js';
import { clientErrorCode as codeOf } from '../../helpers/client-error.js';
import { ASSET_IDS as CLIENT_ASSET_IDS, CLUSTER_IDS as CLIENT_CLUSTER_IDS } from '../../../engine/src/client/constants.js';
import { ASSET_IDS, CLUSTER_IDS, type SignedQuoteJson } from '../../../engine/src/market/types.js';

const signer = createSigner(Uint8Array.from({ length: 32 }, (_, i) => 3 * i));
const other = createSigner(Uint8Array.from({ length: 32 }, (_, i) => 255 - i));

const FIELDS: QuoteFields = {
  cluster: 0,
  asset: 3,
  flags: 1,
  programId: Uint8Array.from({ length: 32 }, (_, i) => i),
  quoteId: Uint8Array.from({ length: 16 }, (_, i) => 16 - i),
  epoch: 1n,
  expiryTs: 1_795_000_200n,
  strike: 151_000_000n,
  upPrice: 410_000n,
  downPrice: 610_000n,
  maxSize: 250_000_000n,
  validUntilMs: 1_795_000_003_500n,
  generatedAtMs: 1_795_000_000_500n,
  refPrice: 150_400_000n,
  refTsMs: 1_795_000_000_420n,
};

const good = (): SignedQuoteJson => signQuote(FIELDS, signer, 'SOLUSDT');


describe('verifySignedQuote', () => {
  it('the client id tables equal the engine ones (the SDK keeps its own copy)', () => {
    expect(CLIENT_ASSET_IDS).toEqual(ASSET_IDS);
    expect(CLIENT_CLUSTER_IDS).toEqual(CLUSTER_IDS);
  });

  it('returns the decoded quote for a good quote', () => {
    const q = good();
    expect(verifySignedQuote(q, { expectedSigner: bs58.encode(signer.publicKey), nowMs: 1_795_000_003_500 })).toEqual(FIELDS);
  });

  it('rejects a signature from another key or over other bytes', () => {
    const q = good();
    const forged = { ...q, signature: bs58.encode(other.sign(Buffer.from(q.message, 'base64'))) };
    expect(codeOf(() => verifySignedQuote(forged))).toBe('EXEC_ERR_QUOTE_BAD_SIGNATURE');
    const bytes = Buffer.from(q.message, 'base64');
    bytes[80] = bytes[80]! ^ 1;
    expect(codeOf(() => verifySignedQuote({ ...q, message: bytes.toString('base64') }))).toBe('EXEC_ERR_QUOTE_BAD_SIGNATURE');
    expect(codeOf(() => verifySignedQuote({ ...q, signature: 'not-base58-0OIl' }))).toBe('EXEC_ERR_QUOTE_BAD_SIGNATURE');
    expect(codeOf(() => verifySignedQuote({ ...q, signature: bs58.encode(new Uint8Array(63)) }))).toBe('EXEC_ERR_QUOTE_BAD_SIGNATURE');
  });

  it('rejects a quote signed by an unexpected key', () => {
    const q = signQuote(FIELDS, other, 'SOLUSDT');
    expect(verifySignedQuote(q)).toEqual(FIELDS);
    expect(codeOf(() => verifySignedQuote(q, { expectedSigner: bs58.encode(signer.publicKey) }))).toBe('EXEC_ERR_QUOTE_SIGNER_MISMATCH');
  });

  it('rejects an expired quote', () => {
    expect(codeOf(() => verifySignedQuote(good(), { nowMs: 1_795_000_003_501 }))).toBe('EXEC_ERR_QUOTE_EXPIRED');
  });

  it('rejects every JSON field that disagrees with the signed bytes', () => {
    const q = good();
    const tampered: Array<Partial<SignedQuoteJson>> = [
      { quoteId: '00'.repeat(16) },
      { symbol: 'BTCUSDT' },
      { asset: 'BTC' },
      { cluster: 'devnet' },
      { programId: bs58.encode(new Uint8Array(32)) },
      { epoch: '2' },
      { expiryTs: 1_795_000_260 },
      { strike: '150000000' },
      { upPrice: '400000' },
      { downPrice: '600000' },
      { maxSize: '1' },
      { validUntilMs: 1_795_000_009_999 },
      { generatedAtMs: 1 },
      { refPrice: '1' },
      { refTsMs: 1 },
      { simulated: false },
    ];
    for (const patch of tampered) {
      expect(codeOf(() => verifySignedQuote({ ...q, ...patch })), Object.keys(patch)[0]).toBe('EXEC_ERR_QUOTE_FIELD_MISMATCH');
    }
  });

  it('rejects a message that is not a quote', () => {
    const q = good();
    const short = Buffer.from(q.message, 'base64').subarray(0, 100);
    const sig = bs58.encode(signer.sign(short));
    expect(codeOf(() => verifySignedQuote({ ...q, message: short.toString('base64'), signature: sig }))).toBe('EXEC_ERR_QUOTE_FORMAT');
    expect(codeOf(() => verifySignedQuote({ ...q, message: '%%%' }))).toBe('EXEC_ERR_QUOTE_FORMAT');
  });
});
