/**
 * open_round, executed natively: the round schedule fixes a round's trading close and refund time
 * when it opens, and opening is idempotent (issue 14 items 3 and 6).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildOpenRoundIx, buildTakeQuoteTx, roundPda } from '../../engine/src/client/index.js';
import { CLOSE_OFFSET_SEC, LONG_CLOSE_OFFSET_SEC, REFUND_GRACE_SEC, createEnv, expectOk, sendTx, stopEnvs } from '../helpers/exec-trade-env.js';
import { expectRejected } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';

afterEach(stopEnvs);

describe('open_round (native bank)', () => {
  it('fixes trading close from the schedule (10 s for a 1-minute expiry, 30 s where the 5-minute round shares it) and refund time = expiry + grace', async () => {
    // Before the fix every round closed at one global offset (5 s by default), shorter than the
    // engine's own 10 s / 30 s stop, and the refund time was read live from the config.
    const env = await createEnv();
    const minute = await env.expiry();
    const now = await env.now();
    const boundary = (now / 300n + 2n) * 300n;
    expectOk(await env.openRound(1, minute));
    expectOk(await env.openRound(2, boundary));
    expect(await env.round(1, minute)).toMatchObject({ status: 'open', tradingCloseTs: minute - CLOSE_OFFSET_SEC, refundAfterTs: minute + REFUND_GRACE_SEC });
    expect(await env.round(2, boundary)).toMatchObject({ status: 'open', tradingCloseTs: boundary - LONG_CLOSE_OFFSET_SEC, refundAfterTs: boundary + REFUND_GRACE_SEC });
    await expectConserved(env);
  });

  it('an expiry not on the schedule cannot be opened (ExpiryNotOnSchedule), so no take can create it', async () => {
    // Before the fix any future expiry opened, with one global close offset.
    const env = await createEnv();
    const t = await env.newTrader();
    const offSchedule = (await env.expiry()) + 30n;
    await expectRejected(env, async () => env.take(t.kp, await env.quote({ expiryTs: offSchedule }), 'up', 1_000_000n, { openRound: true }), 'ExpiryNotOnSchedule', 0);
    expect(await env.round(1, offSchedule)).toBeNull();
  });

  it('a round whose trading close has come cannot be opened (RoundExpiryInPast)', async () => {
    const env = await createEnv();
    const expiryTs = await env.expiry();
    await env.setTime(expiryTs - CLOSE_OFFSET_SEC);
    await expectRejected(env, () => env.openRound(1, expiryTs), 'RoundExpiryInPast', 0);
    expect(await env.round(1, expiryTs)).toBeNull();
  });

  it('two takes built before either lands, both carrying open_round, both land', async () => {
    // Before the fix open_round was `init`: the second take failed with the system program's
    // "already in use" (Custom(0) at index 0) because the first had created the round meanwhile.
    const env = await createEnv();
    const [a, b] = [await env.newTrader(), await env.newTrader()];
    const expiryTs = await env.expiry();
    const { blockhash } = await env.connection.getLatestBlockhash('confirmed');
    const build = async (trader: typeof a, side: 'up' | 'down') => {
      const quote = await env.quote({ expiryTs });
      const p = { program: env.program, quote, oracleAuthority: quote.signer, trader: trader.kp.publicKey, side, size: 10_000_000n, collateralMint: env.mint };
      return (await buildTakeQuoteTx({ ...p, recentBlockhash: blockhash, openRound: true, nowMs: 0 })).transaction;
    };
    const [txA, txB] = [await build(a, 'up'), await build(b, 'down')];
    expect(await env.round(1, expiryTs)).toBeNull();
    const [outA, outB] = await Promise.all([sendTx(env.connection, txA, [a.kp]), sendTx(env.connection, txB, [b.kp])]);
    expectOk(outA);
    expectOk(outB);
    expect(await env.round(1, expiryTs)).toMatchObject({ openPositions: 2, totalSize: 20_000_000n });
    await expectConserved(env);
  });

  it('open_round on an existing round changes nothing: same bytes, same opener, no rent taken from the second payer', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const expiryTs = await env.expiry();
    expectOk(await env.take(t.kp, await env.quote({ expiryTs }), 'up', 10_000_000n, { openRound: true }));
    const address = roundPda(1, expiryTs).address;
    const before = (await env.connection.getAccountInfo(address))!;
    const other = await env.newTrader();
    const lamportsBefore = await env.connection.getBalance(other.kp.publicKey);
    expectOk(await env.send([await buildOpenRoundIx(env.program, { payer: other.kp.publicKey, asset: 1, expiryTs, collateralMint: env.mint })], other.kp));
    const after = (await env.connection.getAccountInfo(address))!;
    expect(Buffer.from(after.data).equals(Buffer.from(before.data))).toBe(true);
    expect(after.lamports).toBe(before.lamports);
    expect((await env.round(1, expiryTs))!.opener.equals(t.kp.publicKey)).toBe(true);
    expect(lamportsBefore - (await env.connection.getBalance(other.kp.publicKey))).toBe(5_000); // the signature fee only
    await expectConserved(env);
  });
});
