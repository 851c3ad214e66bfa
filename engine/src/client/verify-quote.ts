/**
 * Verify a signed quote as served by the engine (HTTP/WS JSON) with tweetnacl only: the ed25519
 * signature over the exact message bytes, optionally the expected oracle key and the clock, and
 * that every JSON field equals the signed bytes. Returns the decoded message fields.
 */
import bs58 from 'bs58';
import nacl from 'tweetnacl';
import { ASSET_IDS, CLUSTER_IDS } from './constants.js';
import {
  QuoteFieldMismatchError,
  QuoteExpiredError,
  QuoteFormatError,
  QuoteSignatureError,
  QuoteSignerMismatchError,
} from './errors.js';
import { FLAG_SIMULATED, decodeQuote, type QuoteFields } from './quote-message.js';
import { base58Bytes } from './base58-bytes.js';

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
  /**
   * The ed25519 check. Default: tweetnacl (portable, ~150 verifications/s). A server passes a native
   * one (node:crypto, ~100x faster); both are RFC 8032 and agree byte for byte.
   */
  readonly verifySignature?: SignatureVerifier;
}

/** `(message, signature, publicKey) => valid`. */
export type SignatureVerifier = (message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array) => boolean;

const naclVerify: SignatureVerifier = (message, signature, publicKey) => nacl.sign.detached.verify(message, signature, publicKey);

function nameOf(table: Readonly<Record<string, number>>, id: number): string {
  for (const [name, v] of Object.entries(table)) if (v === id) return name;
  return `#${id}`;
}

function base64ToBytes(text: string): Uint8Array {
  let bin: string;
  try {
    bin = atob(text);
  } catch (err) {
    throw new QuoteFormatError(`quote message is not base64: ${String(err)}`);
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const signatureError = (message: string): Error => new QuoteSignatureError(message);

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function verifySignedQuote(json: SignedQuote, options: VerifyQuoteOptions = {}): QuoteFields {
  if (options.expectedSigner !== undefined && options.expectedSigner !== json.signer) {
    throw new QuoteSignerMismatchError(options.expectedSigner, json.signer);
  }
  const message = base64ToBytes(json.message);
  const signature = base58Bytes(json.signature, 64, 'signature', signatureError);
  const signer = base58Bytes(json.signer, 32, 'signer', signatureError);
  if (!(options.verifySignature ?? naclVerify)(message, signature, signer)) {
    throw new QuoteSignatureError(`signature does not verify for signer ${json.signer}`);
  }
  const q = decodeQuote(message);
  const asset = nameOf(ASSET_IDS, q.asset);
  const expected: ReadonlyArray<readonly [keyof SignedQuote, unknown]> = [
    ['quoteId', hex(q.quoteId)],
    ['asset', asset],
    ['symbol', `${asset}USDT`],
    ['cluster', nameOf(CLUSTER_IDS, q.cluster)],
    ['programId', bs58.encode(q.programId)],
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
  return q;
}
