/**
 * Two-step admin change (update_config proposes, accept_admin takes over), executed natively
 * (issue 14 item 5). Before the fix update_config replaced the admin at once, so one mistyped key
 * locked the admin out for good.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Keypair } from '@solana/web3.js';
import { createEnv, expectOk, stopEnvs } from '../helpers/exec-trade-env.js';
import { expectRejected } from '../helpers/expect-rejected.js';

afterEach(stopEnvs);

describe('accept_admin (native bank)', () => {
  it('the proposed admin cannot act before accepting, a stranger cannot accept, and after accepting the old admin is refused', async () => {
    const env = await createEnv();
    const next = Keypair.generate();
    const stranger = Keypair.generate();
    expectOk(await env.updateConfig({ newAdmin: next.publicKey }));
    let config = await env.config();
    expect(config.admin.equals(env.admin.publicKey)).toBe(true);
    expect(config.pendingAdmin?.equals(next.publicKey)).toBe(true);

    await expectRejected(env, () => env.updateConfig({ paused: true }, next), 'Unauthorized', 0);
    await expectRejected(env, () => env.acceptAdmin(stranger), 'NotPendingAdmin', 0);
    expectOk(await env.acceptAdmin(next));

    config = await env.config();
    expect(config.admin.equals(next.publicKey)).toBe(true);
    expect(config.pendingAdmin).toBeNull();
    await expectRejected(env, () => env.updateConfig({ paused: true }, env.admin), 'Unauthorized', 0);
    await expectRejected(env, () => env.raiseEpoch(config.quoteEpoch + 1n, env.admin), 'Unauthorized', 0);
    await expectRejected(env, () => env.acceptAdmin(next), 'NotPendingAdmin', 0); // accepting twice finds no pending admin
    expectOk(await env.updateConfig({ paused: true }, next));
    expect((await env.config()).paused).toBe(true);
  });

  it('a proposal can be replaced before it is accepted; the replaced key can no longer accept', async () => {
    const env = await createEnv();
    const [first, second] = [Keypair.generate(), Keypair.generate()];
    expectOk(await env.updateConfig({ newAdmin: first.publicKey }));
    expectOk(await env.updateConfig({ newAdmin: second.publicKey }));
    await expectRejected(env, () => env.acceptAdmin(first), 'NotPendingAdmin', 0);
    expectOk(await env.acceptAdmin(second));
    expect((await env.config()).admin.equals(second.publicKey)).toBe(true);
  });
});
