/**
 * Verification of quote format v2: one ed25519 check of a round's signed root, then every leaf
 * against it, with the tree rebuilt once per ladder from the leaves the round holds (and their
 * multiproof `nodes` when it holds only some). A standalone quote (GET /v1/quotes/:id) is checked
 * with its own proof. Every JSON field of a leaf must equal its signed value (root and leaf).
 *
 * `QuoteVerifier` (quote-verifier.ts) runs these on the platform's fastest ed25519 backend; the
 * synchronous `verifyLadderRound` / `verifyLadderQuoteJson` use node:crypto where present, else tweetnacl.
 */
import { ClientError, QuoteProofError, QuoteFormatError } from '../errors.js';
import { decodeLadderRoot, ladderQuoteFields, ladderRootFromProof, type LadderLeafFields, type LadderRootFields } from '../ladder.js';
import { ladderBytes, ladderQuoteFromJson, leafBytes, isLadderLeaf, type LadderBytes, type LadderJson, type LadderLeafQuote, type LadderQuoteJson, type SurfaceQuote } from '../ladder-json.js';
import { ladderHasher, ladderRootFromLeaves, type LadderHasher } from '../ladder-tree.js';
import { sameBytes } from '../quote-json.js';
import type { QuoteFields } from '../quote-message.js';
import { checkDecodedFields, checkExpectedSigner, signatureFailure, type VerifyQuoteOptions } from '../verify-quote.js';
import { defaultSignatureVerifier, type SignatureVerifier } from './ed25519-verifier.js';

/** A round as a surface carries it: a signed `ladder` when its quotes are leaves of one. */
export interface LadderRoundInput {
  readonly ladder?: LadderJson | null;
  readonly quotes: readonly SurfaceQuote[];
}

/** A verified quote: its fields as the program sees them, and its decay rate (0 for v1). */
export interface VerifiedQuote {
  readonly fields: QuoteFields;
  readonly decayMicrosPerSec: bigint;
}

export type RoundQuoteVerdict = ({ readonly ok: true } & VerifiedQuote) | { readonly ok: false; readonly error: ClientError };

export type LadderVerifyOptions = Omit<VerifyQuoteOptions, 'verifySignature'>;

interface CheckedTree {
  readonly bytes: LadderBytes;
  readonly leaves: ReadonlyArray<{ readonly quote: LadderLeafQuote; readonly leaf: LadderLeafFields }>;
}

/**
 * The round's ladder decodes, every quote is one of its leaves, and the leaves (with the ladder's
 * multiproof nodes) rebuild the signed root. Throws for the whole round: QuoteFormatError,
 * QuoteProofError.
 */
export function checkLadderTree(ladder: LadderJson, quotes: readonly SurfaceQuote[], h: LadderHasher = ladderHasher()): CheckedTree {
  const bytes = ladderBytes(ladder);
  const leaves: Array<{ quote: LadderLeafQuote; leaf: LadderLeafFields }> = [];
  const hashed: Array<{ index: number; hash: Uint8Array }> = [];
  for (const quote of quotes) {
    if (!isLadderLeaf(quote)) throw new QuoteFormatError(`quote ${quote.quoteId} is not a ladder leaf, but its round is signed as one ladder`);
    const b = leafBytes(quote);
    leaves.push({ quote, leaf: b.fields });
    hashed.push({ index: quote.index, hash: h.leaf(b.leaf) });
  }
  if (leaves.length === 0) return { bytes, leaves };
  const root = ladderRootFromLeaves(bytes.fields.leafCount, hashed, bytes.nodes, h);
  if (root === null || !sameBytes(root, bytes.fields.root)) {
    throw new QuoteProofError(`the round's ${leaves.length} leaves do not rebuild the ladder root signed by ${ladder.signer}`);
  }
  return { bytes, leaves };
}

/** Every decoded field of a leaf quote equals its signed value. */
export function checkLeafFields(quote: LadderLeafQuote, root: LadderRootFields, leaf: LadderLeafFields, options: LadderVerifyOptions): VerifiedQuote {
  const fields = ladderQuoteFields(root, leaf);
  checkDecodedFields(quote, fields, options);
  if (quote.decayMicrosPerSec !== leaf.decayMicrosPerSec.toString()) {
    throw new QuoteFormatError(`quote ${quote.quoteId}: decayMicrosPerSec ${quote.decayMicrosPerSec}, signed leaf has ${leaf.decayMicrosPerSec}`);
  }
  return { fields, decayMicrosPerSec: leaf.decayMicrosPerSec };
}

const failAll = (n: number, err: unknown): RoundQuoteVerdict[] => {
  if (!(err instanceof ClientError)) throw err;
  return Array.from({ length: n }, () => ({ ok: false as const, error: err }));
};

/**
 * The verdicts of a ladder round once its root signature was checked (`signatureOk`): a tree or
 * signature failure fails every quote alike; otherwise each leaf is judged on its own fields.
 */
export function ladderRoundVerdicts(round: LadderRoundInput & { readonly ladder: LadderJson }, signatureOk: (bytes: LadderBytes) => boolean, options: LadderVerifyOptions, h?: LadderHasher): RoundQuoteVerdict[] {
  let tree: CheckedTree;
  try {
    checkExpectedSigner(round.ladder, options);
    tree = checkLadderTree(round.ladder, round.quotes, h);
    if (!signatureOk(tree.bytes)) throw signatureFailure(round.ladder);
  } catch (err) {
    return failAll(round.quotes.length, err);
  }
  return tree.leaves.map(({ quote, leaf }): RoundQuoteVerdict => {
    try {
      return { ok: true, ...checkLeafFields(quote, tree.bytes.fields, leaf, options) };
    } catch (err) {
      if (err instanceof ClientError) return { ok: false, error: err };
      throw err;
    }
  });
}

/** Synchronous: the verdicts of a ladder round (node:crypto where present, else tweetnacl). */
export function verifyLadderRound(round: LadderRoundInput, options: VerifyQuoteOptions = {}): RoundQuoteVerdict[] {
  const ladder = round.ladder;
  if (ladder === undefined || ladder === null) return failAll(round.quotes.length, new QuoteFormatError('the round carries no signed ladder'));
  const verify = options.verifySignature ?? defaultSignatureVerifier();
  return ladderRoundVerdicts({ ladder, quotes: round.quotes }, (b) => verify(b.root, b.signature, b.signer), options);
}

/**
 * Checks of a standalone v2 quote before its signature: expected signer, its proof rebuilds the
 * root, its fields. Returns what the signature check needs and the verified fields.
 */
export function checkLadderQuote(quote: LadderQuoteJson, options: LadderVerifyOptions, h: LadderHasher = ladderHasher()): { readonly root: Uint8Array; readonly signature: Uint8Array; readonly signer: Uint8Array; readonly verified: VerifiedQuote } {
  if (!isLadderLeaf(quote)) throw new QuoteFormatError('not a quote format 2 quote (no "format": 2)');
  checkExpectedSigner(quote, options);
  const b = ladderQuoteFromJson(quote);
  const root = decodeLadderRoot(b.root);
  const computed = quote.index < root.leafCount ? ladderRootFromProof(b.leaf, quote.index, root.leafCount, b.proof, (...parts) => hashParts(h, parts)) : null;
  if (computed === null || !sameBytes(computed, root.root)) {
    throw new QuoteProofError(`quote ${quote.quoteId}: leaf ${quote.index} and its proof do not rebuild the ladder root`);
  }
  return { root: b.root, signature: b.signature, signer: b.signer, verified: checkLeafFields(quote, root, leafBytes(quote).fields, options) };
}

/** Synchronous: a standalone v2 quote's fields (its JSON checked against its bytes), or a typed error. */
export function verifyLadderQuoteJson(quote: LadderQuoteJson, options: VerifyQuoteOptions = {}): VerifiedQuote {
  const checked = checkLadderQuote(quote, options);
  if (!(options.verifySignature ?? defaultSignatureVerifier())(checked.root, checked.signature, checked.signer)) throw signatureFailure(quote);
  return checked.verified;
}

/** The proof path of client/ladder.ts calls sha256 over (prefix, …parts): map it onto the hasher. */
function hashParts(h: LadderHasher, parts: Uint8Array[]): Uint8Array {
  const [prefix, a, b] = parts as [Uint8Array, Uint8Array, Uint8Array | undefined];
  return prefix[0] === 0x00 ? h.leaf(a) : h.node(a, b as Uint8Array);
}

type LadderRound = LadderRoundInput & { readonly ladder: LadderJson };
const leafRounds = new WeakMap<object, LadderRound>();

/**
 * Remember the round each v2 leaf of `surface` belongs to, so a leaf handed alone to
 * `QuoteVerifier.verify`/`verifyAll` is checked against its round's ladder (SurfaceStream does
 * this for every surface it delivers).
 */
export function rememberLadderRounds(surface: { readonly rounds: readonly LadderRoundInput[] }): void {
  for (const round of surface.rounds) {
    const ladder = round.ladder;
    if (ladder === undefined || ladder === null) continue;
    for (const q of round.quotes) if (isLadderLeaf(q)) leafRounds.set(q, round as LadderRound);
  }
}

/** The round a leaf was delivered in (see rememberLadderRounds), if known. */
export function ladderRoundOfLeaf(quote: LadderLeafQuote): LadderRound | undefined {
  return leafRounds.get(quote);
}
