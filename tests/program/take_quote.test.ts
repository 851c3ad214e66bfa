/**
 * take_quote, executed natively: the program compiled for the host in a solana-program-test bank
 * (real Ed25519 precompile, real SPL Token), driven through JSON-RPC by the client SDK. Each test
 * builds its own chain; the chain clock moves only when the test moves it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VersionedTransaction } from '@solana/web3.js';
import { fillAmounts } from '../../engine/src/client/fill.js';
import { PACKET_DATA_SIZE, buildTakeQuoteTx } from '../../engine/src/client/index.js';
import { CLOSE_OFFSET_SEC, HOUSE_FUNDING, createEnv, expectOk, quoteIdOf, sendTx, stopEnvs } from '../helpers/exec-trade-env.js';
import { expectRejected, precompileError } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';

/** [open_round, Ed25519, take_quote]: take_quote is instruction 2. */
const OPEN_TAKE_IX = 2;

afterEach(stopEnvs);

describe('take_quote (native bank)', () => {
  it('escrows stake and house collateral and records the position (opening the round in the same transaction)', async () => {
    // Given a funded house and a trader with 1,000 collateral
    const env = await createEnv();
    const { kp, ata } = await env.newTrader(1_000_000_000n);
    const q = await env.quote();
    const { stake, houseCollateral } = fillAmounts(100_000_000n, 523_417n);

    // When the trader takes 100 UP
    const out = await env.take(kp, q, 'up', 100_000_000n, { openRound: true });

    // Then the money moved exactly and the records say so
    expectOk(out);
    expect(await env.balance(ata)).toBe(1_000_000_000n - stake);
    expect(await env.roundVault(1, BigInt(q.expiryTs))).toBe(100_000_000n);
    expect(await env.houseVault()).toBe(HOUSE_FUNDING - houseCollateral);
    const pos = (await env.position(quoteIdOf(q), kp.publicKey))!;
    expect(pos).toMatchObject({ side: 'up', size: 100_000_000n, stake, houseCollateral, strike: 97_300_000_000n });
    expect(pos.payer.equals(kp.publicKey)).toBe(true);
    const round = (await env.round(1, BigInt(q.expiryTs)))!;
    expect(round).toMatchObject({ status: 'open', totalSize: 100_000_000n, openPositions: 1, tradingCloseTs: BigInt(q.expiryTs) - CLOSE_OFFSET_SEC });
    expect(round.worstCaseNetPayout).toBe(houseCollateral);
    expect((await env.config()).houseLiability).toBe(houseCollateral);
    await expectConserved(env);
  });

  it('a forged signature fails in the Ed25519 precompile itself (Custom(2) at its index); the open_round before it is rolled back too', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const q = await env.quote();
    const forge = (tx: VersionedTransaction): void => {
      const ed = tx.message.compiledInstructions[1]!;
      ed.data[48] = ed.data[48]! ^ 0x01; // first signature byte
    };
    await expectRejected(env, () => env.take(t.kp, q, 'up', 1_000_000n, { openRound: true, tamper: forge }), precompileError('InvalidSignature'), 1);
    expect(await env.round(1, BigInt(q.expiryTs))).toBeNull();
  });

  it('refuses every fill while paused, and fills again after unpausing', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    expectOk(await env.updateConfig({ paused: true }));
    await expectRejected(env, async () => env.take(t.kp, await env.quote(), 'up', 1_000_000n, { openRound: true }), 'Paused', OPEN_TAKE_IX);
    expectOk(await env.updateConfig({ paused: false }));
    expectOk(await env.take(t.kp, await env.quote(), 'up', 1_000_000n, { openRound: true }));
    await expectConserved(env);
  });

  it('rejects untradeable fills: no house collateral, zero size, an unknown side', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    await expectRejected(env, async () => env.takeRaw(t.kp, await env.quote({ upPrice: 10_000n, downPrice: 990_000n }), 0, 1n, { openRound: true }), 'NoHouseCollateral', OPEN_TAKE_IX);
    await expectRejected(env, async () => env.takeRaw(t.kp, await env.quote(), 0, 0n, { openRound: true }), 'ZeroSize', OPEN_TAKE_IX);
    await expectRejected(env, async () => env.takeRaw(t.kp, await env.quote(), 2, 1_000_000n, { openRound: true }), 'InvalidSide', OPEN_TAKE_IX);
  });

  it('requires the quote_id argument (PDA seeds) to equal the signed quote id', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const q = await env.quote();
    const other = quoteIdOf(await env.quote());
    await expectRejected(env, () => env.takeRaw(t.kp, q, 0, 1_000_000n, { openRound: true, quoteIdArg: other }), 'QuoteIdMismatch', OPEN_TAKE_IX);
  });

  it('the SDK-built take fits one packet in every shape, and the largest lands', async () => {
    // Serialized bytes of [ComputeBudget×2?, open_round?, Ed25519, take_quote] with no lookup
    // tables (docs/program.md "Transaction layout and size").
    const env = await createEnv();
    const t = await env.newTrader();
    const { blockhash } = await env.connection.getLatestBlockhash('confirmed');
    const q = await env.quote();
    const sizes: Record<string, number> = {};
    let largest: VersionedTransaction | null = null;
    for (const openRound of [false, true]) {
      for (const compute of [undefined, { computeUnitLimit: 400_000, computeUnitPriceMicroLamports: 5_000 }]) {
        const built = await buildTakeQuoteTx({ program: env.program, quote: q, oracleAuthority: q.signer, trader: t.kp.publicKey, side: 'up', size: 1_000_000n, collateralMint: env.mint, recentBlockhash: blockhash, openRound, nowMs: 0, ...(compute ? { compute } : {}) });
        expect(built.serializedSize).toBe(built.transaction.serialize().length);
        expect(built.serializedSize).toBeLessThanOrEqual(PACKET_DATA_SIZE);
        sizes[`${openRound ? 'open_round' : 'plain'}${compute ? '+compute' : ''}`] = built.serializedSize;
        largest = built.transaction;
      }
    }
    expect(sizes).toEqual({ plain: 911, 'plain+compute': 963, open_round: 938, 'open_round+compute': 990 });
    expectOk(await sendTx(env.connection, largest!, [t.kp]));
    await expectConserved(env);
  });
});
