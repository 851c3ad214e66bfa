/**
 * refund, executed natively: an unsettled round becomes refundable at its refund_after_ts (fixed
 * at open), and from that second on refund and settlement exclude each other in both orders
 * (issue 9 item 8, issue 14 item 2).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HOUSE_FUNDING, REFUND_GRACE_SEC, createEnv, expectOk, quoteIdOf, stopEnvs, type Env } from '../helpers/exec-trade-env.js';
import { expectRejected } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';

const SETTLE_IX = 1;

afterEach(stopEnvs);

/** One DOWN 50 position of a trader holding 1,000; its round's refund_after_ts. */
async function onePosition(env: Env) {
  const t = await env.newTrader(1_000_000_000n);
  const q = await env.quote();
  const expiryTs = BigInt(q.expiryTs);
  expectOk(await env.take(t.kp, q, 'down', 50_000_000n, { openRound: true }));
  const position = (await env.position(quoteIdOf(q), t.kp.publicKey))!;
  const refundAfterTs = (await env.round(1, expiryTs))!.refundAfterTs;
  return { t, expiryTs, position, refundAfterTs };
}

describe('refund (native bank)', () => {
  it('RefundTooEarly one second before refund_after_ts; at it, stake and house collateral go back and the round is Refunding for good', async () => {
    const env = await createEnv();
    const { t, expiryTs, position, refundAfterTs } = await onePosition(env);
    expect(refundAfterTs).toBe(expiryTs + REFUND_GRACE_SEC);

    await env.setTime(refundAfterTs - 1n);
    await expectRejected(env, () => env.refund(position), 'RefundTooEarly', 0);

    expect(await env.setTime(refundAfterTs)).toBe(refundAfterTs);
    expectOk(await env.refund(position));
    expect(await env.balance(t.ata)).toBe(1_000_000_000n);
    expect(await env.houseVault()).toBe(HOUSE_FUNDING);
    expect(await env.round(1, expiryTs)).toMatchObject({ status: 'refunding', openPositions: 0, totalSize: 0n });
    await expectConserved(env);
    await expectRejected(env, () => env.settle(1, expiryTs, 97_000_000_000n), 'RoundRefunding', SETTLE_IX);
    await expectRejected(env, () => env.refund(position), 'AccountNotInitialized', 0); // refunded once only
  });

  it('a settled round cannot be refunded (RoundAlreadySettled), even long after its refund time', async () => {
    const env = await createEnv();
    const { expiryTs, position, refundAfterTs } = await onePosition(env);
    await env.setTime(expiryTs + 1n);
    expectOk(await env.settle(1, expiryTs, 1n));
    await env.setTime(refundAfterTs + 10n);
    await expectRejected(env, () => env.refund(position), 'RoundAlreadySettled', 0);
  });

  it('settle at refund_after_ts − 1 lands, then refund at refund_after_ts is RoundAlreadySettled', async () => {
    const env = await createEnv();
    const { position, expiryTs, refundAfterTs } = await onePosition(env);
    await env.setTime(refundAfterTs - 1n);
    expectOk(await env.settle(1, expiryTs, 97_000_000_000n));
    await env.setTime(refundAfterTs);
    await expectRejected(env, () => env.refund(position), 'RoundAlreadySettled', 0);
    expectOk(await env.claim(position));
    await expectConserved(env);
  });

  it('refund at refund_after_ts lands, then settle in that second is RoundRefunding; without the refund it is SettlementTooLate', async () => {
    // Before the fix a settlement landed whenever the round was still Open, so a refundable round
    // could be settled late, after losers had seen the price; and with a grace of 0 a loser could
    // refund at expiry, before the settlement, leaving winners without their payout.
    const env = await createEnv();
    const { position, expiryTs, refundAfterTs } = await onePosition(env);
    const other = await env.quote({ asset: 2 });
    const ethExpiry = BigInt(other.expiryTs);
    const u = await env.newTrader();
    expectOk(await env.take(u.kp, other, 'up', 10_000_000n, { openRound: true }));
    expect((await env.round(2, ethExpiry))!.refundAfterTs).toBe(refundAfterTs);

    await env.setTime(refundAfterTs);
    expectOk(await env.refund(position));
    await expectRejected(env, () => env.settle(1, expiryTs, 97_000_000_000n), 'RoundRefunding', SETTLE_IX);
    await expectRejected(env, () => env.settle(2, ethExpiry, 3_000_000_000n), 'SettlementTooLate', SETTLE_IX);
    expect((await env.round(2, ethExpiry))!.status).toBe('open'); // still refundable
  });

  it('the refund time is fixed at open: lowering refund_grace_sec later does not make an existing round refundable earlier', async () => {
    // Before the fix refund read the config's grace live, so lowering it applied at once to every
    // expired, unsettled round.
    const env = await createEnv({ refundGraceSec: 2n * REFUND_GRACE_SEC });
    const { t, expiryTs, position, refundAfterTs } = await onePosition(env);
    expect(refundAfterTs).toBe(expiryTs + 2n * REFUND_GRACE_SEC);
    expectOk(await env.updateConfig({ refundGraceSec: REFUND_GRACE_SEC }));

    await env.setTime(expiryTs + REFUND_GRACE_SEC);
    await expectRejected(env, () => env.refund(position), 'RefundTooEarly', 0);
    await env.setTime(refundAfterTs - 1n);
    await expectRejected(env, () => env.refund(position), 'RefundTooEarly', 0);
    await env.setTime(refundAfterTs);
    expectOk(await env.refund(position));
    expect(await env.balance(t.ata)).toBe(1_000_000_000n);
    await expectConserved(env);
  });
});
