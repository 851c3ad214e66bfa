/**
 * The Merkle tree of a quote format v2 ladder (client/ladder.ts has the byte layouts and the
 * one-leaf proof), built fast and checked for any subset of its leaves.
 *
 * - `ladderHasher()`: leaf and node hashes on the fastest sha256 the platform has: node:crypto's
 *   one-shot `hash` (reached through `process.getBuiltinModule`, so a browser bundle never pulls a
 *   Node module in; ~1 µs a hash) or @noble/hashes (pure JavaScript, ~4 µs). Byte-identical.
 * - A **multiproof** for a set of leaves: the node hashes that, with those leaves, rebuild the
 *   root. Proof of one leaf = multiproof of {leaf}; every leaf of the ladder needs none. A stream
 *   view that carries only some strikes of a ladder sends their multiproof, so the client still
 *   rebuilds the root itself, once per ladder.
 *
 * Multiproof order (docs/stream-format.md): level by level from the leaves up, left to right; at each
 * level, for each known node (ascending), its sibling when the sibling exists and is not known.
 * An unpaired last node moves up unchanged, as in the tree itself.
 */
import { LADDER_LEAF_LEN, MAX_LADDER_LEAVES, ladderSha256 } from './ladder.js';
import { QuoteFormatError } from './errors.js';

export interface LadderHasher {
  /** 'node:crypto' or 'noble'. */
  readonly backend: string;
  /** sha256(0x00 ‖ leaf), leaf 60 bytes. */
  leaf(leaf: Uint8Array): Uint8Array;
  /** sha256(0x01 ‖ left ‖ right). */
  node(left: Uint8Array, right: Uint8Array): Uint8Array;
}

type HashFn = (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Uint8Array;

function nodeHashFn(): HashFn | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = typeof proc?.getBuiltinModule === 'function' ? (proc.getBuiltinModule('node:crypto') as { hash?: unknown } | undefined) : undefined;
  return typeof mod?.hash === 'function' ? (mod.hash as HashFn) : null;
}

function nodeCryptoHasher(hash: HashFn): LadderHasher {
  // one scratch buffer: the input is copied in, hashed, and the digest is a fresh Buffer
  const scratch = new Uint8Array(1 + 64);
  const leafInput = scratch.subarray(0, 1 + LADDER_LEAF_LEN);
  return {
    backend: 'node:crypto',
    leaf(leaf) {
      if (leaf.length !== LADDER_LEAF_LEN) throw new QuoteFormatError(`ladder leaf: expected ${LADDER_LEAF_LEN} bytes, got ${leaf.length}`);
      scratch[0] = 0x00;
      scratch.set(leaf, 1);
      return hash('sha256', leafInput, 'buffer');
    },
    node(left, right) {
      scratch[0] = 0x01;
      scratch.set(left, 1);
      scratch.set(right, 33);
      return hash('sha256', scratch, 'buffer');
    },
  };
}

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export const nobleLadderHasher: LadderHasher = {
  backend: 'noble',
  leaf: (leaf) => ladderSha256(LEAF_PREFIX, leaf),
  node: (left, right) => ladderSha256(NODE_PREFIX, left, right),
};

let shared: LadderHasher | null = null;

/** The fastest hasher on this platform, created once per process. */
export function ladderHasher(): LadderHasher {
  if (shared === null) {
    const hash = nodeHashFn();
    shared = hash === null ? nobleLadderHasher : nodeCryptoHasher(hash);
  }
  return shared;
}

/** Every level of the tree from already hashed leaves, leaf hashes first, the root alone last. */
export function ladderLevelsFromHashes(leafHashes: readonly Uint8Array[], h: LadderHasher = ladderHasher()): Uint8Array[][] {
  if (leafHashes.length < 1 || leafHashes.length > MAX_LADDER_LEAVES) {
    throw new QuoteFormatError(`ladder: leaf count must be 1..=${MAX_LADDER_LEAVES}, got ${leafHashes.length}`);
  }
  const levels: Uint8Array[][] = [leafHashes.slice()];
  let below = levels[0] as Uint8Array[];
  while (below.length > 1) {
    const up: Uint8Array[] = [];
    for (let i = 0; i < below.length; i += 2) up.push(i + 1 < below.length ? h.node(below[i] as Uint8Array, below[i + 1] as Uint8Array) : (below[i] as Uint8Array));
    levels.push(up);
    below = up;
  }
  return levels;
}

/** Every level of the tree over encoded leaves, on the fast hasher. */
export function ladderTree(leaves: readonly Uint8Array[], h: LadderHasher = ladderHasher()): Uint8Array[][] {
  return ladderLevelsFromHashes(leaves.map((l) => h.leaf(l)), h);
}

function checkIndices(indices: readonly number[], count: number): void {
  let last = -1;
  for (const i of indices) {
    if (!Number.isInteger(i) || i <= last || i >= count) throw new QuoteFormatError(`ladder: leaf indices must be ascending within 0..${count}, got ${indices.join(',')}`);
    last = i;
  }
}

/** The multiproof of the leaves at `indices` (ascending): the node hashes the root needs besides them. */
export function ladderMultiproof(levels: readonly Uint8Array[][], indices: readonly number[]): Uint8Array[] {
  const count = levels[0]?.length ?? 0;
  checkIndices(indices, count);
  const nodes: Uint8Array[] = [];
  let known = indices.slice();
  for (let l = 0; l < levels.length - 1; l++) {
    const level = levels[l] as Uint8Array[];
    const up: number[] = [];
    for (let k = 0; k < known.length; k++) {
      const p = known[k] as number;
      if (p % 2 === 0) {
        if (known[k + 1] === p + 1) k++;
        else if (p + 1 < level.length) nodes.push(level[p + 1] as Uint8Array);
      } else {
        nodes.push(level[p - 1] as Uint8Array);
      }
      up.push(p >> 1);
    }
    known = up;
  }
  return nodes;
}

/**
 * The root that these leaves (ascending `index`, encoded `leaf` or its `hash`) and their multiproof
 * `nodes` lead to in a ladder of `count` leaves; null when the multiproof has too few or too many nodes.
 */
export function ladderRootFromLeaves(
  count: number,
  leaves: ReadonlyArray<{ readonly index: number; readonly hash: Uint8Array }>,
  nodes: readonly Uint8Array[],
  h: LadderHasher = ladderHasher(),
): Uint8Array | null {
  if (!Number.isInteger(count) || count < 1 || count > MAX_LADDER_LEAVES) throw new QuoteFormatError(`ladder: leaf count must be 1..=${MAX_LADDER_LEAVES}, got ${count}`);
  if (leaves.length === 0) return null;
  checkIndices(leaves.map((l) => l.index), count);
  let pos = leaves.map((l) => l.index);
  let hashes = leaves.map((l) => l.hash);
  let n = count;
  let k = 0;
  while (n > 1) {
    const upPos: number[] = [];
    const upHash: Uint8Array[] = [];
    for (let i = 0; i < pos.length; i++) {
      const p = pos[i] as number;
      const mine = hashes[i] as Uint8Array;
      let parent: Uint8Array;
      if (p % 2 === 0) {
        if (pos[i + 1] === p + 1) parent = h.node(mine, hashes[++i] as Uint8Array);
        else if (p + 1 < n) {
          if (k >= nodes.length) return null;
          parent = h.node(mine, nodes[k++] as Uint8Array);
        } else parent = mine;
      } else {
        if (k >= nodes.length) return null;
        parent = h.node(nodes[k++] as Uint8Array, mine);
      }
      upPos.push(p >> 1);
      upHash.push(parent);
    }
    pos = upPos;
    hashes = upHash;
    n = Math.ceil(n / 2);
  }
  return k === nodes.length ? (hashes[0] as Uint8Array) : null;
}
