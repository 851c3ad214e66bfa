/**
 * Verify a signed quote as served by the engine (HTTP, WebSocket JSON or decoded binary frames):
 * the ed25519 signature over the exact message bytes, optionally the expected oracle key and the
 * clock, and that every JSON field equals the signed bytes. Returns the decoded message fields.
 *
 * `verifySignedQuote` is synchronous: node:crypto with cached keys on Node, tweetnacl elsewhere.
 * `QuoteVerifier` (verify/quote-verifier.ts) is the asynchronous form that also reaches WebCrypto,
 * the fast path in browsers.
 */
import {
  QuoteFieldMismatchError,
  QuoteExpiredError,
  QuoteSignatureError,
  QuoteSignerMismatchError,
} from './errors.js';
import { FLAG_SIMULATED, decodeQuote, type QuoteFields } from './quote-message.js';
import { assetName, clusterName, programIdText, quoteBytes, type QuoteBytes, type QuoteJsonFields } from './quote-json.js';
import { bytesToHex } from './encoding.js';
import { defaultSignatureVerifier, type SignatureVerifier } from './verify/ed25519-verifier.js';

export type { SignatureVerifier } from './verify/ed25519-verifier.js';

/** The JSON shape of a signed quote (structurally the engine's SignedQuoteJson). */
export interface SignedQuote {
  readonly quoteId: string;
  readonly symbol: string;
  readonly asset: string;
  readonly cluster: string;
  readonly programId: string;
  readonly epoch: string;
  readonly expiryTs: number;
  readonly strike: string;
  readonly upPrice: string;
  readonly downPrice: string;
  readonly maxSize: string;
  readonly validUntilMs: number;
  readonly generatedAtMs: number;
  readonly refPrice: string;
  readonly refTsMs: number;
  readonly simulated: boolean;
  readonly message: string;
  readonly signature: string;
  readonly signer: string;
}

export interface VerifyQuoteOptions {
  /** base58 oracle public key the quote must be signed by. */
  readonly expectedSigner?: string;
  /** When given, a quote with validUntilMs < nowMs is rejected as expired. */
  readonly nowMs?: number;
  /** The ed25519 check. Default: node:crypto (cached keys) where available, else tweetnacl. */
  readonly verifySignature?: SignatureVerifier;
}

/** Throws QuoteSignerMismatchError when the quote names another signer than expected. */
export function checkExpectedSigner(json: Pick<SignedQuote, 'signer'>, options: Pick<VerifyQuoteOptions, 'expectedSigner'>): void {
  if (options.expectedSigner !== undefined && options.expectedSigner !== json.signer) {
    throw new QuoteSignerMismatchError(options.expectedSigner, json.signer);
  }
}

/**
 * Everything after the signature check: the message decodes, every JSON field equals its signed
 * value, and (with `nowMs`) the quote has not expired. Returns the decoded fields.
 */
export function checkQuoteFields(json: SignedQuote, bytes: QuoteBytes, options: VerifyQuoteOptions): QuoteFields {
  const q = decodeQuote(bytes.message);
  checkDecodedFields(json, q, options);
  return q;
}

/**
 * Every decoded JSON field of a quote (v1, or a v2 leaf with its root) equals its signed value,
 * and with `nowMs` the quote has not expired. Throws QuoteFieldMismatchError / QuoteExpiredError.
 */
export function checkDecodedFields(json: QuoteJsonFields, q: QuoteFields, options: Pick<VerifyQuoteOptions, 'nowMs'>): void {
  const asset = assetName(q.asset);
  const expected: ReadonlyArray<readonly [keyof QuoteJsonFields, unknown]> = [
    ['quoteId', bytesToHex(q.quoteId)],
    ['asset', asset],
    ['symbol', `${asset}USDT`],
    ['cluster', clusterName(q.cluster)],
    ['programId', programIdText(q.programId)],
    ['epoch', q.epoch.toString()],
    ['expiryTs', Number(q.expiryTs)],
    ['strike', q.strike.toString()],
    ['upPrice', q.upPrice.toString()],
    ['downPrice', q.downPrice.toString()],
    ['maxSize', q.maxSize.toString()],
    ['validUntilMs', Number(q.validUntilMs)],
    ['generatedAtMs', Number(q.generatedAtMs)],
    ['refPrice', q.refPrice.toString()],
    ['refTsMs', Number(q.refTsMs)],
    ['simulated', (q.flags & FLAG_SIMULATED) !== 0],
  ];
  for (const [field, signed] of expected) {
    if (json[field] !== signed) throw new QuoteFieldMismatchError(field, json[field], signed);
  }
  if (options.nowMs !== undefined && options.nowMs > Number(q.validUntilMs)) {
    throw new QuoteExpiredError(Number(q.validUntilMs), options.nowMs);
  }
}

export function signatureFailure(json: Pick<SignedQuote, 'signer'>): QuoteSignatureError {
  return new QuoteSignatureError(`signature does not verify for signer ${json.signer}`);
}

export function verifySignedQuote(json: SignedQuote, options: VerifyQuoteOptions = {}): QuoteFields {
  checkExpectedSigner(json, options);
  const bytes = quoteBytes(json);
  if (!(options.verifySignature ?? defaultSignatureVerifier())(bytes.message, bytes.signature, bytes.signer)) throw signatureFailure(json);
  return checkQuoteFields(json, bytes, options);
}
