/**
 * One v2 quote as a taker holds it: the oracle's signed ladder root and one leaf with its proof.
 * `verifyLadderQuote` runs every check the program runs on the quote itself (signature over the
 * root by the expected oracle key, leaf and proof leading to the signed root) plus the clock, and
 * `landingPrice` gives what the program will charge at a chain time (the leaf's decay applied).
 * Verifying a whole streamed ladder at once (one signature, one tree) belongs to the stream code.
 */
import { base58Encode } from './base58.js';
import { QuoteExpiredError, QuoteFormatError, QuoteProofError, QuoteSignatureError, QuoteSignerMismatchError } from './errors.js';
import {
  LADDER_LEAF_LEN,
  LADDER_ROOT_LEN,
  decayedPrice,
  decodeLadderLeaf,
  decodeLadderRoot,
  ladderQuoteFields,
  verifyLadderLeaf,
  type LadderLeafFields,
  type LadderRootFields,
} from './ladder.js';
import type { QuoteFields } from './quote-message.js';
import type { SideName } from './constants.js';
import { sharedEd25519Verifier, type Ed25519Verifier } from './verify/ed25519-verifier.js';

export interface LadderQuote {
  /** The 106-byte signed root message. */
  readonly root: Uint8Array;
  /** The oracle's 64-byte ed25519 signature over `root`. */
  readonly signature: Uint8Array;
  /** The 32-byte oracle key that signed. */
  readonly signer: Uint8Array;
  /** The leaf's position in the ladder. */
  readonly index: number;
  /** The leaf's 60 bytes, exactly as hashed into the ladder. */
  readonly leaf: Uint8Array;
  /** Sibling hashes (32 bytes each) from the leaf up to the root. */
  readonly proof: readonly Uint8Array[];
}

export interface VerifiedLadderQuote {
  readonly root: LadderRootFields;
  readonly leaf: LadderLeafFields;
  /** The v1-shaped fields the program checks (root and leaf together). */
  readonly quote: QuoteFields;
}

export interface VerifyLadderQuoteOptions {
  /** base58 oracle key the root must be signed by. */
  readonly expectedSigner?: string;
  /** When given, a quote with validUntilMs < nowMs is rejected as expired. */
  readonly nowMs?: number;
  /** Default: the SDK's shared backend (node:crypto, WebCrypto, else tweetnacl). */
  readonly ed25519?: Ed25519Verifier;
}

function checkShape(q: LadderQuote): void {
  const bad = (what: string): never => {
    throw new QuoteFormatError(`v2 quote: ${what}`);
  };
  if (!(q.root instanceof Uint8Array) || q.root.length !== LADDER_ROOT_LEN) bad(`root message must be ${LADDER_ROOT_LEN} bytes`);
  if (!(q.leaf instanceof Uint8Array) || q.leaf.length !== LADDER_LEAF_LEN) bad(`leaf must be ${LADDER_LEAF_LEN} bytes`);
  if (!(q.signature instanceof Uint8Array) || q.signature.length !== 64) bad('signature must be 64 bytes');
  if (!(q.signer instanceof Uint8Array) || q.signer.length !== 32) bad('signer must be 32 bytes');
  if (!Number.isInteger(q.index) || q.index < 0) bad(`leaf index ${q.index} is not a non-negative integer`);
  if (!Array.isArray(q.proof) || q.proof.some((h) => !(h instanceof Uint8Array) || h.length !== 32)) bad('every proof entry must be 32 bytes');
}

/** The quote's fields when the root's signature, the leaf's proof and (with nowMs) the clock all hold. */
export async function verifyLadderQuote(q: LadderQuote, options: VerifyLadderQuoteOptions = {}): Promise<VerifiedLadderQuote> {
  checkShape(q);
  const signer = base58Encode(q.signer);
  if (options.expectedSigner !== undefined && options.expectedSigner !== signer) throw new QuoteSignerMismatchError(options.expectedSigner, signer);
  const ed25519 = options.ed25519 ?? (await sharedEd25519Verifier());
  if (!(await ed25519.verify(q.root, q.signature, q.signer))) throw new QuoteSignatureError(`ladder root signature does not verify for signer ${signer}`);
  const root = decodeLadderRoot(q.root);
  if (q.index >= root.leafCount) throw new QuoteProofError(`leaf index ${q.index} is outside the ladder of ${root.leafCount} leaves`);
  if (!verifyLadderLeaf(root, q.leaf, q.index, q.proof)) throw new QuoteProofError(`leaf ${q.index} and its proof of ${q.proof.length} hashes do not lead to the signed ladder root`);
  const leaf = decodeLadderLeaf(q.leaf);
  if (options.nowMs !== undefined && options.nowMs > Number(root.validUntilMs)) throw new QuoteExpiredError(Number(root.validUntilMs), options.nowMs);
  return { root, leaf, quote: ladderQuoteFields(root, leaf) };
}

/** The price the program charges for `side` when the transaction lands at chain time `landingTs` (unix seconds). */
export function landingPrice(v: VerifiedLadderQuote, side: SideName, landingTs: bigint): bigint {
  const signed = side === 'up' ? v.leaf.upPrice : v.leaf.downPrice;
  return decayedPrice(signed, v.leaf.decayMicrosPerSec, v.root.generatedAtMs, landingTs);
}
