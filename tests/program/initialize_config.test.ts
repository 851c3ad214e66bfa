/**
 * initialize_config, executed natively on a bare chain (program deployed with a ProgramData
 * account naming its upgrade authority, nothing initialized): only the upgrade authority may
 * create the config (issue 9 item 8, issue 14 item 1). Before the fix the first caller became
 * admin and chose the oracle, settlement key, mint and cluster: a front-runner won the program.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Keypair, LAMPORTS_PER_SOL, type PublicKey } from '@solana/web3.js';
import { buildInitializeConfigIx, configPda, houseVaultPda } from '../../engine/src/client/index.js';
import { createCollateralMint } from '../../engine/src/chain/provision.js';
import { LIMITS, REFUND_GRACE_SEC, SCHEDULE, createEnv, expectOk, expectProgramError, stopEnvs, type Env } from '../helpers/exec-trade-env.js';
import { ACCOUNT_ALREADY_IN_USE } from '../helpers/expect-rejected.js';

afterEach(stopEnvs);

async function funded(env: Env, kp: Keypair): Promise<Keypair> {
  const signature = await env.connection.requestAirdrop(kp.publicKey, 10 * LAMPORTS_PER_SOL);
  await env.connection.confirmTransaction({ signature, ...(await env.connection.getLatestBlockhash()) });
  return kp;
}

async function initializeBy(env: Env, signer: Keypair, collateralMint: PublicKey, oracle: PublicKey) {
  const ix = await buildInitializeConfigIx(env.program, {
    admin: signer.publicKey,
    collateralMint,
    oracleAuthority: oracle,
    settlementAuthority: oracle,
    allowSimulated: false,
    limits: LIMITS,
    roundSchedule: SCHEDULE,
    refundGraceSec: REFUND_GRACE_SEC,
  });
  return env.send([ix], signer);
}

describe('initialize_config (native bank)', () => {
  it('a front-runner who is not the upgrade authority is refused (NotUpgradeAuthority); then the authority initializes', async () => {
    // Given a bare chain whose program's upgrade authority is env.admin
    const env = await createEnv({ provision: false });
    const attacker = await funded(env, Keypair.generate());
    await funded(env, env.admin);
    const attackerMint = await createCollateralMint(env.connection, attacker, attacker.publicKey, 6);

    // When the attacker tries first, with its own mint and its own oracle key
    expectProgramError(await initializeBy(env, attacker, attackerMint, attacker.publicKey), 'NotUpgradeAuthority', 0);

    // Then nothing was created, and the authority initializes with its own choices
    expect(await env.accountExists(configPda().address)).toBe(false);
    expect(await env.accountExists(houseVaultPda().address)).toBe(false);
    const mint = await createCollateralMint(env.connection, env.admin, env.admin.publicKey, 6);
    const oracle = Keypair.generate().publicKey;
    expectOk(await initializeBy(env, env.admin, mint, oracle));
    const config = await env.config();
    expect(config.admin.equals(env.admin.publicKey)).toBe(true);
    expect(config.oracleAuthority.equals(oracle)).toBe(true);
    expect(config.collateralMint.equals(mint)).toBe(true);
    expect(config.cluster).toBe(0); // from the build (localnet), not an argument
    expect(await env.balance(houseVaultPda().address)).toBe(0n);

    // And nobody, the authority included, can initialize twice (the config's `init` finds it in use)
    for (const [signer, m] of [[attacker, attackerMint], [env.admin, mint]] as const) {
      const again = await initializeBy(env, signer, m, attacker.publicKey);
      expect(again.ok ? null : { index: again.index, custom: again.custom }).toEqual({ index: 0, custom: ACCOUNT_ALREADY_IN_USE.code });
    }
    expect((await env.config()).oracleAuthority.equals(oracle)).toBe(true);
  });
});
