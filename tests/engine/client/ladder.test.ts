/**
 * Quote format v2 in the SDK (client/ladder.ts): the committed golden ladders are what the encoder
 * produces, every leaf verifies against its signed root with its proof and nothing else does, and
 * the decay vectors are the program's charges (the Rust crate checks the same file).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderGoldenLadders } from '../../../scripts/golden-ladder.js';
import {
  LADDER_LEAF_LEN,
  MAX_DECAYED_PRICE,
  MAX_LADDER_LEAVES,
  decayedPrice,
  decodeLadderLeaf,
  decodeLadderRoot,
  encodeLadderLeaf,
  encodeLadderRoot,
  ladderLevels,
  ladderProof,
  ladderProofLen,
  ladderQuoteFields,
  ladderRootFromProof,
  leafHash,
  nodeHash,
  verifyLadderLeaf,
} from '../../../engine/src/client/ladder.js';
import { buildEd25519Ix } from '../../../engine/src/client/ed25519.js';
import { verifySignature } from '../../../engine/src/signer/sign.js';

const fixturePath = new URL('../../fixtures/golden/ladder.txt', import.meta.url);
const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const hexList = (v: string): Uint8Array[] => (v === '' ? [] : v.split(',').map(fromHex));

interface Section {
  readonly kind: string;
  readonly name: string;
  readonly values: Map<string, string>;
}

function sections(): Section[] {
  const out: Section[] = [];
  for (const line of readFileSync(fixturePath, 'utf8').split('\n')) {
    const header = /^\[(\w+) (\w+)\]$/.exec(line);
    if (header) out.push({ kind: header[1]!, name: header[2]!, values: new Map() });
    else if (/^\w+ = /.test(line)) {
      const [k, v] = line.split(' = ') as [string, string];
      out[out.length - 1]!.values.set(k, v ?? '');
    }
  }
  return out;
}

const get = (s: Section, k: string): string => {
  const v = s.values.get(k);
  if (v === undefined) throw new Error(`${s.name}: no ${k}`);
  return v;
};

describe('quote format v2 (ladder) in the SDK', () => {
  const ladders = sections().filter((s) => s.kind === 'ladder');

  it('the committed golden ladders are exactly what the encoder produces', () => {
    expect(readFileSync(fixturePath, 'utf8')).toBe(renderGoldenLadders());
    expect(ladders.map((l) => l.name)).toEqual(['eleven_strikes', 'single_leaf', 'five_simulated', 'power_of_two']);
  });

  it('every golden leaf verifies against its signed root with its proof; roots and leaves round-trip', () => {
    for (const s of ladders) {
      const message = fromHex(get(s, 'root_message'));
      const root = decodeLadderRoot(message);
      expect(encodeLadderRoot(root)).toEqual(message);
      expect(Buffer.from(root.root).toString('hex')).toBe(get(s, 'root'));
      expect(verifySignature(message, fromHex(get(s, 'signature')), fromHex(get(s, 'signer')))).toBe(true);
      expect(buildEd25519Ix(fromHex(get(s, 'signer')), message, fromHex(get(s, 'signature'))).data).toEqual(Buffer.from(get(s, 'ed25519_ix_data'), 'hex'));
      const leaves = Array.from({ length: root.leafCount }, (_, i) => fromHex(get(s, `leaf_${i}`)));
      const levels = ladderLevels(leaves);
      levels.forEach((level, d) => expect(level.map((x) => Buffer.from(x).toString('hex')).join(',')).toBe(get(s, `level_${d}`)));
      leaves.forEach((leaf, i) => {
        expect(encodeLadderLeaf(decodeLadderLeaf(leaf))).toEqual(leaf);
        const proof = hexList(get(s, `proof_${i}`));
        expect(proof).toEqual(ladderProof(levels, i));
        expect(proof.length).toBe(ladderProofLen(i, root.leafCount));
        expect(verifyLadderLeaf(root, leaf, i, proof)).toBe(true);
        const q = ladderQuoteFields(root, decodeLadderLeaf(leaf));
        expect(q).toMatchObject({ expiryTs: root.expiryTs, epoch: root.epoch, validUntilMs: root.validUntilMs, flags: root.flags });
      });
    }
  });

  it('refuses a proof for another ladder, a leaf at another index, a truncated or extended proof, and a node as a leaf', () => {
    const [eleven, , five] = ladders as [Section, Section, Section];
    const root = decodeLadderRoot(fromHex(get(eleven, 'root_message')));
    const leaf3 = fromHex(get(eleven, 'leaf_3'));
    const proof3 = hexList(get(eleven, 'proof_3'));
    // another ladder's proof for the same index
    expect(verifyLadderLeaf(root, leaf3, 3, hexList(get(five, 'proof_3')))).toBe(false);
    // the leaf moved to another index (same length path and a longer one)
    expect(verifyLadderLeaf(root, leaf3, 2, proof3)).toBe(false);
    expect(verifyLadderLeaf(root, leaf3, 10, proof3)).toBe(false);
    // truncated and extended proofs
    expect(ladderRootFromProof(leaf3, 3, root.leafCount, proof3.slice(0, -1))).toBeNull();
    expect(ladderRootFromProof(leaf3, 3, root.leafCount, [...proof3, proof3[0]!])).toBeNull();
    // a node (the parent of leaves 2 and 3) passed as if it were a leaf one level up: its hash as a
    // leaf is sha256(0x00 ‖ node), never the node itself, so the climb from there misses the root
    const levels = ladderLevels(Array.from({ length: 11 }, (_, i) => fromHex(get(eleven, `leaf_${i}`))));
    const node = levels[1]![1]!;
    expect(node).toEqual(nodeHash(levels[0]![2]!, levels[0]![3]!));
    expect(leafHash(node)).not.toEqual(node);
    expect(() => decodeLadderLeaf(node)).toThrow(/expected 60 bytes/);
    const forged = new Uint8Array(LADDER_LEAF_LEN);
    forged.set(node);
    expect(verifyLadderLeaf(root, forged, 1, proof3.slice(1))).toBe(false);
    // an index past the ladder
    expect(verifyLadderLeaf(root, leaf3, 11, proof3)).toBe(false);
  });

  it('for every ladder size 1..=32 and every index the proof has exactly the siblings its path meets', () => {
    for (let n = 1; n <= MAX_LADDER_LEAVES; n++) {
      const leaves = Array.from({ length: n }, (_, i) => Uint8Array.from({ length: LADDER_LEAF_LEN }, (_, k) => (i * 31 + k) & 0xff));
      const levels = ladderLevels(leaves);
      const root = levels[levels.length - 1]![0]!;
      for (let i = 0; i < n; i++) {
        const proof = ladderProof(levels, i);
        expect(proof.length).toBe(ladderProofLen(i, n));
        expect(ladderRootFromProof(leaves[i]!, i, n, proof)).toEqual(root);
      }
    }
    expect(() => ladderLevels([])).toThrow(/leaf count/);
  });

  it('decay vectors: the charged price is what the program computes', () => {
    const cases = sections().filter((s) => s.kind === 'decay');
    expect(cases.length).toBeGreaterThan(5);
    for (const s of cases) {
      const price = BigInt(get(s, 'price'));
      const charged = decayedPrice(price, BigInt(get(s, 'rate')), BigInt(get(s, 'generated_at_ms')), BigInt(get(s, 'now_ts')));
      expect(charged).toBe(BigInt(get(s, 'charged')));
      expect(charged >= price).toBe(true);
      expect(charged <= (price > MAX_DECAYED_PRICE ? price : MAX_DECAYED_PRICE)).toBe(true);
    }
  });
});
