/**
 * End-to-end round, executed natively: several traders on several strikes, settlement, claims by a
 * crank, rent reclaim (quote fills, round). After every step:
 *   round vault == Σ open position sizes, house vault + round vault == funding + Σ stakes − Σ payouts,
 * and expectConserved (no collateral created or destroyed across every token account of the mint).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fillAmounts } from '../../../engine/src/client/fill.js';
import type { PositionAccount, SideName, SignedQuote } from '../../../engine/src/client/index.js';
import { HOUSE_FUNDING, createEnv, expectOk, quoteIdOf, stopEnvs } from '../../helpers/exec-trade-env.js';
import { expectRejected } from '../../helpers/expect-rejected.js';
import { expectConserved } from '../../helpers/conservation.js';

afterEach(stopEnvs);

const SETTLEMENT_PRICE = 97_300_000_000n;

describe('scenario: a full round (native bank)', () => {
  it('take → settle → claim → close, with the vault invariant and conservation after every step', async () => {
    const env = await createEnv();
    const expiryTs = await env.expiry(3n);
    const strikes = [97_200_000_000n, 97_300_000_000n, 97_400_000_000n];
    const quotes: SignedQuote[] = [];
    for (const [i, strike] of strikes.entries()) {
      quotes.push(await env.quote({ expiryTs, strike, upPrice: BigInt(600_000 - i * 100_000), downPrice: BigInt(420_000 + i * 100_000), maxSize: 300_000_000n }));
    }
    const traders = [await env.newTrader(), await env.newTrader(), await env.newTrader()];
    let stakes = 0n;
    let paid = 0n;
    const open: Array<{ pos: PositionAccount; size: bigint }> = [];

    const invariant = async (): Promise<void> => {
      const vault = await env.roundVault(1, expiryTs);
      expect(vault).toBe(open.reduce((s, o) => s + o.size, 0n));
      expect((await env.houseVault()) + vault).toBe(HOUSE_FUNDING + stakes - paid);
      await expectConserved(env);
    };

    const plan: Array<[number, number, SideName, bigint]> = [
      [0, 0, 'up', 100_000_000n],
      [1, 0, 'down', 50_000_000n],
      [1, 1, 'up', 120_000_000n],
      [2, 2, 'down', 80_000_000n],
      [0, 2, 'up', 30_000_000n],
    ];
    for (const [step, [t, qi, side, size]] of plan.entries()) {
      const q = quotes[qi]!;
      expectOk(await env.take(traders[t]!.kp, q, side, size, { openRound: step === 0 }));
      stakes += fillAmounts(size, BigInt(side === 'up' ? q.upPrice : q.downPrice)).stake;
      open.push({ pos: (await env.position(quoteIdOf(q), traders[t]!.kp.publicKey))!, size });
      await invariant();
    }
    expect((await env.round(1, expiryTs))!.openPositions).toBe(plan.length);

    // Settle at 97,300: strikes 97,200 and 97,300 pay UP (tie → UP), 97,400 pays DOWN.
    await env.setTime(expiryTs + 2n);
    expectOk(await env.settle(1, expiryTs, SETTLEMENT_PRICE));
    await invariant();
    await expectRejected(env, () => env.closeRound(1, expiryTs, traders[0]!.kp.publicKey), 'RoundHasOpenPositions', 0);

    while (open.length > 0) {
      const { pos, size } = open.shift()!;
      const won = (SETTLEMENT_PRICE >= pos.strike ? 'up' : 'down') === pos.side;
      expectOk(await env.claim(pos));
      if (won) paid += size;
      await invariant();
    }
    expect(await env.round(1, expiryTs)).toMatchObject({ openPositions: 0, totalSize: 0n, status: 'settled' });
    expect((await env.config()).houseLiability).toBe(0n);

    // Rent reclaim: quote fills once their validity is over, then the round itself (to its opener).
    // Each record's rent goes to whoever first filled that quote: quote i was first filled by trader i.
    for (const [i, q] of quotes.entries()) {
      expectOk(await env.closeQuoteFill(quoteIdOf(q), traders[i]!.kp.publicKey));
      await invariant();
    }
    const opener = (await env.round(1, expiryTs))!.opener;
    expect(opener.equals(traders[0]!.kp.publicKey)).toBe(true);
    await expectRejected(env, () => env.closeRound(1, expiryTs, traders[1]!.kp.publicKey), 'WrongOpener', 0);
    expectOk(await env.closeRound(1, expiryTs, opener));
    expect(await env.round(1, expiryTs)).toBeNull();
    expect(await env.houseVault()).toBe(HOUSE_FUNDING + stakes - paid);
    await expectConserved(env);
  });

  it('an unsettled round refunds every position, then closes as Refunding', async () => {
    const env = await createEnv();
    const expiryTs = await env.expiry();
    const [a, b] = [await env.newTrader(1_000_000_000n), await env.newTrader(1_000_000_000n)];
    const q = await env.quote({ expiryTs, maxSize: 300_000_000n });
    expectOk(await env.take(a.kp, q, 'up', 100_000_000n, { openRound: true }));
    expectOk(await env.take(b.kp, q, 'down', 200_000_000n));
    await expectConserved(env);
    await env.setTime(expiryTs + 1n);
    await expectRejected(env, () => env.closeRound(1, expiryTs, a.kp.publicKey), 'RoundStillOpen', 0); // still settleable
    await env.setTime((await env.round(1, expiryTs))!.refundAfterTs);
    await expectRejected(env, () => env.closeRound(1, expiryTs, a.kp.publicKey), 'RoundHasOpenPositions', 0);
    for (const t of [a, b]) {
      expectOk(await env.refund((await env.position(quoteIdOf(q), t.kp.publicKey))!));
      expect(await env.balance(t.ata)).toBe(1_000_000_000n);
      await expectConserved(env);
    }
    expect(await env.houseVault()).toBe(HOUSE_FUNDING);
    expect((await env.round(1, expiryTs))!.status).toBe('refunding');
    expectOk(await env.closeRound(1, expiryTs, a.kp.publicKey));
    expect(await env.round(1, expiryTs)).toBeNull();
    await expectConserved(env);
  });
});
