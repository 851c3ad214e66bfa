/**
 * raise_quote_epoch, executed natively: the cancel-all switch moves by exactly one (issue 14 item
 * 5). Before the fix any greater epoch was accepted, so a retried raise skipped an epoch and
 * u64::MAX disabled the switch for good.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Keypair } from '@solana/web3.js';
import { createEnv, expectOk, stopEnvs } from '../helpers/exec-trade-env.js';
import { expectRejected } from '../helpers/expect-rejected.js';

afterEach(stopEnvs);

describe('raise_quote_epoch (native bank)', () => {
  it('accepts only current + 1, cancels every quote of the old epoch, and cannot be jammed at u64::MAX', async () => {
    const env = await createEnv();
    const t = await env.newTrader();
    const old = await env.quote();
    const epoch = (await env.config()).quoteEpoch;
    await expectRejected(env, () => env.raiseEpoch(epoch + 2n), 'EpochNotNext', 0);
    await expectRejected(env, () => env.raiseEpoch(epoch), 'EpochNotNext', 0);
    expectOk(await env.raiseEpoch(epoch + 1n));
    expect((await env.config()).quoteEpoch).toBe(epoch + 1n);
    await expectRejected(env, () => env.take(t.kp, old, 'up', 1_000_000n, { openRound: true }), 'QuoteEpochMismatch', 2);
    expectOk(await env.take(t.kp, await env.quote({ expiryTs: BigInt(old.expiryTs) }), 'up', 1_000_000n, { openRound: true }));
    await expectRejected(env, () => env.raiseEpoch(epoch + 1n), 'EpochNotNext', 0); // a retried raise does not raise twice
    await expectRejected(env, () => env.raiseEpoch(2n ** 64n - 1n), 'EpochNotNext', 0);
    expect((await env.config()).quoteEpoch).toBe(epoch + 1n);
  });

  it('is refused to anyone but the admin (Unauthorized)', async () => {
    const env = await createEnv();
    const epoch = (await env.config()).quoteEpoch;
    await expectRejected(env, () => env.raiseEpoch(epoch + 1n, Keypair.generate()), 'Unauthorized', 0);
    expect((await env.config()).quoteEpoch).toBe(epoch);
  });
});
