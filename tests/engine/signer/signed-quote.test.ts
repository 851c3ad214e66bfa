import { describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { signQuote } from '../../../engine/src/signer/signed-quote.js';
import { FLAG_SIMULATED, decodeQuote, type QuoteFields } from '../../../engine/src/signer/quote-message.js';
import { EngineError } from '../../../engine/src/lib/errors.js';

const signer = createSigner(Uint8Array.from({ length: 32 }, (_, i) => i + 1));
const PROGRAM_ID = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);

const FIELDS: QuoteFields = {
  cluster: 1,
  asset: 2,
  flags: 0,
  programId: PROGRAM_ID,
  quoteId: Uint8Array.from(Buffer.from('00112233445566778899aabbccddeeff', 'hex')),
  epoch: 9n,
  expiryTs: 1_795_000_200n,
  strike: 3_450_000_000n,
  upPrice: 523_417n,
  downPrice: 496_583n,
  maxSize: 500_000_000n,
  validUntilMs: 1_795_000_003_500n,
  generatedAtMs: 1_795_000_000_500n,
  refPrice: 3_456_780_000n,
  refTsMs: 1_795_000_000_420n,
};

describe('signQuote', () => {
  it('renders every field from the signed bytes and the signature verifies with tweetnacl', () => {
    const q = signQuote(FIELDS, signer, 'ETHUSDT');
    expect(q).toEqual({
      quoteId: '00112233445566778899aabbccddeeff',
      symbol: 'ETHUSDT',
      asset: 'ETH',
      cluster: 'devnet',
      programId: bs58.encode(PROGRAM_ID),
      epoch: '9',
      expiryTs: 1_795_000_200,
      strike: '3450000000',
      upPrice: '523417',
      downPrice: '496583',
      maxSize: '500000000',
      validUntilMs: 1_795_000_003_500,
      generatedAtMs: 1_795_000_000_500,
      refPrice: '3456780000',
      refTsMs: 1_795_000_000_420,
      simulated: false,
      message: expect.any(String),
      signature: expect.any(String),
      signer: bs58.encode(signer.publicKey),
    });
    const message = Uint8Array.from(Buffer.from(q.message, 'base64'));
    expect(message).toHaveLength(128);
    expect(decodeQuote(message)).toEqual(FIELDS);
    expect(nacl.sign.detached.verify(message, bs58.decode(q.signature), bs58.decode(q.signer))).toBe(true);
  });

  it('sets simulated from the flag byte', () => {
    expect(signQuote({ ...FIELDS, flags: FLAG_SIMULATED }, signer, 'ETHUSDT').simulated).toBe(true);
  });

  it('refuses a symbol that does not match the asset id', () => {
    expect(() => signQuote(FIELDS, signer, 'BTCUSDT')).toThrow(EngineError);
    expect(() => signQuote({ ...FIELDS, cluster: 9 }, signer, 'ETHUSDT')).toThrow(/cluster/);
  });

  it('caches the program id rendering correctly across different program ids', () => {
    const other = Uint8Array.from({ length: 32 }, () => 7);
    expect(signQuote({ ...FIELDS, programId: other }, signer, 'ETHUSDT').programId).toBe(bs58.encode(other));
    expect(signQuote(FIELDS, signer, 'ETHUSDT').programId).toBe(bs58.encode(PROGRAM_ID));
  });
});
