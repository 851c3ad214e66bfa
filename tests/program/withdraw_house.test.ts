/**
 * withdraw_house, executed natively: the admin can take only what the house vault holds; the
 * collateral backing open positions sits in the round vaults, which withdraw_house cannot touch,
 * so every position is still paid in full after the house vault is emptied.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import { fillAmounts } from '../../engine/src/client/fill.js';
import { HOUSE_FUNDING, createEnv, expectOk, quoteIdOf, stopEnvs } from '../helpers/exec-trade-env.js';
import { expectRejected } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';

afterEach(stopEnvs);

describe('withdraw_house (native bank)', () => {
  it('more than the house vault holds is HouseInsufficientBalance; all of it lands and open positions are still paid in full', async () => {
    // Given two opposite positions whose house collateral sits in the round vault
    const env = await createEnv();
    const [up, down] = [await env.newTrader(1_000_000_000n), await env.newTrader(1_000_000_000n)];
    const q = await env.quote({ maxSize: 400_000_000n });
    const expiryTs = BigInt(q.expiryTs);
    expectOk(await env.take(up.kp, q, 'up', 200_000_000n, { openRound: true }));
    expectOk(await env.take(down.kp, q, 'down', 100_000_000n));
    const [upFill, downFill] = [fillAmounts(200_000_000n, 523_417n), fillAmounts(100_000_000n, 496_583n)];
    const house = await env.houseVault();
    expect(house).toBe(HOUSE_FUNDING - upFill.houseCollateral - downFill.houseCollateral);

    // When the admin asks for one atom more than the house vault holds, or a stranger asks at all
    await expectRejected(env, () => env.withdrawHouse(house + 1n), 'HouseInsufficientBalance', 0);
    await expectRejected(env, () => env.withdrawHouse(1n, up.kp), 'Unauthorized', 0);
    await expectRejected(env, () => env.withdrawHouse(0n), 'ZeroAmount', 0);

    // Then all of the house vault can leave, and the round vault is untouched
    const adminAta = getAssociatedTokenAddressSync(env.mint, env.admin.publicKey);
    const adminBefore = await env.balance(adminAta);
    expectOk(await env.withdrawHouse(house));
    expect(await env.houseVault()).toBe(0n);
    expect(await env.balance(adminAta)).toBe(adminBefore + house);
    expect(await env.roundVault(1, expiryTs)).toBe(300_000_000n);
    await expectConserved(env);

    // And the winner is paid its whole size, the loser's size goes back to the (empty) house vault
    await env.setTime(expiryTs + 1n);
    expectOk(await env.settle(1, expiryTs, 97_400_000_000n)); // UP wins
    expectOk(await env.claim((await env.position(quoteIdOf(q), up.kp.publicKey))!));
    expectOk(await env.claim((await env.position(quoteIdOf(q), down.kp.publicKey))!));
    expect(await env.balance(up.ata)).toBe(1_000_000_000n - upFill.stake + 200_000_000n);
    expect(await env.houseVault()).toBe(100_000_000n);
    expect(await env.roundVault(1, expiryTs)).toBe(0n);
    await expectConserved(env);
  });
});
