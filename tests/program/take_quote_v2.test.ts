/**
 * take_quote_v2 (quote format v2: one signature per round ladder), executed natively: the program
 * compiled for the host in a solana-program-test bank with the real Ed25519 precompile and SPL
 * Token, driven through JSON-RPC. The Ed25519 instruction verifies the ladder ROOT; the program
 * recomputes the root from the leaf and its proof, then applies every v1 rule to the leaf.
 * Adversarial cases are built raw (no client-side check) so they reach the program; each names
 * its program error at take_quote_v2's index and leaves every balance unchanged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fillAmounts } from '../../engine/src/client/fill.js';
import { buildEd25519Ix, buildTakeQuoteV2Tx, encodeLadderLeaf, execTradeEvents, ladderProof, PACKET_DATA_SIZE } from '../../engine/src/client/index.js';
import { createSigner } from '../../engine/src/signer/sign.js';
import { HOUSE_FUNDING, createEnv, expectOk, sendTx, stopEnvs, type Env } from '../helpers/exec-trade-env.js';
import { ACCOUNT_ALREADY_IN_USE, expectRejected, precompileError } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';
import { ladderQuote, signLadder, takeV2, takeV2Raw } from '../helpers/ladder-env.js';

/** [Ed25519(root), take_quote_v2] once the round is open. */
const TAKE_IX = 1;

afterEach(stopEnvs);

/** An env with the round of an expiry `minutesAhead` away open (decay tests move the clock minutes). */
async function openEnv(minutesAhead?: bigint): Promise<{ env: Env; expiryTs: bigint }> {
  const env = await createEnv();
  const expiryTs = await env.expiry(minutesAhead);
  expectOk(await env.openRound(1, expiryTs));
  return { env, expiryTs };
}

describe('take_quote_v2 (native bank)', () => {
  it('fills one leaf of a signed ladder: exact escrow, the leaf strike on the position, the round opened in the same transaction', async () => {
    const env = await createEnv();
    const { kp, ata } = await env.newTrader(1_000_000_000n);
    const ladder = await signLadder(env, { count: 13 });
    const leaf = ladder.leaves[12]!; // the last leaf of 13: promoted unpaired through two levels
    const { out, built } = await takeV2(env, kp, ladderQuote(ladder, 12), 'down', 100_000_000n, { openRound: true });
    expectOk(out);
    const { stake, houseCollateral } = fillAmounts(100_000_000n, leaf.downPrice);
    expect(built.price).toBe(leaf.downPrice);
    expect(await env.balance(ata)).toBe(1_000_000_000n - stake);
    expect(await env.houseVault()).toBe(HOUSE_FUNDING - houseCollateral);
    expect(await env.position(leaf.quoteId, kp.publicKey)).toMatchObject({ side: 'down', size: 100_000_000n, stake, houseCollateral, strike: leaf.strike });
    await expectConserved(env);
  });

  it('every leaf of one signature is fillable, by different traders, each at its own strike and price', async () => {
    const { env } = await openEnv();
    const ladder = await signLadder(env, { count: 7 });
    for (const i of [0, 3, 6]) {
      const t = await env.newTrader();
      expectOk((await takeV2(env, t.kp, ladderQuote(ladder, i), 'up', 10_000_000n)).out);
      expect(await env.position(ladder.leaves[i]!.quoteId, t.kp.publicKey)).toMatchObject({ strike: ladder.leaves[i]!.strike, stake: fillAmounts(10_000_000n, ladder.leaves[i]!.upPrice).stake });
    }
    await expectConserved(env);
  });

  it('fits one packet with margin: sizes with and without open_round and compute budget, the largest (32 leaves, 5-hash proof) landing', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const ladder = await signLadder(env, { count: 32 });
    const q = ladderQuote(ladder, 31);
    expect(q.proof).toHaveLength(5);
    const base = {
      program: env.program,
      quote: q,
      oracleAuthority: (await env.config()).oracleAuthority.toBase58(),
      trader: t.kp.publicKey,
      side: 'up' as const,
      size: 1_000_000n,
      collateralMint: env.mint,
      recentBlockhash: (await env.connection.getLatestBlockhash()).blockhash,
      nowMs: Number(await env.now()) * 1000,
    };
    const compute = { computeUnitLimit: 250_000, computeUnitPriceMicroLamports: 1_000 };
    const sizes: Record<string, number> = {};
    for (const openRound of [false, true]) {
      for (const withCompute of [false, true]) {
        const built = await buildTakeQuoteV2Tx({ ...base, openRound, ...(withCompute ? { compute } : {}) });
        sizes[`${openRound ? 'open_round' : 'no open_round'}, ${withCompute ? 'compute budget' : 'no compute budget'}`] = built.serializedSize;
      }
    }
    process.stderr.write(`[tx-size] take_quote_v2, 32 leaves, proof 5 (packet ${PACKET_DATA_SIZE} B): ${JSON.stringify(sizes)}\n`);
    expect(Math.max(...Object.values(sizes))).toBeLessThanOrEqual(PACKET_DATA_SIZE - 32);
    const largest = await buildTakeQuoteV2Tx({ ...base, openRound: true, compute });
    expectOk(await sendTx(env.connection, largest.transaction, [t.kp]));
  });
});

describe('take_quote_v2: decay by quote age on the chain clock (native bank)', () => {
  const RATE = 1_500n;

  async function decayCase(env: Env, expiryTs: bigint, ageSec: bigint, o: { generatedOffsetMs?: bigint; upPrice?: bigint; rate?: bigint } = {}): Promise<{ charged: bigint; quoted: bigint }> {
    const t = await env.now();
    const gen = t * 1000n + (o.generatedOffsetMs ?? 0n);
    const ladder = await signLadder(env, {
      count: 2,
      decay: o.rate ?? RATE,
      root: { expiryTs, generatedAtMs: gen, validUntilMs: gen + 600_000n },
      ...(o.upPrice === undefined ? {} : { leaf: () => ({ upPrice: o.upPrice!, downPrice: 1_000_000n - o.upPrice! + 10_000n }) }),
    });
    await env.setTime(t + ageSec);
    const trader = await env.newTrader();
    const before = await env.balance(trader.ata);
    const { out } = await takeV2(env, trader.kp, ladderQuote(ladder, 0), 'up', 100_000_000n, { maxPrice: 999_999n });
    expectOk(out);
    const stake = before - (await env.balance(trader.ata));
    const pos = (await env.position(ladder.leaves[0]!.quoteId, trader.kp.publicKey))!;
    expect(pos.stake).toBe(stake);
    // stake = ceil(size × price / 1e6) at size 1e8: price = stake / 100 exactly
    return { charged: stake / 100n, quoted: ladder.leaves[0]!.upPrice };
  }

  it('charges the signed price + rate × whole seconds of age, exactly, at ages 0 to 120 s', async () => {
    const { env, expiryTs } = await openEnv(20n);
    for (const age of [0n, 1n, 2n, 7n, 120n]) {
      const { charged, quoted } = await decayCase(env, expiryTs, age);
      expect(charged, `age ${age} s`).toBe(quoted + RATE * age);
    }
  });

  it('a started second counts whole, in the house favour: 0.6 s old is charged 1 s, 1.001 s old is charged 2 s', async () => {
    const { env, expiryTs } = await openEnv(20n);
    // generated at t + 0.4 s; the chain clock reads t + 1 (age 0.6 s → 1 s)
    expect((await decayCase(env, expiryTs, 1n, { generatedOffsetMs: 400n })).charged).toBe(523_417n + RATE);
    // generated at t − 0.001 s; the clock reads t + 1 (age 1.001 s → 2 s)
    const r = await decayCase(env, expiryTs, 1n, { generatedOffsetMs: -1n });
    expect(r.charged).toBe(r.quoted + 2n * RATE);
  });

  it('is capped at 0.99, and a price signed above 0.99 never moves', async () => {
    const { env, expiryTs } = await openEnv(20n);
    expect((await decayCase(env, expiryTs, 5n, { upPrice: 985_000n, rate: 2_000n })).charged).toBe(990_000n);
    expect((await decayCase(env, expiryTs, 30n, { upPrice: 995_000n, rate: 2_000n })).charged).toBe(995_000n);
  });

  it('cannot overflow: the largest rate over a long age is the cap, not an error', async () => {
    const { env, expiryTs } = await openEnv(20n);
    expect((await decayCase(env, expiryTs, 500n, { rate: 0xffff_ffffn })).charged).toBe(990_000n);
  });

  it('a quote dated in the future is charged its signed price (age 0), not less', async () => {
    const { env, expiryTs } = await openEnv(20n);
    expect((await decayCase(env, expiryTs, 0n, { generatedOffsetMs: 5_000n })).charged).toBe(523_417n);
  });

  it("the taker's max price: refused one micro-unit below the charge (PriceAboveMax), filled at exactly the charge", async () => {
    const { env } = await openEnv();
    const t = await env.now();
    const ladder = await signLadder(env, { count: 2, decay: RATE, root: { validUntilMs: t * 1000n + 60_000n } });
    await env.setTime(t + 4n);
    const charge = ladder.leaves[1]!.upPrice + 4n * RATE;
    const a = await env.newTrader();
    await expectRejected(env, () => takeV2Raw(env, a.kp, { ladder, index: 1, side: 0, size: 10_000_000n, maxPrice: charge - 1n }), 'PriceAboveMax', TAKE_IX);
    const filled = await takeV2Raw(env, a.kp, { ladder, index: 1, side: 0, size: 10_000_000n, maxPrice: charge });
    expectOk(filled);
    expect((await env.position(ladder.leaves[1]!.quoteId, a.kp.publicKey))!.stake).toBe(fillAmounts(10_000_000n, charge).stake);
    // the program's own record of the fill (emit_cpi, read from the transaction's inner instructions)
    const tx = await env.connection.getTransaction(filled.signature, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
    const events = execTradeEvents(env.program, tx);
    expect(events.map((e) => e.name)).toEqual(['quoteTakenEvent']);
    const taken = events[0]!.data;
    expect({ quoted: Number(taken['quotedPrice']), price: Number(taken['price']), stake: BigInt(String(taken['stake'])) }).toEqual({ quoted: Number(ladder.leaves[1]!.upPrice), price: Number(charge), stake: fillAmounts(10_000_000n, charge).stake });
  });

  it('the SDK shows the price at landing and refuses a max price the quote already exceeds (EXEC_ERR_PRICE_ABOVE_MAX) before anything is sent', async () => {
    const { env } = await openEnv();
    const t = await env.now();
    const ladder = await signLadder(env, { count: 2, decay: RATE, root: { validUntilMs: t * 1000n + 60_000n } });
    const trader = await env.newTrader();
    const q = ladderQuote(ladder, 0);
    const nowMs = Number(t + 3n) * 1000;
    await expect(takeV2(env, trader.kp, q, 'up', 1_000_000n, { nowMs, maxPrice: 523_417n })).rejects.toMatchObject({ code: 'EXEC_ERR_PRICE_ABOVE_MAX' });
    await env.setTime(t + 3n);
    const { out, built } = await takeV2(env, trader.kp, q, 'up', 1_000_000n, { nowMs });
    expectOk(out);
    expect(built.price).toBe(523_417n + 3n * RATE);
    expect(built.maxPrice).toBe(523_417n + 5n * RATE); // two seconds of landing allowance
    expect(built.worstCase.stake).toBe(fillAmounts(1_000_000n, built.maxPrice).stake);
  });
});

describe('take_quote_v2 refusals (native bank)', () => {
  it('a leaf with the proof of another ladder: ProofMismatch', async () => {
    const { env } = await openEnv();
    const [a, b] = [await signLadder(env), await signLadder(env)];
    const t = await env.newTrader();
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: a, index: 2, leaf: b.encoded[2], quoteId: b.leaves[2]!.quoteId, proof: ladderProof(b.levels, 2) }), 'ProofMismatch', TAKE_IX);
  });

  it('a leaf moved to another index: ProofMismatch (same proof length) or ProofLength', async () => {
    const { env } = await openEnv();
    const l = await signLadder(env, { count: 8 });
    const t = await env.newTrader();
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 4, leafOf: 3 }), 'ProofMismatch', TAKE_IX);
    const odd = await signLadder(env, { count: 5 }); // leaf 4 is promoted: its proof has 1 hash, leaf 3's has 3
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: odd, index: 4, leafOf: 3 }), 'ProofLength', TAKE_IX);
  });

  it('a truncated or extended proof: ProofLength', async () => {
    const { env } = await openEnv();
    const l = await signLadder(env, { count: 8 });
    const t = await env.newTrader();
    const proof = ladderProof(l.levels, 5);
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 5, proof: proof.slice(0, -1) }), 'ProofLength', TAKE_IX);
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 5, proof: [...proof, proof[0]!] }), 'ProofLength', TAKE_IX);
  });

  it('a node passed as a leaf (the bytes under an inner node, with the proof from that node up): ProofLength, or ProofMismatch with a full-length proof', async () => {
    const { env } = await openEnv();
    const l = await signLadder(env, { count: 8 });
    const t = await env.newTrader();
    const inner = new Uint8Array([...l.levels[0]![0]!, ...l.levels[0]![1]!]).subarray(0, 60); // what node 0 of level 1 hashes (minus its prefix)
    const fromNode = ladderProof(l.levels, 0).slice(1);
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 0, leaf: inner, quoteId: inner.subarray(0, 16), proof: fromNode }), 'ProofLength', TAKE_IX);
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 0, leaf: inner, quoteId: inner.subarray(0, 16), proof: [l.levels[0]![1]!, ...fromNode] }), 'ProofMismatch', TAKE_IX);
  });

  it('a root signed by another key: Ed25519WrongSigner (the signature itself is valid)', async () => {
    const { env } = await openEnv();
    const rogue = createSigner(new Uint8Array(32).fill(7));
    const l = await signLadder(env, { signer: rogue });
    const t = await env.newTrader();
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 1 }), 'Ed25519WrongSigner', TAKE_IX);
  });

  it('a forged root signature fails in the precompile (Custom(2) at its index)', async () => {
    const { env } = await openEnv();
    const l = await signLadder(env);
    const t = await env.newTrader();
    const forged = Uint8Array.from(l.signature);
    forged[0] = forged[0]! ^ 1;
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 1, ed25519: buildEd25519Ix(l.signer, l.root, forged) }), precompileError('InvalidSignature'), 0);
  });

  it('a leaf whose bytes were changed after signing (a better price): ProofMismatch', async () => {
    const { env } = await openEnv();
    const l = await signLadder(env);
    const t = await env.newTrader();
    const cheaper = encodeLadderLeaf({ ...l.leaves[2]!, upPrice: 1_000n });
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 2, leaf: cheaper }), 'ProofMismatch', TAKE_IX);
  });

  it('a leaf index outside the ladder: LeafIndexOutOfRange', async () => {
    const { env } = await openEnv();
    const l = await signLadder(env, { count: 4 });
    const t = await env.newTrader();
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 4, leafOf: 3 }), 'LeafIndexOutOfRange', TAKE_IX);
  });

  it('one leaf replayed past its size: QuoteOverfilled for a new trader, AccountAlreadyInUse for the same one; a second ladder reusing the quote id cannot raise it', async () => {
    const { env, expiryTs } = await openEnv();
    const l = await signLadder(env, { leaf: () => ({ maxSize: 150_000_000n }) });
    const [a, b, c] = [await env.newTrader(), await env.newTrader(), await env.newTrader()];
    expectOk(await takeV2Raw(env, a.kp, { ladder: l, index: 3, size: 100_000_000n }));
    expectOk(await takeV2Raw(env, b.kp, { ladder: l, index: 3, side: 1, size: 50_000_000n }));
    await expectRejected(env, () => takeV2Raw(env, c.kp, { ladder: l, index: 3, size: 1_000_000n }), 'QuoteOverfilled', TAKE_IX);
    await expectRejected(env, () => takeV2Raw(env, a.kp, { ladder: l, index: 3, size: 1_000_000n }), ACCOUNT_ALREADY_IN_USE, TAKE_IX);
    const again = await signLadder(env, { leaf: (i) => (i === 3 ? { quoteId: l.leaves[3]!.quoteId, maxSize: 900_000_000n } : {}) });
    await expectRejected(env, () => takeV2Raw(env, c.kp, { ladder: again, index: 3, size: 1_000_000n }), 'QuoteOverfilled', TAKE_IX);
    expect((await env.round(1, expiryTs))!.totalSize).toBe(150_000_000n);
  });

  it('the quote id argument must be the leaf’s: QuoteIdMismatch', async () => {
    const { env } = await openEnv();
    const l = await signLadder(env);
    const t = await env.newTrader();
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 2, quoteId: l.leaves[3]!.quoteId }), 'QuoteIdMismatch', TAKE_IX);
  });

  it('an expired ladder: fillable at valid_until, QuoteExpired one second later', async () => {
    const { env } = await openEnv();
    const t0 = await env.now();
    const l = await signLadder(env);
    const [a, b] = [await env.newTrader(), await env.newTrader()];
    await env.setTime(t0 + 3n);
    expectOk(await takeV2Raw(env, a.kp, { ladder: l, index: 0 }));
    await env.advance(1n);
    await expectRejected(env, () => takeV2Raw(env, b.kp, { ladder: l, index: 1 }), 'QuoteExpired', TAKE_IX);
  });

  it('formats do not cross: a v1 quote message under take_quote_v2, and a v2 root under take_quote, are refused', async () => {
    const { env, expiryTs } = await openEnv();
    const l = await signLadder(env);
    const t = await env.newTrader();
    const v1 = await env.quote({ expiryTs });
    await expectRejected(env, () => takeV2Raw(env, t.kp, { ladder: l, index: 0, ed25519: buildEd25519Ix(Buffer.from(env.oracle.publicKey), Buffer.from(v1.message, 'base64'), Buffer.from(env.oracle.sign(Buffer.from(v1.message, 'base64')))) }), 'Ed25519MessageSize', TAKE_IX);
    await expectRejected(env, () => env.takeRaw(t.kp, v1, 0, 1_000_000n, { ed25519: buildEd25519Ix(l.signer, l.root, l.signature) }), 'Ed25519MessageSize', TAKE_IX);
  });
});
