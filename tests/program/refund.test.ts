/** refund on the real program: only after expiry + grace on an unsettled round; stake and collateral go back. */
import { describe, expect, it } from 'vitest';
import { hasProgram, SKIP_REASON } from '../helpers/svm.js';
import { HOUSE_FUNDING, REFUND_GRACE_SEC, createEnv, expectProgramError, quoteIdOf } from '../helpers/exec-trade-env.js';

if (!hasProgram) process.stdout.write(`[refund] ${SKIP_REASON}\n`);

describe.skipIf(!hasProgram)('refund', () => {
  it('refuses before the grace is over, then returns stake and house collateral; the round can no longer be settled', async () => {
    const env = await createEnv();
    const t = env.newTrader(1_000_000_000n);
    const q = env.quote();
    const expiry = BigInt(q.expiryTs);
    expect((await env.take(t.kp, q, 'down', 50_000_000n, { openRound: true })).ok).toBe(true);
    const pos = env.position(quoteIdOf(q), t.kp.publicKey)!;

    env.setTime(expiry + REFUND_GRACE_SEC - 1n);
    expectProgramError(await env.refund(pos), 'RefundTooEarly', 0);

    env.setTime(expiry + REFUND_GRACE_SEC);
    expect(env.now()).toBe(expiry + REFUND_GRACE_SEC);
    const out = await env.refund(pos);
    expect(out.ok, out.ok ? '' : out.text).toBe(true);
    expect(env.balance(t.ata)).toBe(1_000_000_000n);
    expect(env.houseVault()).toBe(HOUSE_FUNDING);
    expect(env.round(1, expiry)).toMatchObject({ status: 'refunding', openPositions: 0 });
    expectProgramError(await env.settle(1, expiry, 97_000_000_000n), 'RoundRefunding', 1);
  });

  it('refuses to refund a settled round', async () => {
    const env = await createEnv();
    const t = env.newTrader();
    const q = env.quote();
    const expiry = BigInt(q.expiryTs);
    expect((await env.take(t.kp, q, 'up', 5_000_000n, { openRound: true })).ok).toBe(true);
    env.setTime(expiry + 1n);
    expect((await env.settle(1, expiry, 1n)).ok).toBe(true);
    env.setTime(expiry + REFUND_GRACE_SEC + 10n);
    expectProgramError(await env.refund(env.position(quoteIdOf(q), t.kp.publicKey)!), 'RoundAlreadySettled', 0);
  });
});
