/**
 * migrations/deploy.ts run the way `anchor migrate` runs it: a CommonJS host script in Anchor's
 * shape (require the deploy script, call it with an AnchorProvider whose wallet is
 * `Wallet.local()` = $ANCHOR_WALLET) executed by migrations/ts-node.sh, against a local chain
 * whose program names a chosen upgrade authority. Checks the config it creates, that a wallet that
 * is not the upgrade authority is told so and creates nothing, that a re-run changes nothing, and
 * that bad settings are all reported before anything is sent.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Keypair, LAMPORTS_PER_SOL, type Connection, type PublicKey } from '@solana/web3.js';
import { createAssociatedTokenAccountIdempotentInstruction, createMintToInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { configPda, createExecTradeProgram, fetchConfig, houseVaultPda } from '../../engine/src/client/index.js';
import { LocalChain } from '../../engine/src/chain/local-chain.js';
import { createCollateralMint } from '../../engine/src/chain/provision.js';
import { sendAndConfirm } from '../../engine/src/chain/send.js';
import { DEFAULT_SCHEDULE } from '../../engine/src/market/schedule.js';
import { parseEnvExample } from '../../scripts/env-table.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const chains: LocalChain[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(chains.splice(0).map((c) => c.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function airdrop(connection: Connection, to: PublicKey): Promise<void> {
  const signature = await connection.requestAirdrop(to, 10 * LAMPORTS_PER_SOL);
  await connection.confirmTransaction({ signature, ...(await connection.getLatestBlockhash()) });
}

/**
 * Anchor 0.32's migrate host (cli template `deploy_ts_script_host`) for `url`. Anchor writes it to
 * `<workspace>/.anchor/deploy.ts` (git-ignored), so packages resolve from the workspace; here in a
 * fresh directory below `.anchor/`, with a temp directory beside it for keypair files.
 */
async function anchorHost(url: string): Promise<{ dir: string; host: string }> {
  await mkdir(join(root, '.anchor'), { recursive: true });
  const hostDir = await mkdtemp(join(root, '.anchor', 'migrate-test-'));
  const dir = await mkdtemp(join(tmpdir(), 'exec-migrate-'));
  dirs.push(hostDir, dir);
  const host = join(hostDir, 'deploy.ts');
  await writeFile(
    host,
    `import * as anchor from '@coral-xyz/anchor';
const userScript = require(${JSON.stringify(join(root, 'migrations/deploy.ts'))});
async function main() {
  const connection = new anchor.web3.Connection(${JSON.stringify(url)}, anchor.AnchorProvider.defaultOptions().commitment);
  const wallet = anchor.Wallet.local();
  const provider = new anchor.AnchorProvider(connection, wallet);
  userScript(provider);
}
main();
`,
  );
  return { dir, host };
}

async function walletFile(dir: string, kp: Keypair): Promise<string> {
  const path = join(dir, `${kp.publicKey.toBase58()}.json`);
  await writeFile(path, JSON.stringify(Array.from(kp.secretKey)));
  return path;
}

/** Runs the host like `anchor migrate` (`npm run ts-node <host>`); resolves with the exit code and output. */
async function migrate(host: string, wallet: string, deployEnv: Record<string, string>): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ANCHOR_WALLET: wallet, ...deployEnv };
  try {
    const { stdout, stderr } = await run('sh', ['migrations/ts-node.sh', host], { cwd: root, env, timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('migrations/deploy.ts through the anchor migrate host', () => {
  it('the upgrade authority creates the config and funds the house once; another wallet is told it is not the authority', async () => {
    // Given a chain whose program's upgrade authority holds 5,000 collateral
    const authority = Keypair.generate();
    const chain = await LocalChain.start({ upgradeAuthority: authority.publicKey });
    chains.push(chain);
    const { connection } = chain;
    const stranger = Keypair.generate();
    await airdrop(connection, authority.publicKey);
    await airdrop(connection, stranger.publicKey);
    const mint = await createCollateralMint(connection, authority, authority.publicKey, 6);
    const ata = getAssociatedTokenAddressSync(mint, authority.publicKey);
    await sendAndConfirm(connection, authority, [
      createAssociatedTokenAccountIdempotentInstruction(authority.publicKey, ata, authority.publicKey, mint),
      createMintToInstruction(mint, ata, authority.publicKey, 5_000_000_000n),
    ]);
    const { dir, host } = await anchorHost(chain.rpcUrl);
    const oracle = Keypair.generate();
    const deployEnv = {
      DEPLOY_ORACLE_AUTHORITY: await walletFile(dir, oracle), // a keypair file: only its public key is read
      DEPLOY_SETTLEMENT_AUTHORITY: Keypair.generate().publicKey.toBase58(),
      DEPLOY_COLLATERAL_MINT: mint.toBase58(),
      DEPLOY_ROUND_SCHEDULE: '300:30,60:10',
      DEPLOY_MIN_POSITION_SIZE: '2000000',
      DEPLOY_MAX_ROUND_NET_PAYOUT: '50000000000',
      DEPLOY_REFUND_GRACE_SEC: '900',
      DEPLOY_HOUSE_FUNDING_ATOMS: '3000000000',
    };
    const program = createExecTradeProgram(connection);

    // When a wallet that is not the upgrade authority runs it, it is told so and nothing is created
    const refused = await migrate(host, await walletFile(dir, stranger), deployEnv);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain(`the wallet ${stranger.publicKey.toBase58()} is not the program's upgrade authority (${authority.publicKey.toBase58()})`);
    expect(await connection.getAccountInfo(configPda().address)).toBeNull();

    // When the upgrade authority names a mint that does not exist, the program's refusal is decoded
    const authorityWallet = await walletFile(dir, authority);
    const noMint = await migrate(host, authorityWallet, { ...deployEnv, DEPLOY_COLLATERAL_MINT: Keypair.generate().publicKey.toBase58() });
    expect(noMint.code).not.toBe(0);
    expect(noMint.out).toContain('initialize_config failed: AccountNotInitialized');
    expect(await connection.getAccountInfo(configPda().address)).toBeNull();

    // When the upgrade authority runs it
    const first = await migrate(host, authorityWallet, deployEnv);
    expect(first.code, first.out).toBe(0);

    // Then the config holds the settings, the schedule sorted, the cluster of the build, and the house is funded
    const config = (await fetchConfig(program))!;
    expect(config.admin.equals(authority.publicKey)).toBe(true);
    expect(config.oracleAuthority.equals(oracle.publicKey)).toBe(true);
    expect(config.collateralMint.equals(mint)).toBe(true);
    expect(config.cluster).toBe(0);
    expect(config.roundSchedule).toEqual([{ durationSec: 60, closeOffsetSec: 10 }, { durationSec: 300, closeOffsetSec: 30 }]);
    expect(config.limits).toEqual({ minPositionSize: 2_000_000n, maxPositionSize: 1_000_000_000n, maxRoundNetPayout: 50_000_000_000n, maxWalletRoundSize: 10_000_000_000n });
    expect(config.refundGraceSec).toBe(900n);
    expect(first.out).toContain('cluster localnet (from the build), round schedule 60:10,300:30');
    const vault = houseVaultPda().address;
    expect((await connection.getTokenAccountBalance(vault)).value.amount).toBe('3000000000');

    // And a re-run with other values changes nothing, says what differs, and deposits nothing again
    const again = await migrate(host, authorityWallet, { ...deployEnv, DEPLOY_REFUND_GRACE_SEC: '1200' });
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('differs: DEPLOY_REFUND_GRACE_SEC=1200, on chain 900');
    expect((await fetchConfig(program))!.refundGraceSec).toBe(900n);
    expect((await connection.getTokenAccountBalance(vault)).value.amount).toBe('3000000000');
    expect((await connection.getTokenAccountBalance(ata)).value.amount).toBe('2000000000');
  }, 120_000); // four runs of the script, each bundling its host and loading the SDK (~2 s on 2 cores)

  it('reports every invalid or retired setting at once and sends nothing', async () => {
    const authority = Keypair.generate();
    const chain = await LocalChain.start({ upgradeAuthority: authority.publicKey });
    chains.push(chain);
    await airdrop(chain.connection, authority.publicKey);
    const { dir, host } = await anchorHost(chain.rpcUrl);
    const out = await migrate(host, await walletFile(dir, authority), {
      DEPLOY_ORACLE_AUTHORITY: 'not-a-key',
      DEPLOY_COLLATERAL_MINT: Keypair.generate().publicKey.toBase58(),
      DEPLOY_ROUND_SCHEDULE: '60:60',
      DEPLOY_REFUND_GRACE_SEC: '0',
      DEPLOY_CLUSTER: 'devnet',
      DEPLOY_MAX_ROUND_LIABILITY: '1',
    });
    expect(out.code).not.toBe(0);
    for (const fragment of [
      'DEPLOY_ORACLE_AUTHORITY must be a base58 public key',
      'DEPLOY_SETTLEMENT_AUTHORITY is required',
      'DEPLOY_ROUND_SCHEDULE: schedule: close offset for 60s rounds must be an integer in [0, 60), got 60',
      'DEPLOY_REFUND_GRACE_SEC must be within [600, 604800] seconds, got 0',
      'DEPLOY_CLUSTER is gone',
      'DEPLOY_MAX_ROUND_LIABILITY is now DEPLOY_MAX_ROUND_NET_PAYOUT',
    ]) {
      expect(out.out).toContain(fragment);
    }
    expect(await chain.connection.getAccountInfo(configPda().address)).toBeNull();
  }, 60_000);

  it('.env.example shows the engine\'s default schedule as the DEPLOY_ROUND_SCHEDULE default (the one deploy.ts uses)', () => {
    const vars = parseEnvExample(readFileSync(join(root, '.env.example'), 'utf8'));
    const engineDefault = DEFAULT_SCHEDULE.rounds.map((r) => `${r.durationSec}:${r.closeOffsetSec}`).join(',');
    expect(vars.find((v) => v.name === 'DEPLOY_ROUND_SCHEDULE')?.value).toBe(engineDefault);
  });
});
