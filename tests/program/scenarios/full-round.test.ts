/**
 * End-to-end round on the real program: several traders on several strikes, settlement, claims by a
 * crank, rent reclaim (quote fills, round), with the vault invariant checked after every step:
 *   round vault == Σ open position sizes, and
 *   house vault + Σ round vaults == funding + Σ stakes − Σ payouts to traders.
 */
import { describe, expect, it } from 'vitest';
import { hasProgram, SKIP_REASON } from '../../helpers/svm.js';
import { HOUSE_FUNDING, createEnv, expectProgramError, quoteIdOf } from '../../helpers/exec-trade-env.js';
import { fillAmounts } from '../../../engine/src/client/fill.js';
import type { PositionAccount, SideName, SignedQuote } from '../../../engine/src/client/index.js';

if (!hasProgram) process.stdout.write(`[scenario full-round] ${SKIP_REASON}\n`);

describe.skipIf(!hasProgram)('scenario: a full round', () => {
  it('take → settle → claim → close, with the vault invariant after every step', async () => {
    const env = await createEnv();
    const expiry = ((env.now() / 60n) + 3n) * 60n;
    const strikes = [97_200_000_000n, 97_300_000_000n, 97_400_000_000n];
    const quotes: SignedQuote[] = strikes.map((strike, i) => env.quote({ expiryTs: expiry, strike, upPrice: BigInt(600_000 - i * 100_000), downPrice: BigInt(420_000 + i * 100_000), maxSize: 300_000_000n }));
    const traders = [env.newTrader(), env.newTrader(), env.newTrader()];
    let stakes = 0n;
    let paid = 0n;
    const open: Array<{ pos: PositionAccount; size: bigint }> = [];

    const invariant = (): void => {
      const vault = env.roundVault(1, expiry);
      expect(vault).toBe(open.reduce((s, o) => s + o.size, 0n));
      expect(env.houseVault() + vault).toBe(HOUSE_FUNDING + stakes - paid);
    };

    const plan: Array<[number, number, SideName, bigint]> = [
      [0, 0, 'up', 100_000_000n],
      [1, 0, 'down', 50_000_000n],
      [1, 1, 'up', 120_000_000n],
      [2, 2, 'down', 80_000_000n],
      [0, 2, 'up', 30_000_000n],
    ];
    let first = true;
    for (const [t, qi, side, size] of plan) {
      const q = quotes[qi]!;
      const out = await env.take(traders[t]!.kp, q, side, size, { openRound: first });
      expect(out.ok, out.ok ? '' : out.text).toBe(true);
      first = false;
      stakes += fillAmounts(size, BigInt(side === 'up' ? q.upPrice : q.downPrice)).stake;
      open.push({ pos: env.position(quoteIdOf(q), traders[t]!.kp.publicKey)!, size });
      invariant();
    }
    expect(env.round(1, expiry)!.openPositions).toBe(plan.length);

    // Settle at 97,300: strikes 97,200 and 97,300 pay UP (tie → UP), 97,400 pays DOWN.
    env.setTime(expiry + 2n);
    expect((await env.settle(1, expiry, 97_300_000_000n)).ok).toBe(true);
    expectProgramError(await env.closeRound(1, expiry, traders[0]!.kp.publicKey), 'RoundHasOpenPositions', 0);

    while (open.length > 0) {
      const { pos, size } = open.shift()!;
      const won = (97_300_000_000n >= pos.strike ? 'up' : 'down') === pos.side;
      expect((await env.claim(pos)).ok).toBe(true);
      if (won) paid += size;
      invariant();
    }
    expect(env.round(1, expiry)).toMatchObject({ openPositions: 0, totalSize: 0n, status: 'settled' });
    expect(env.config().houseLiability).toBe(0n);

    // Rent reclaim: quote fills once their validity is over, then the round itself (to its opener).
    // Each record's rent goes to whoever first filled that quote: quote i was first filled by trader i.
    for (const [i, q] of quotes.entries()) {
      const out = await env.closeQuoteFill(quoteIdOf(q), traders[i]!.kp.publicKey);
      expect(out.ok, out.ok ? '' : out.text).toBe(true);
    }
    const opener = env.round(1, expiry)!.opener;
    expect(opener.equals(traders[0]!.kp.publicKey)).toBe(true);
    const closed = await env.closeRound(1, expiry, opener);
    expect(closed.ok, closed.ok ? '' : closed.text).toBe(true);
    expect(env.round(1, expiry)).toBeNull();
    expect(env.houseVault()).toBe(HOUSE_FUNDING + stakes - paid);
  });

  it('a quote fill record cannot be closed while the quote is still valid', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    const q = env.quote();
    expect((await env.take(t.kp, q, 'up', 1_000_000n, { openRound: true })).ok).toBe(true);
    expectProgramError(await env.closeQuoteFill(quoteIdOf(q), t.kp.publicKey), 'QuoteFillStillValid', 0);
    env.setTime(env.now() + 5n);
    expect((await env.closeQuoteFill(quoteIdOf(q), t.kp.publicKey)).ok).toBe(true);
    // Closing re-opens the PDA, but a replay now fails the validity check instead.
    const replay = await env.take(env.newTrader().kp, q, 'up', 1_000_000n);
    expect(replay.ok).toBe(false);
  });
});
