/**
 * client/ladder-tree.ts: the fast hasher is byte-identical to the reference (client/ladder.ts over
 * @noble/hashes), and a multiproof of any set of leaves rebuilds the root exactly when nothing was
 * altered, moved, dropped or added (property-tested over every ladder size 1..32).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ladderLevels, ladderProof, leafHash, nodeHash } from '../../../engine/src/client/ladder.js';
import { ladderHasher, ladderMultiproof, ladderRootFromLeaves, ladderTree, nobleLadderHasher } from '../../../engine/src/client/ladder-tree.js';

const leafBytes = (n: number, salt = 0): Uint8Array[] => Array.from({ length: n }, (_, i) => Uint8Array.from({ length: 60 }, (_, k) => (i * 31 + k * 7 + salt) & 0xff));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Ascending distinct indices of a ladder of `n` leaves, at least one. */
const subset = (n: number) => fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }).map((a) => a.sort((x, y) => x - y));
const ladderAndSubset = fc.integer({ min: 1, max: 32 }).chain((n) => fc.tuple(fc.constant(n), subset(n)));

describe('ladder tree', () => {
  it('the node:crypto hasher and the reference agree on leaves, nodes and whole trees', () => {
    const h = ladderHasher();
    expect(h.backend).toBe('node:crypto');
    const [a, b] = leafBytes(2) as [Uint8Array, Uint8Array];
    expect(hex(h.leaf(a))).toBe(hex(leafHash(a)));
    expect(hex(nobleLadderHasher.leaf(a))).toBe(hex(leafHash(a)));
    expect(hex(h.node(leafHash(a), leafHash(b)))).toBe(hex(nodeHash(leafHash(a), leafHash(b))));
    for (const n of [1, 2, 3, 7, 8, 11, 31, 32]) {
      const leaves = leafBytes(n);
      expect(ladderTree(leaves).map((l) => l.map(hex))).toEqual(ladderLevels(leaves).map((l) => l.map(hex)));
    }
  });

  it('the multiproof of one leaf is its proof', () => {
    for (const n of [1, 5, 11, 32]) {
      const levels = ladderTree(leafBytes(n));
      for (let i = 0; i < n; i++) expect(ladderMultiproof(levels, [i]).map(hex)).toEqual(ladderProof(levels, i).map(hex));
    }
  });

  it('every leaf of a ladder needs no node; a contiguous view needs at most two per level', () => {
    const levels = ladderTree(leafBytes(11));
    expect(ladderMultiproof(levels, Array.from({ length: 11 }, (_, i) => i))).toEqual([]);
    const view = ladderMultiproof(levels, [3, 4, 5, 6, 7]);
    expect(view.length).toBeLessThanOrEqual(2 * (levels.length - 1));
    const root = ladderRootFromLeaves(11, [3, 4, 5, 6, 7].map((i) => ({ index: i, hash: levels[0]![i]! })), view);
    expect(hex(root!)).toBe(hex(levels[levels.length - 1]![0]!));
  });

  it('any subset with its multiproof rebuilds the root', () => {
    fc.assert(
      fc.property(ladderAndSubset, ([n, picked]) => {
        const levels = ladderTree(leafBytes(n));
        const nodes = ladderMultiproof(levels, picked);
        const root = ladderRootFromLeaves(n, picked.map((i) => ({ index: i, hash: levels[0]![i]! })), nodes);
        return root !== null && hex(root) === hex(levels[levels.length - 1]![0]!);
      }),
      { numRuns: 300 },
    );
  });

  it('an altered leaf, a moved leaf, a missing or extra node never rebuild the root', () => {
    fc.assert(
      fc.property(ladderAndSubset, fc.nat(), ([n, picked], pick) => {
        const levels = ladderTree(leafBytes(n));
        const root = hex(levels[levels.length - 1]![0]!);
        const nodes = ladderMultiproof(levels, picked);
        const leaves = picked.map((i) => ({ index: i, hash: levels[0]![i]! }));
        const k = pick % leaves.length;
        const rebuilt = (ls: typeof leaves, ns: Uint8Array[]): string | null => {
          const r = ladderRootFromLeaves(n, ls, ns);
          return r === null ? null : hex(r);
        };
        // altered: another leaf's bytes at this index
        const altered = leaves.map((l, i) => (i === k ? { ...l, hash: ladderHasher().leaf(leafBytes(1, 99)[0]!) } : l));
        if (rebuilt(altered, nodes) === root) return false;
        // extra node, missing node
        if (rebuilt(leaves, [...nodes, levels[0]![0]!]) === root) return false;
        if (nodes.length > 0 && rebuilt(leaves, nodes.slice(1)) === root) return false;
        // moved: one leaf at a free index (when there is one)
        const free = Array.from({ length: n }, (_, i) => i).find((i) => !picked.includes(i));
        if (free !== undefined && picked.length === 1) {
          if (rebuilt([{ index: free, hash: leaves[0]!.hash }], ladderMultiproof(levels, [free])) === root) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('refuses indices that are not ascending or lie outside the ladder', () => {
    const levels = ladderTree(leafBytes(4));
    expect(() => ladderMultiproof(levels, [2, 1])).toThrow(/ascending/);
    expect(() => ladderMultiproof(levels, [4])).toThrow(/ascending within 0..4/);
    expect(() => ladderRootFromLeaves(4, [{ index: 1, hash: levels[0]![1]! }, { index: 1, hash: levels[0]![1]! }], [])).toThrow(/ascending/);
    expect(() => ladderRootFromLeaves(33, [{ index: 0, hash: levels[0]![0]! }], [])).toThrow(/1..=32/);
    expect(ladderRootFromLeaves(4, [], [])).toBeNull();
  });
});
