/**
 * update_config, executed natively: the refund grace stays within [MIN_REFUND_GRACE_SEC,
 * MAX_REFUND_GRACE_SEC] (issue 9 item 8, issue 14 item 2) and allow_simulated follows the cluster
 * of the build (issue 14 item 5). Only the admin may change anything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Keypair } from '@solana/web3.js';
import { FLAG_SIMULATED, MIN_REFUND_GRACE_SEC } from '../../engine/src/client/index.js';
import { createEnv, expectOk, stopEnvs } from '../helpers/exec-trade-env.js';
import { expectRejected } from '../helpers/expect-rejected.js';
import { expectConserved } from '../helpers/conservation.js';

const MAX_REFUND_GRACE_SEC = 7n * 24n * 3600n;

afterEach(stopEnvs);

describe('update_config (native bank)', () => {
  it('refund grace: 0 and MIN − 1 are RefundGraceOutOfRange, MIN and MAX are accepted, MAX + 1 is refused', async () => {
    // Before the fix a grace of 0 was accepted (only a negative one was refused), so a losing
    // trader could refund at expiry before the settlement landed.
    const env = await createEnv();
    for (const grace of [0n, -1n, MIN_REFUND_GRACE_SEC - 1n, MAX_REFUND_GRACE_SEC + 1n]) {
      await expectRejected(env, () => env.updateConfig({ refundGraceSec: grace }), 'RefundGraceOutOfRange', 0);
    }
    expectOk(await env.updateConfig({ refundGraceSec: MAX_REFUND_GRACE_SEC }));
    expect((await env.config()).refundGraceSec).toBe(MAX_REFUND_GRACE_SEC);
    expectOk(await env.updateConfig({ refundGraceSec: MIN_REFUND_GRACE_SEC }));
    expect((await env.config()).refundGraceSec).toBe(MIN_REFUND_GRACE_SEC);
  });

  it('a round schedule with an offset not below its duration is refused (InvalidTradingCloseOffset)', async () => {
    const env = await createEnv();
    await expectRejected(env, () => env.updateConfig({ roundSchedule: [{ durationSec: 60, closeOffsetSec: 60 }] }), 'InvalidTradingCloseOffset', 0);
    await expectRejected(env, () => env.updateConfig({ roundSchedule: [] }), 'InvalidRoundSchedule', 0);
  });

  it('on this localnet build (cluster 0) allow_simulated may be switched on, and SIMULATED quotes then fill', async () => {
    // The build decides the cluster (constants::CLUSTER), so a localnet binary can never hold
    // another one; that allow_simulated is refused on any other cluster (SimulatedOnlyOnLocalnet)
    // is proved by programs/exec-trade-rules/tests/adversarial/admin.rs
    // `simulated_prices_are_allowed_only_on_localnet`.
    const env = await createEnv();
    const t = await env.newTrader();
    expect((await env.config()).cluster).toBe(0);
    expectOk(await env.updateConfig({ allowSimulated: true }));
    expectOk(await env.take(t.kp, await env.quote({ flags: FLAG_SIMULATED }), 'up', 1_000_000n, { openRound: true }));
    await expectConserved(env);
  });

  it('is refused to anyone but the admin (Unauthorized), and nothing changes', async () => {
    const env = await createEnv();
    const before = await env.config();
    await expectRejected(env, () => env.updateConfig({ paused: true, oracleAuthority: Keypair.generate().publicKey }, Keypair.generate()), 'Unauthorized', 0);
    expect(await env.config()).toEqual(before);
  });
});
