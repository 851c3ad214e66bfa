/**
 * The JSON form of a signed quote (HTTP, WebSocket JSON frames) built from its bytes, and the bytes
 * behind a JSON quote. Every field except `message`, `signature` and `signer` is a decoded copy of
 * the signed message, so rendering from bytes is the one way both the engine (signer/) and the
 * binary stream decoder (stream/) make a quote: the two cannot render one differently.
 *
 * A quote rendered here remembers its bytes (a WeakMap keyed by the object, checked against its
 * strings), so verifying it or encoding it again never decodes base64/base58 a second time.
 */
import bs58 from 'bs58';
import { base58Encode } from './base58.js';
import { ASSET_IDS, CLUSTER_IDS } from './ids.js';
import { base64ToBytes, bytesToBase64, bytesToHex } from './encoding.js';
import { QuoteFormatError, QuoteSignatureError } from './errors.js';
import { FLAG_SIMULATED, decodeQuote, type QuoteFields } from './quote-message.js';
import type { SignedQuote } from './verify-quote.js';

export interface QuoteBytes {
  /** The 128 signed bytes. */
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  /** The signer's 32-byte public key. */
  readonly signer: Uint8Array;
}

interface Remembered extends QuoteBytes {
  readonly messageText: string;
  readonly signatureText: string;
  readonly signerText: string;
}

const remembered = new WeakMap<object, Remembered>();
const ASSET_NAMES = new Map<number, string>(Object.entries(ASSET_IDS).map(([name, id]) => [id, name]));
const CLUSTER_NAMES = new Map<number, string>(Object.entries(CLUSTER_IDS).map(([name, id]) => [id, name]));

/** Name of an asset or cluster id; `#<id>` for an id this SDK does not know. */
export function assetName(id: number): string {
  return ASSET_NAMES.get(id) ?? `#${id}`;
}
export function clusterName(id: number): string {
  return CLUSTER_NAMES.get(id) ?? `#${id}`;
}

let lastProgramId: Uint8Array | null = null;
let lastProgramIdText = '';
/** base58 of a program id, cached for the last one seen (every quote of a deployment has the same). */
export function programIdText(bytes: Uint8Array): string {
  if (lastProgramId === null || !sameBytes(lastProgramId, bytes)) {
    lastProgramId = bytes.slice();
    lastProgramIdText = base58Encode(bytes);
  }
  return lastProgramIdText;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A signer key with its base58 form, computed once per key by the caller. */
export interface SignerKey {
  readonly bytes: Uint8Array;
  readonly base58: string;
}

export function signerKey(bytes: Uint8Array): SignerKey {
  return { bytes, base58: base58Encode(bytes) };
}

/** The decoded fields every quote JSON carries, format v1 and v2 alike (everything but its bytes). */
export type QuoteJsonFields = Omit<SignedQuote, 'message' | 'signature' | 'signer'>;

/**
 * The decoded fields of a quote, in the engine's order. Throws QuoteFormatError for an asset or
 * cluster id this SDK does not know.
 */
export function quoteJsonFields(fields: QuoteFields): QuoteJsonFields {
  const asset = ASSET_NAMES.get(fields.asset);
  const cluster = CLUSTER_NAMES.get(fields.cluster);
  if (asset === undefined) throw new QuoteFormatError(`quote: unknown asset id ${fields.asset}`);
  if (cluster === undefined) throw new QuoteFormatError(`quote: unknown cluster id ${fields.cluster}`);
  return {
    quoteId: bytesToHex(fields.quoteId),
    symbol: `${asset}USDT`,
    asset,
    cluster,
    programId: programIdText(fields.programId),
    epoch: fields.epoch.toString(),
    expiryTs: Number(fields.expiryTs),
    strike: fields.strike.toString(),
    upPrice: fields.upPrice.toString(),
    downPrice: fields.downPrice.toString(),
    maxSize: fields.maxSize.toString(),
    validUntilMs: Number(fields.validUntilMs),
    generatedAtMs: Number(fields.generatedAtMs),
    refPrice: fields.refPrice.toString(),
    refTsMs: Number(fields.refTsMs),
    simulated: (fields.flags & FLAG_SIMULATED) !== 0,
  };
}

/**
 * The JSON quote of these bytes, fields in the engine's order. `fields` may be passed when the
 * caller already decoded the message. Throws QuoteFormatError for a malformed message or an asset
 * or cluster id this SDK does not know.
 */
export function quoteJsonFromBytes(message: Uint8Array, signature: Uint8Array, signer: SignerKey, fields: QuoteFields = decodeQuote(message)): SignedQuote {
  const quote: SignedQuote = {
    ...quoteJsonFields(fields),
    message: bytesToBase64(message),
    signature: base58Encode(signature),
    signer: signer.base58,
  };
  remembered.set(quote, {
    message,
    signature,
    signer: signer.bytes,
    messageText: quote.message,
    signatureText: quote.signature,
    signerText: quote.signer,
  });
  return quote;
}

function base58Bytes(text: string, len: number, what: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = bs58.decode(text);
  } catch {
    throw new QuoteSignatureError(`${what} is not base58`);
  }
  if (bytes.length !== len) throw new QuoteSignatureError(`${what} must be ${len} bytes, got ${bytes.length}`);
  return bytes;
}

const signerBytes = new Map<string, Uint8Array>();

/** A base58 64-byte signature; QuoteSignatureError otherwise. */
export function decodeSignatureText(text: string): Uint8Array {
  return base58Bytes(text, 64, 'signature');
}

/** A base58 32-byte signer key (cached: there are few); QuoteSignatureError otherwise. */
export function decodeSignerText(text: string): Uint8Array {
  let signer = signerBytes.get(text);
  if (signer === undefined) {
    signer = base58Bytes(text, 32, 'signer');
    if (signerBytes.size >= 64) signerBytes.clear();
    signerBytes.set(text, signer);
  }
  return signer;
}

/**
 * The bytes behind a JSON quote: remembered when it was rendered here (and its strings are still
 * the rendered ones), decoded otherwise. Throws QuoteFormatError (message not base64) or
 * QuoteSignatureError (signature or signer not base58 of the right length).
 */
export function quoteBytes(quote: Pick<SignedQuote, 'message' | 'signature' | 'signer'>): QuoteBytes {
  const known = remembered.get(quote);
  if (known !== undefined && known.messageText === quote.message && known.signatureText === quote.signature && known.signerText === quote.signer) {
    return known;
  }
  if ((quote as { format?: unknown }).format === 2) {
    throw new QuoteFormatError('a quote format 2 leaf has no signed message of its own: verify it with its ladder (QuoteVerifier.verifyRound, verifyLadderQuote)');
  }
  let message: Uint8Array;
  try {
    message = base64ToBytes(quote.message);
  } catch {
    throw new QuoteFormatError('quote message is not base64');
  }
  const signature = decodeSignatureText(quote.signature);
  const signer = decodeSignerText(quote.signer);
  const bytes: Remembered = { message, signature, signer, messageText: quote.message, signatureText: quote.signature, signerText: quote.signer };
  remembered.set(quote, bytes);
  return bytes;
}
