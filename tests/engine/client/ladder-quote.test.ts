/**
 * One v2 quote in the SDK (client/ladder-quote.ts): a leaf of a really signed ladder verifies with
 * its proof under the oracle key, and each way it can be wrong gets its own typed error before a
 * transaction is built; `landingPrice` is the program's decayed charge.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import {
  encodeLadderLeaf,
  encodeLadderRoot,
  ladderLevels,
  ladderProof,
  type LadderLeafFields,
  type LadderRootFields,
} from '../../../engine/src/client/ladder.js';
import { landingPrice, verifyLadderQuote, type LadderQuote } from '../../../engine/src/client/ladder-quote.js';
import { createSigner } from '../../../engine/src/signer/sign.js';

const oracle = createSigner(new Uint8Array(32).fill(3));
const other = createSigner(new Uint8Array(32).fill(4));
const GEN = 1_800_000_000_000n;

function ladder(count: number, signer = oracle): { quotes: LadderQuote[]; leaves: LadderLeafFields[] } {
  const leaves: LadderLeafFields[] = Array.from({ length: count }, (_, i) => ({
    quoteId: Uint8Array.from(randomBytes(16)),
    strike: 97_000_000_000n + BigInt(i) * 100_000_000n,
    upPrice: 600_000n - BigInt(i) * 20_000n,
    downPrice: 410_000n + BigInt(i) * 20_000n,
    maxSize: 100_000_000n,
    refPrice: 97_312_000_000n,
    refTsMs: GEN - 4n,
    decayMicrosPerSec: 250n,
  }));
  const encoded = leaves.map(encodeLadderLeaf);
  const levels = ladderLevels(encoded);
  const fields: LadderRootFields = {
    cluster: 0,
    asset: 1,
    flags: 0,
    programId: new Uint8Array(32).fill(9),
    epoch: 1n,
    expiryTs: 1_800_000_060n,
    leafCount: count,
    generatedAtMs: GEN,
    validUntilMs: GEN + 3_000n,
    root: levels.at(-1)![0]!,
  };
  const root = encodeLadderRoot(fields);
  const signature = signer.sign(root);
  return { leaves, quotes: encoded.map((leaf, index) => ({ root, signature, signer: signer.publicKey, index, leaf, proof: ladderProof(levels, index) })) };
}

const expected = bs58.encode(oracle.publicKey);

describe('verifyLadderQuote', () => {
  it('verifies every leaf of a signed ladder and returns the fields the program binds', async () => {
    const { quotes, leaves } = ladder(11);
    for (const q of quotes) {
      const v = await verifyLadderQuote(q, { expectedSigner: expected, nowMs: Number(GEN) + 3_000 });
      expect(v.quote).toMatchObject({ quoteId: leaves[q.index]!.quoteId, strike: leaves[q.index]!.strike, expiryTs: 1_800_000_060n, validUntilMs: GEN + 3_000n });
    }
  });

  it('each fault has its typed error', async () => {
    const { quotes } = ladder(8);
    const q = quotes[5]!;
    const opts = { expectedSigner: expected };
    await expect(verifyLadderQuote(q, { expectedSigner: bs58.encode(other.publicKey) })).rejects.toMatchObject({ code: 'EXEC_ERR_QUOTE_SIGNER_MISMATCH' });
    const badSig = Uint8Array.from(q.signature);
    badSig[10] = badSig[10]! ^ 1;
    await expect(verifyLadderQuote({ ...q, signature: badSig }, opts)).rejects.toMatchObject({ code: 'EXEC_ERR_QUOTE_BAD_SIGNATURE' });
    await expect(verifyLadderQuote({ ...q, index: 4 }, opts)).rejects.toMatchObject({ code: 'EXEC_ERR_QUOTE_PROOF' });
    await expect(verifyLadderQuote({ ...q, index: 8 }, opts)).rejects.toMatchObject({ code: 'EXEC_ERR_QUOTE_PROOF' });
    await expect(verifyLadderQuote({ ...q, proof: q.proof.slice(1) }, opts)).rejects.toMatchObject({ code: 'EXEC_ERR_QUOTE_PROOF' });
    await expect(verifyLadderQuote({ ...q, leaf: quotes[4]!.leaf }, opts)).rejects.toMatchObject({ code: 'EXEC_ERR_QUOTE_PROOF' });
    await expect(verifyLadderQuote({ ...q, leaf: q.leaf.subarray(1) }, opts)).rejects.toMatchObject({ code: 'EXEC_ERR_QUOTE_FORMAT' });
    await expect(verifyLadderQuote(q, { ...opts, nowMs: Number(GEN) + 3_001 })).rejects.toMatchObject({ code: 'EXEC_ERR_QUOTE_EXPIRED' });
    // signed by another key under its own name: the signature is real, the key is not the oracle
    const rogue = ladder(8, other).quotes[5]!;
    await expect(verifyLadderQuote(rogue, opts)).rejects.toMatchObject({ code: 'EXEC_ERR_QUOTE_SIGNER_MISMATCH' });
  });

  it('landingPrice is the program charge: + rate per started second, capped at 0.99', async () => {
    const { quotes } = ladder(3);
    const v = await verifyLadderQuote(quotes[0]!);
    const t = GEN / 1000n;
    expect(landingPrice(v, 'up', t)).toBe(600_000n);
    expect(landingPrice(v, 'up', t + 1n)).toBe(600_250n);
    expect(landingPrice(v, 'down', t + 4n)).toBe(411_000n);
    expect(landingPrice(v, 'up', t + 100_000n)).toBe(990_000n);
  });
});
