/**
 * Quote format v2: one signature per round ladder (docs/quote-format.md). Rust twin:
 * programs/exec-trade-rules/src/ladder.rs; golden vectors: tests/fixtures/golden/ladder.txt.
 *
 * The oracle signs a 106-byte root message ("EXQR" v2: program, cluster, asset, flags, epoch,
 * expiry, leaf count, generation time, valid-until, Merkle root). Each strike is a 60-byte leaf
 * (quote id, strike, prices, max size, reference price and time, decay rate). Leaves hash as
 * sha256(0x00 ‖ leaf), nodes as sha256(0x01 ‖ left ‖ right). Levels pair nodes left to right and an
 * unpaired last node moves up unchanged, so a proof has exactly the siblings its path meets.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2';
import { QuoteFormatError } from './errors.js';
import { Reader, Writer, checkFlags, checkHeader } from './message-bytes.js';
import type { QuoteFields } from './quote-message.js';

export const LADDER_ROOT_MAGIC = Uint8Array.from([0x45, 0x58, 0x51, 0x52]); // "EXQR"
export const LADDER_ROOT_VERSION = 2;
export const LADDER_ROOT_LEN = 106;
export const LADDER_LEAF_LEN = 60;
/** Most leaves one ladder may have (the largest v2 take then stays 33 bytes under the packet). */
export const MAX_LADDER_LEAVES = 32;
export const LEAF_HASH_PREFIX = 0x00;
export const NODE_HASH_PREFIX = 0x01;
/** No price, once aged by its decay, passes 0.99 (probability micro-units). */
export const MAX_DECAYED_PRICE = 990_000n;

export interface LadderRootFields {
  readonly cluster: number;
  readonly asset: number;
  readonly flags: number;
  readonly programId: Uint8Array;
  readonly epoch: bigint;
  readonly expiryTs: bigint;
  readonly leafCount: number;
  readonly generatedAtMs: bigint;
  readonly validUntilMs: bigint;
  readonly root: Uint8Array;
}

export interface LadderLeafFields {
  readonly quoteId: Uint8Array;
  readonly strike: bigint;
  readonly upPrice: bigint;
  readonly downPrice: bigint;
  readonly maxSize: bigint;
  readonly refPrice: bigint;
  readonly refTsMs: bigint;
  /** Probability micro-units added to the taker's price per second of quote age. */
  readonly decayMicrosPerSec: bigint;
}

/** sha256 over the concatenation of its arguments. */
export type Sha256 = (...parts: Uint8Array[]) => Uint8Array;

/** Synchronous sha256 that runs everywhere (@noble/hashes); servers may pass a faster one. */
export const ladderSha256: Sha256 = (...parts) => {
  const h = nobleSha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
};

function checkLeafCount(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_LADDER_LEAVES) throw new QuoteFormatError(`ladder: leaf count must be 1..=${MAX_LADDER_LEAVES}, got ${n}`);
}

export function encodeLadderRoot(r: LadderRootFields): Uint8Array {
  checkFlags(r.flags, 'ladder root');
  checkLeafCount(r.leafCount);
  const w = new Writer(LADDER_ROOT_LEN);
  w.raw(LADDER_ROOT_MAGIC, 4, 'magic');
  w.u8(LADDER_ROOT_VERSION, 'version');
  w.u8(r.cluster, 'cluster');
  w.u8(r.asset, 'asset');
  w.u8(r.flags, 'flags');
  w.raw(r.programId, 32, 'programId');
  w.u64(r.epoch, 'epoch');
  w.i64(r.expiryTs, 'expiryTs');
  w.u16(r.leafCount, 'leafCount');
  w.i64(r.generatedAtMs, 'generatedAtMs');
  w.i64(r.validUntilMs, 'validUntilMs');
  w.raw(r.root, 32, 'root');
  return w.done();
}

export function decodeLadderRoot(bytes: Uint8Array): LadderRootFields {
  checkHeader(bytes, LADDER_ROOT_MAGIC, LADDER_ROOT_VERSION, LADDER_ROOT_LEN, 'ladder root');
  const r = new Reader(bytes);
  r.raw(5);
  const cluster = r.u8();
  const asset = r.u8();
  const flags = r.u8();
  checkFlags(flags, 'ladder root');
  const root: LadderRootFields = {
    cluster,
    asset,
    flags,
    programId: r.raw(32),
    epoch: r.u64(),
    expiryTs: r.i64(),
    leafCount: r.u16(),
    generatedAtMs: r.i64(),
    validUntilMs: r.i64(),
    root: r.raw(32),
  };
  checkLeafCount(root.leafCount);
  return root;
}

export function encodeLadderLeaf(l: LadderLeafFields): Uint8Array {
  if (l.upPrice > 1_000_000n || l.downPrice > 1_000_000n) throw new QuoteFormatError('ladder leaf: price above 1.0');
  const w = new Writer(LADDER_LEAF_LEN);
  w.raw(l.quoteId, 16, 'quoteId');
  w.u64(l.strike, 'strike');
  w.u32(l.upPrice, 'upPrice');
  w.u32(l.downPrice, 'downPrice');
  w.u64(l.maxSize, 'maxSize');
  w.u64(l.refPrice, 'refPrice');
  w.i64(l.refTsMs, 'refTsMs');
  w.u32(l.decayMicrosPerSec, 'decayMicrosPerSec');
  return w.done();
}

export function decodeLadderLeaf(bytes: Uint8Array): LadderLeafFields {
  if (bytes.length !== LADDER_LEAF_LEN) throw new QuoteFormatError(`ladder leaf: expected ${LADDER_LEAF_LEN} bytes, got ${bytes.length}`);
  const r = new Reader(bytes);
  const leaf: LadderLeafFields = {
    quoteId: r.raw(16),
    strike: r.u64(),
    upPrice: r.u32(),
    downPrice: r.u32(),
    maxSize: r.u64(),
    refPrice: r.u64(),
    refTsMs: r.i64(),
    decayMicrosPerSec: r.u32(),
  };
  if (leaf.upPrice > 1_000_000n || leaf.downPrice > 1_000_000n) throw new QuoteFormatError('ladder leaf: price above 1.0');
  return leaf;
}

const LEAF_PREFIX = Uint8Array.of(LEAF_HASH_PREFIX);
const NODE_PREFIX = Uint8Array.of(NODE_HASH_PREFIX);

export const leafHash = (leaf: Uint8Array, h: Sha256 = ladderSha256): Uint8Array => h(LEAF_PREFIX, leaf);
export const nodeHash = (left: Uint8Array, right: Uint8Array, h: Sha256 = ladderSha256): Uint8Array => h(NODE_PREFIX, left, right);

/** Every level of the tree over `leaves` (encoded), leaf hashes first, the root alone last. */
export function ladderLevels(leaves: readonly Uint8Array[], h: Sha256 = ladderSha256): Uint8Array[][] {
  checkLeafCount(leaves.length);
  const levels: Uint8Array[][] = [leaves.map((l) => leafHash(l, h))];
  while (levels[levels.length - 1]!.length > 1) {
    const below = levels[levels.length - 1]!;
    const up: Uint8Array[] = [];
    for (let i = 0; i < below.length; i += 2) up.push(i + 1 < below.length ? nodeHash(below[i]!, below[i + 1]!, h) : below[i]!);
    levels.push(up);
  }
  return levels;
}

/** The sibling hashes of leaf `index`, bottom up (an unpaired node contributes none). */
export function ladderProof(levels: readonly Uint8Array[][], index: number): Uint8Array[] {
  const proof: Uint8Array[] = [];
  let i = index;
  for (const level of levels.slice(0, -1)) {
    const sibling = i % 2 === 1 ? level[i - 1] : level[i + 1];
    if (sibling !== undefined) proof.push(sibling);
    i = Math.floor(i / 2);
  }
  return proof;
}

/** How many siblings the path of leaf `index` meets in a ladder of `count` leaves. */
export function ladderProofLen(index: number, count: number): number {
  checkLeafCount(count);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new QuoteFormatError(`ladder: leaf index ${index} out of 0..${count}`);
  let [i, n, len] = [index, count, 0];
  while (n > 1) {
    if (i % 2 === 1 || i + 1 < n) len++;
    i = Math.floor(i / 2);
    n = Math.ceil(n / 2);
  }
  return len;
}

/** The root that leaf `index` and `proof` lead to, or null when the proof has the wrong length. */
export function ladderRootFromProof(leaf: Uint8Array, index: number, count: number, proof: readonly Uint8Array[], h: Sha256 = ladderSha256): Uint8Array | null {
  if (proof.length !== ladderProofLen(index, count)) return null;
  let [i, n, node, k] = [index, count, leafHash(leaf, h), 0];
  while (n > 1) {
    if (i % 2 === 1) node = nodeHash(proof[k++]!, node, h);
    else if (i + 1 < n) node = nodeHash(node, proof[k++]!, h);
    i = Math.floor(i / 2);
    n = Math.ceil(n / 2);
  }
  return node;
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** True when leaf `index` with `proof` belongs to the ladder `root` commits to. */
export function verifyLadderLeaf(root: LadderRootFields, leaf: Uint8Array, index: number, proof: readonly Uint8Array[], h: Sha256 = ladderSha256): boolean {
  if (index < 0 || index >= root.leafCount) return false;
  const computed = ladderRootFromProof(leaf, index, root.leafCount, proof, h);
  return computed !== null && equalBytes(computed, root.root);
}

/** The v1-shaped quote a root and one of its leaves bind together (what the program checks). */
export function ladderQuoteFields(root: LadderRootFields, leaf: LadderLeafFields): QuoteFields {
  return {
    cluster: root.cluster,
    asset: root.asset,
    flags: root.flags,
    programId: root.programId,
    quoteId: leaf.quoteId,
    epoch: root.epoch,
    expiryTs: root.expiryTs,
    strike: leaf.strike,
    upPrice: leaf.upPrice,
    downPrice: leaf.downPrice,
    maxSize: leaf.maxSize,
    validUntilMs: root.validUntilMs,
    generatedAtMs: root.generatedAtMs,
    refPrice: leaf.refPrice,
    refTsMs: leaf.refTsMs,
  };
}

/**
 * The price the program charges at chain time `nowTs` (unix seconds) for a signed `price` with
 * decay `rate`: + rate × started seconds since generation, never above max(price, 0.99). Use the
 * time the transaction will land to show the taker what it will pay.
 */
export function decayedPrice(price: bigint, rate: bigint, generatedAtMs: bigint, nowTs: bigint): bigint {
  if (rate === 0n) return price;
  const ageMs = nowTs * 1000n - generatedAtMs;
  const age = ageMs <= 0n ? 0n : (ageMs + 999n) / 1000n;
  const cap = price > MAX_DECAYED_PRICE ? price : MAX_DECAYED_PRICE;
  const charged = price + rate * age;
  return charged < cap ? charged : cap;
}
