/**
 * The JSON form of quote format v2 (docs/quote-format.md, docs/stream-format.md):
 *
 * - in a surface, a round signed as one ladder carries `ladder` (the signed root message, its one
 *   signature and signer, and the multiproof `nodes` when the round holds only some of its leaves);
 *   each of its quotes is a `LadderLeafQuote`: the decoded fields every quote has, plus
 *   `format: 2`, the decay rate, the leaf index and the 60 leaf bytes. No proof: the client
 *   rebuilds the tree from the leaves, once per ladder.
 * - on its own (GET /v1/quotes/:id), a `LadderQuoteJson`: the leaf quote with the root message,
 *   signature, signer and its proof, everything a taker needs.
 *
 * A v1 quote is unchanged: no `format` field, its own `message` and `signature`.
 */
import { base58Encode } from './base58.js';
import { base64ToBytes, bytesToBase64 } from './encoding.js';
import { QuoteFormatError } from './errors.js';
import { LADDER_LEAF_LEN, decodeLadderLeaf, decodeLadderRoot, ladderQuoteFields, type LadderLeafFields, type LadderRootFields } from './ladder.js';
import { decodeSignatureText, decodeSignerText, quoteJsonFields, type QuoteJsonFields, type SignerKey } from './quote-json.js';
import type { SignedQuote } from './verify-quote.js';
import type { LadderQuote } from './ladder-quote.js';

export const LADDER_FORMAT = 2;

/** One leaf of a round's ladder, as a surface carries it. */
export interface LadderLeafQuote extends QuoteJsonFields {
  readonly format: 2;
  /** Probability micro-units added to the taker's price per started second since generatedAtMs. */
  readonly decayMicrosPerSec: string;
  /** Position of the leaf in its ladder. */
  readonly index: number;
  /** The 60 leaf bytes, base64. */
  readonly leaf: string;
}

/** A round's signed ladder. */
export interface LadderJson {
  /** The 106-byte signed root message, base64. */
  readonly root: string;
  /** base58 ed25519 signature over `root`. */
  readonly signature: string;
  /** base58 oracle key. */
  readonly signer: string;
  /** Leaves in the ladder (decoded from `root`). */
  readonly leafCount: number;
  /**
   * The multiproof of the round's quotes (base64 hashes) when the round holds only some of the
   * ladder's leaves (a stream view with `strikes`); absent when it holds all of them.
   */
  readonly nodes?: readonly string[];
}

/** One v2 quote with everything a taker needs (GET /v1/quotes/:id). */
export interface LadderQuoteJson extends LadderLeafQuote {
  readonly root: string;
  readonly signature: string;
  readonly signer: string;
  /** Sibling hashes from the leaf up (base64), client/ladder.ts `ladderProof`. */
  readonly proof: readonly string[];
}

/** A quote as a surface round holds it. */
export type SurfaceQuote = SignedQuote | LadderLeafQuote;
/** A quote as GET /v1/quotes/:id serves it. */
export type TakerQuoteJson = SignedQuote | LadderQuoteJson;

export function isLadderLeaf(q: object): q is LadderLeafQuote {
  return (q as { format?: unknown }).format === LADDER_FORMAT;
}

/** The bytes of a ladder, decoded. */
export interface LadderBytes {
  readonly root: Uint8Array;
  readonly fields: LadderRootFields;
  readonly signature: Uint8Array;
  readonly signer: Uint8Array;
  readonly nodes: readonly Uint8Array[];
}

interface RememberedLadder extends LadderBytes {
  readonly rootText: string;
  readonly signatureText: string;
  readonly signerText: string;
  readonly nodesText: readonly string[] | undefined;
}
interface RememberedLeaf {
  readonly leaf: Uint8Array;
  readonly fields: LadderLeafFields;
  readonly leafText: string;
}

const ladders = new WeakMap<object, RememberedLadder>();
const leaves = new WeakMap<object, RememberedLeaf>();

function base64Field(text: unknown, len: number | null, what: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(text as string);
  } catch {
    throw new QuoteFormatError(`${what} is not base64`);
  }
  if (len !== null && bytes.length !== len) throw new QuoteFormatError(`${what} must be ${len} bytes, got ${bytes.length}`);
  return bytes;
}

/** The JSON of a signed ladder; `nodes` when the round carries only some of its leaves. */
export function ladderJson(root: Uint8Array, fields: LadderRootFields, signature: Uint8Array, signer: SignerKey, nodes?: readonly Uint8Array[]): LadderJson {
  const nodesText = nodes?.map(bytesToBase64);
  const json: LadderJson = {
    root: bytesToBase64(root),
    signature: base58Encode(signature),
    signer: signer.base58,
    leafCount: fields.leafCount,
    ...(nodesText === undefined ? {} : { nodes: nodesText }),
  };
  ladders.set(json, { root, fields, signature, signer: signer.bytes, nodes: nodes ?? [], rootText: json.root, signatureText: json.signature, signerText: json.signer, nodesText });
  return json;
}

/** The same ladder with other multiproof `nodes` (a view holding another part of it). */
export function withLadderNodes(ladder: LadderJson, nodes: readonly Uint8Array[] | undefined): LadderJson {
  const b = ladderBytes(ladder);
  return ladderJson(b.root, b.fields, b.signature, { bytes: b.signer, base58: ladder.signer }, nodes);
}

/**
 * The bytes behind a ladder JSON: remembered when rendered here (and its strings unchanged),
 * decoded otherwise. Throws QuoteFormatError / QuoteSignatureError for malformed fields.
 */
export function ladderBytes(ladder: LadderJson): LadderBytes {
  const known = ladders.get(ladder);
  if (known !== undefined && known.rootText === ladder.root && known.signatureText === ladder.signature && known.signerText === ladder.signer && known.nodesText === ladder.nodes) {
    return known;
  }
  const root = base64Field(ladder.root, null, 'ladder root');
  const fields = decodeLadderRoot(root);
  if (ladder.leafCount !== fields.leafCount) throw new QuoteFormatError(`ladder leafCount ${ladder.leafCount}, signed root says ${fields.leafCount}`);
  if (ladder.nodes !== undefined && !Array.isArray(ladder.nodes)) throw new QuoteFormatError('ladder nodes must be a list');
  const nodes = (ladder.nodes ?? []).map((n, i) => base64Field(n, 32, `ladder node ${i}`));
  const bytes: RememberedLadder = {
    root,
    fields,
    signature: decodeSignatureText(ladder.signature),
    signer: decodeSignerText(ladder.signer),
    nodes,
    rootText: ladder.root,
    signatureText: ladder.signature,
    signerText: ladder.signer,
    nodesText: ladder.nodes,
  };
  ladders.set(ladder, bytes);
  return bytes;
}

/** The JSON of leaf `index` of the ladder `root`, fields in the engine's order. */
export function ladderLeafJson(root: LadderRootFields, leaf: Uint8Array, index: number, fields: LadderLeafFields = decodeLadderLeaf(leaf)): LadderLeafQuote {
  const quote: LadderLeafQuote = {
    format: LADDER_FORMAT,
    ...quoteJsonFields(ladderQuoteFields(root, fields)),
    decayMicrosPerSec: fields.decayMicrosPerSec.toString(),
    index,
    leaf: bytesToBase64(leaf),
  };
  leaves.set(quote, { leaf, fields, leafText: quote.leaf });
  return quote;
}

/** The 60 leaf bytes of a leaf quote and their decoded fields (remembered, or decoded). */
export function leafBytes(quote: Pick<LadderLeafQuote, 'leaf'>): { readonly leaf: Uint8Array; readonly fields: LadderLeafFields } {
  const known = leaves.get(quote);
  if (known !== undefined && known.leafText === quote.leaf) return known;
  const leaf = base64Field(quote.leaf, LADDER_LEAF_LEN, 'ladder leaf');
  const remembered: RememberedLeaf = { leaf, fields: decodeLadderLeaf(leaf), leafText: quote.leaf };
  leaves.set(quote, remembered);
  return remembered;
}

/** A leaf quote on its own: with its ladder's root, signature and signer, and its proof. */
export function ladderQuoteJson(ladder: LadderJson, quote: LadderLeafQuote, proof: readonly Uint8Array[]): LadderQuoteJson {
  return { ...quote, root: ladder.root, signature: ladder.signature, signer: ladder.signer, proof: proof.map(bytesToBase64) };
}

/** The bytes of a standalone v2 quote, as `buildTakeQuoteV2Tx` takes them (not verified here). */
export function ladderQuoteFromJson(quote: LadderQuoteJson): LadderQuote {
  if (!Array.isArray(quote.proof)) throw new QuoteFormatError('ladder quote proof must be a list');
  if (!Number.isInteger(quote.index) || quote.index < 0) throw new QuoteFormatError(`ladder quote index must be a non-negative integer, got ${String(quote.index)}`);
  return {
    root: base64Field(quote.root, null, 'ladder root'),
    signature: decodeSignatureText(quote.signature),
    signer: decodeSignerText(quote.signer),
    index: quote.index,
    leaf: leafBytes(quote).leaf,
    proof: quote.proof.map((p, i) => base64Field(p, 32, `proof hash ${i}`)),
  };
}
