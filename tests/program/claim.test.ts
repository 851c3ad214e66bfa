/** claim on the real program: winners get the size, losers' size goes to the house; permissionless crank. */
import { describe, expect, it } from 'vitest';
import { Keypair } from '@solana/web3.js';
import { accountExists, fund, hasProgram, kitAddress, SKIP_REASON } from '../helpers/svm.js';
import { HOUSE_FUNDING, createEnv, expectProgramError, quoteIdOf } from '../helpers/exec-trade-env.js';
import { fillAmounts } from '../../engine/src/client/fill.js';
import { positionPda } from '../../engine/src/client/pdas.js';

if (!hasProgram) process.stdout.write(`[claim] ${SKIP_REASON}\n`);

describe.skipIf(!hasProgram)('claim', () => {
  it('pays the winner the size, returns the loser’s size to the house, closes both positions (rent to payer)', async () => {
    // Given an UP and a DOWN position on the same strike
    const env = await createEnv();
    const up = env.newTrader(1_000_000_000n);
    const down = env.newTrader(1_000_000_000n);
    const q = env.quote({ maxSize: 400_000_000n });
    const expiry = BigInt(q.expiryTs);
    expect((await env.take(up.kp, q, 'up', 200_000_000n, { openRound: true })).ok).toBe(true);
    expect((await env.take(down.kp, q, 'down', 100_000_000n)).ok).toBe(true);
    const upFill = fillAmounts(200_000_000n, 523_417n);
    const downFill = fillAmounts(100_000_000n, 496_583n);
    expect(env.roundVault(1, expiry)).toBe(300_000_000n);

    // When the round settles at the strike (tie → UP wins) and a third party cranks claim for both
    const upPos = env.position(quoteIdOf(q), up.kp.publicKey)!;
    const downPos = env.position(quoteIdOf(q), down.kp.publicKey)!;
    expectProgramError(await env.claim(upPos), 'RoundNotSettled', 0);
    env.setTime(expiry + 1n);
    expect((await env.settle(1, expiry, BigInt(q.strike))).ok).toBe(true);
    const cranker = Keypair.generate();
    fund(env.ctx.svm, cranker.publicKey);
    const lamportsBefore = env.ctx.svm.getBalance(kitAddress(up.kp.publicKey))!;
    expect((await env.claim(upPos, cranker)).ok).toBe(true);
    expect((await env.claim(downPos, cranker)).ok).toBe(true);

    // Then the winner holds its payout, the house got the loser's size, and the accounts are gone
    expect(env.balance(up.ata)).toBe(1_000_000_000n - upFill.stake + 200_000_000n);
    expect(env.balance(down.ata)).toBe(1_000_000_000n - downFill.stake);
    expect(env.houseVault()).toBe(HOUSE_FUNDING - upFill.houseCollateral - downFill.houseCollateral + 100_000_000n);
    expect(env.roundVault(1, expiry)).toBe(0n);
    expect(accountExists(env.ctx.svm, positionPda(quoteIdOf(q), up.kp.publicKey).address)).toBe(false);
    expect(env.ctx.svm.getBalance(kitAddress(up.kp.publicKey))!).toBeGreaterThan(lamportsBefore);
    expect(env.round(1, expiry)).toMatchObject({ openPositions: 0, totalSize: 0n });
    expect(env.config().houseLiability).toBe(0n);

    // And a second claim of the same position cannot happen (the account is closed)
    expect((await env.claim(upPos, cranker)).ok).toBe(false);
  });
});
