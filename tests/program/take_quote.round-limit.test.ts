/**
 * The round limit measures the house's worst-case net payout over every settlement price (issue 14
 * item 4), executed natively through take_quote. Before the fix the round limit counted gross
 * size (`max_round_liability`): a hedged UP/DOWN pair used it up as fast as one-sided risk, and a
 * round over a lowered limit refused every fill, the ones that reduce risk too.
 *
 * Limits here: positions up to 500, the round's worst case up to 300, wallets up to 800; every
 * quote is at par (UP 0.5, DOWN 0.5) on one strike, so a fill of S puts S/2 of house collateral at
 * risk on its side and S/2 of stake against the other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RiskLimits } from '../../engine/src/client/index.js';
import { createEnv, expectOk, stopEnvs, type Env } from '../helpers/exec-trade-env.js';
import { expectRejected } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';

const TAKE_IX = 1;
const LIMITS: RiskLimits = { minPositionSize: 1_000_000n, maxPositionSize: 500_000_000n, maxRoundNetPayout: 300_000_000n, maxWalletRoundSize: 800_000_000n };

afterEach(stopEnvs);

async function atPar(): Promise<{ env: Env; expiryTs: bigint; quote: () => ReturnType<Env['quote']> }> {
  const env = await createEnv({ limits: LIMITS });
  const expiryTs = await env.expiry();
  expectOk(await env.openRound(1, expiryTs));
  return { env, expiryTs, quote: () => env.quote({ expiryTs, upPrice: 500_000n, downPrice: 500_000n, maxSize: LIMITS.maxPositionSize }) };
}

describe('round limit on the worst-case net payout (native bank)', () => {
  it('a hedged pair (UP and DOWN of one at-par strike, two wallets) leaves the worst case at 0 and the round open to others', async () => {
    const { env, expiryTs, quote } = await atPar();
    const [a, b, c] = [await env.newTrader(), await env.newTrader(), await env.newTrader()];
    expectOk(await env.take(a.kp, await quote(), 'up', 400_000_000n));
    expect((await env.round(1, expiryTs))!.worstCaseNetPayout).toBe(200_000_000n);
    expectOk(await env.take(b.kp, await quote(), 'down', 400_000_000n));
    const round = (await env.round(1, expiryTs))!;
    expect(round).toMatchObject({ totalSize: 800_000_000n, worstCaseNetPayout: 0n });
    // 800 gross, far above the 300 limit, and a third wallet still gets the whole limit.
    expectOk(await env.take(c.kp, await quote(), 'up', 500_000_000n));
    expect((await env.round(1, expiryTs))!.worstCaseNetPayout).toBe(250_000_000n);
    await expectConserved(env);
  });

  it('the same gross size on one side exhausts it: RoundNetPayoutLimit once the worst case would pass 300', async () => {
    const { env, expiryTs, quote } = await atPar();
    const [a, b, c] = [await env.newTrader(), await env.newTrader(), await env.newTrader()];
    expectOk(await env.take(a.kp, await quote(), 'up', 400_000_000n));
    await expectRejected(env, async () => env.take(b.kp, await quote(), 'up', 400_000_000n), 'RoundNetPayoutLimit', TAKE_IX);
    expectOk(await env.take(b.kp, await quote(), 'up', 200_000_000n)); // worst case exactly 300: the limit is inclusive
    expect((await env.round(1, expiryTs))!.worstCaseNetPayout).toBe(LIMITS.maxRoundNetPayout);
    await expectRejected(env, async () => env.take(c.kp, await quote(), 'up', LIMITS.minPositionSize), 'RoundNetPayoutLimit', TAKE_IX);
    await expectConserved(env);
  });

  it('a risk-reducing fill lands on a round already over a lowered limit; a risk-raising one does not', async () => {
    const { env, expiryTs, quote } = await atPar();
    const [a, b, c] = [await env.newTrader(), await env.newTrader(), await env.newTrader()];
    expectOk(await env.take(a.kp, await quote(), 'up', 400_000_000n)); // worst case 200
    expectOk(await env.updateConfig({ limits: { ...LIMITS, maxRoundNetPayout: 100_000_000n } }));
    await expectRejected(env, async () => env.take(c.kp, await quote(), 'up', LIMITS.minPositionSize), 'RoundNetPayoutLimit', TAKE_IX);
    // DOWN 100 lowers the worst case from 200 to 150, still above the new limit of 100: accepted.
    expectOk(await env.take(b.kp, await quote(), 'down', 100_000_000n));
    expect((await env.round(1, expiryTs))!.worstCaseNetPayout).toBe(150_000_000n);
    await expectConserved(env);
  });
});
