/**
 * `anchor migrate` deploy script: the program's upgrade authority (the wallet Anchor passes in)
 * creates the exec-trade Config, then an empty house vault is funded if asked. Idempotent: an
 * existing Config is left alone and compared with the DEPLOY_* values; a funded house vault is not
 * funded again.
 *
 * CommonJS on purpose (migrations/package.json): Anchor's host script require()s this file and calls
 * the exported function with an AnchorProvider; `anchor migrate` runs `npm run ts-node <host>`
 * (migrations/ts-node.sh). Settings come from DEPLOY_* variables (not EXEC_*, which the engine
 * owns): see .env.example and docs/program.md "Deploy". The cluster is not a setting: it is the
 * build's (`anchor build -- --features devnet`), and the program stores it.
 */
import type { AnchorProvider } from '@coral-xyz/anchor';
import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, PublicKey, Transaction, type Connection, type TransactionInstruction } from '@solana/web3.js';
import { readFileSync } from 'node:fs';
import idl from '../engine/src/client/idl/exec_trade.json';
import type { ConfigAccount, RiskLimits, RoundScheduleEntry } from '../engine/src/client/index.js';

/** The program's bound (an IDL constant; the client has no TypeScript twin of it). */
const MAX_REFUND_GRACE_SEC = BigInt(idl.constants.find((c) => c.name === 'MAX_REFUND_GRACE_SEC')!.value);

/**
 * The client SDK and the engine's round schedule are ES modules, loaded with import() so that Node
 * runs them as ESM (migrations/ts-node.sh registers tsx's ESM loader). A static import here would
 * become a require() that transpiles them to CommonJS, where the SDK's default import of
 * @coral-xyz/anchor (instructions/args.ts) is undefined.
 */
async function loadModules() {
  const [sdk, schedule] = await Promise.all([import('../engine/src/client/index.js'), import('../engine/src/market/schedule.js')]);
  /** The engine's default schedule (EXEC_EXPIRIES / EXEC_TRADING_CLOSE_SEC unset) as `60:10,300:30,…`. */
  const defaultSchedule = schedule.DEFAULT_SCHEDULE.rounds.map((r) => `${r.durationSec}:${r.closeOffsetSec}`).join(',');
  return { sdk, validateSchedule: schedule.validateSchedule, defaultSchedule };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

interface DeploySettings {
  readonly programId: PublicKey;
  readonly oracleAuthority: PublicKey;
  readonly settlementAuthority: PublicKey;
  readonly collateralMint: PublicKey;
  readonly allowSimulated: boolean;
  readonly roundSchedule: readonly RoundScheduleEntry[];
  readonly limits: RiskLimits;
  readonly refundGraceSec: bigint;
  readonly houseFundingAtoms: bigint;
}

/** Reads every DEPLOY_* variable and reports every problem at once. */
function readSettings(m: Modules, env: NodeJS.ProcessEnv): DeploySettings {
  const { MAX_ROUND_SCHEDULE, MIN_REFUND_GRACE_SEC } = m.sdk;
  const issues: string[] = [];
  const text = (name: string, fallback?: string): string | undefined => {
    const value = env[name] === undefined || env[name] === '' ? fallback : env[name];
    if (value === undefined) issues.push(`${name} is required`);
    return value;
  };
  const key = (name: string, fallback?: string): PublicKey => {
    const value = text(name, fallback);
    if (value === undefined) return PublicKey.default;
    try {
      if (!value.endsWith('.json')) return new PublicKey(value);
      return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(readFileSync(value, 'utf8')) as number[])).publicKey;
    } catch (err) {
      issues.push(`${name} must be a base58 public key or a Solana keypair .json file: ${(err as Error).message}`);
      return PublicKey.default;
    }
  };
  const integer = (name: string, fallback: string): bigint => {
    const value = text(name, fallback) ?? fallback;
    if (/^\d+$/.test(value)) return BigInt(value);
    issues.push(`${name} must be a non-negative integer, got ${value}`);
    return 0n;
  };
  const allow = text('DEPLOY_ALLOW_SIMULATED', 'false');
  if (allow !== 'true' && allow !== 'false') issues.push(`DEPLOY_ALLOW_SIMULATED must be true or false, got ${allow}`);

  const settings: DeploySettings = {
    programId: key('DEPLOY_PROGRAM_ID', m.sdk.EXEC_TRADE_PROGRAM_ID.toBase58()),
    oracleAuthority: key('DEPLOY_ORACLE_AUTHORITY'),
    settlementAuthority: key('DEPLOY_SETTLEMENT_AUTHORITY'),
    collateralMint: key('DEPLOY_COLLATERAL_MINT'),
    allowSimulated: allow === 'true',
    roundSchedule: roundSchedule(m, text('DEPLOY_ROUND_SCHEDULE', m.defaultSchedule) ?? '', issues),
    limits: {
      minPositionSize: integer('DEPLOY_MIN_POSITION_SIZE', '1000000'),
      maxPositionSize: integer('DEPLOY_MAX_POSITION_SIZE', '1000000000'),
      maxRoundNetPayout: integer('DEPLOY_MAX_ROUND_NET_PAYOUT', '100000000000'),
      maxWalletRoundSize: integer('DEPLOY_MAX_WALLET_ROUND_SIZE', '10000000000'),
    },
    refundGraceSec: integer('DEPLOY_REFUND_GRACE_SEC', '3600'),
    houseFundingAtoms: integer('DEPLOY_HOUSE_FUNDING_ATOMS', '0'),
  };
  const { limits, refundGraceSec } = settings;
  if (limits.minPositionSize === 0n || limits.minPositionSize > limits.maxPositionSize) {
    issues.push(`DEPLOY_MIN_POSITION_SIZE must be at least 1 and at most DEPLOY_MAX_POSITION_SIZE (${limits.maxPositionSize})`);
  }
  if (limits.maxRoundNetPayout === 0n) issues.push('DEPLOY_MAX_ROUND_NET_PAYOUT must be at least 1');
  if (limits.maxWalletRoundSize === 0n) issues.push('DEPLOY_MAX_WALLET_ROUND_SIZE must be at least 1');
  if (refundGraceSec < MIN_REFUND_GRACE_SEC || refundGraceSec > MAX_REFUND_GRACE_SEC) {
    issues.push(`DEPLOY_REFUND_GRACE_SEC must be within [${MIN_REFUND_GRACE_SEC}, ${MAX_REFUND_GRACE_SEC}] seconds, got ${refundGraceSec}`);
  }
  for (const name of Object.keys(env)) {
    if (name === 'DEPLOY_CLUSTER') issues.push('DEPLOY_CLUSTER is gone: the cluster is the build\'s (anchor build -- --features devnet|testnet|mainnet)');
    if (name === 'DEPLOY_TRADING_CLOSE_OFFSET_SEC') issues.push('DEPLOY_TRADING_CLOSE_OFFSET_SEC is gone: trading closes per round duration, see DEPLOY_ROUND_SCHEDULE');
    if (name === 'DEPLOY_MAX_ROUND_LIABILITY') issues.push('DEPLOY_MAX_ROUND_LIABILITY is now DEPLOY_MAX_ROUND_NET_PAYOUT (the house\'s worst-case net payout per round)');
  }
  if (issues.length > 0) throw new Error(`deploy settings are invalid (see .env.example):\n  - ${issues.join('\n  - ')}`);
  return settings;
}

/** `60:10,300:30`: round durations and their trading-close offsets, seconds, sorted by duration. */
function roundSchedule(m: Modules, text: string, issues: string[]): RoundScheduleEntry[] {
  const entries = text.split(',').map((pair) => pair.trim().split(':'));
  if (entries.some((e) => e.length !== 2 || !e.every((n) => /^\d+$/.test(n)))) {
    issues.push(`DEPLOY_ROUND_SCHEDULE must be duration:offset pairs in seconds, comma-separated (e.g. ${m.defaultSchedule}), got ${text}`);
    return [];
  }
  const max = m.sdk.MAX_ROUND_SCHEDULE;
  if (entries.length > max) issues.push(`DEPLOY_ROUND_SCHEDULE has ${entries.length} entries; the program holds at most ${max}`);
  try {
    return m.validateSchedule({ rounds: entries.map(([d, o]) => ({ durationSec: Number(d), closeOffsetSec: Number(o) })) }).rounds.map((r) => ({ ...r }));
  } catch (err) {
    issues.push(`DEPLOY_ROUND_SCHEDULE: ${(err as Error).message}`);
    return [];
  }
}

/** The upgrade authority named by the program's ProgramData account (bincode: u32 tag 3, u64 slot, Option<Pubkey>). */
async function upgradeAuthorityOf(m: Modules, connection: Connection, programId: PublicKey): Promise<PublicKey | null> {
  const address = m.sdk.programDataPda(programId);
  const info = await connection.getAccountInfo(address);
  if (info === null || !info.owner.equals(m.sdk.BPF_LOADER_UPGRADEABLE_ID) || info.data.length < 45 || info.data.readUInt32LE(0) !== 3) {
    throw new Error(`program ${programId.toBase58()} has no ProgramData account at ${address.toBase58()}: deploy it with the upgradeable loader first (anchor deploy)`);
  }
  return info.data[12] === 1 ? new PublicKey(info.data.subarray(13, 45)) : null;
}

const scheduleText = (s: readonly RoundScheduleEntry[]): string => s.map((e) => `${e.durationSec}:${e.closeOffsetSec}`).join(',');
const clusterName = (m: Modules, id: number): string => Object.entries(m.sdk.CLUSTER_IDS).find(([, v]) => v === id)?.[0] ?? `unknown (${id})`;

/** Lines for every DEPLOY_* value an existing config does not hold (change them with update_config). */
function differences(config: ConfigAccount, s: DeploySettings): string[] {
  const pairs: Array<[string, string, string]> = [
    ['DEPLOY_ORACLE_AUTHORITY', config.oracleAuthority.toBase58(), s.oracleAuthority.toBase58()],
    ['DEPLOY_SETTLEMENT_AUTHORITY', config.settlementAuthority.toBase58(), s.settlementAuthority.toBase58()],
    ['DEPLOY_COLLATERAL_MINT', config.collateralMint.toBase58(), s.collateralMint.toBase58()],
    ['DEPLOY_ALLOW_SIMULATED', String(config.allowSimulated), String(s.allowSimulated)],
    ['DEPLOY_ROUND_SCHEDULE', scheduleText(config.roundSchedule), scheduleText(s.roundSchedule)],
    ['DEPLOY_MIN_POSITION_SIZE', String(config.limits.minPositionSize), String(s.limits.minPositionSize)],
    ['DEPLOY_MAX_POSITION_SIZE', String(config.limits.maxPositionSize), String(s.limits.maxPositionSize)],
    ['DEPLOY_MAX_ROUND_NET_PAYOUT', String(config.limits.maxRoundNetPayout), String(s.limits.maxRoundNetPayout)],
    ['DEPLOY_MAX_WALLET_ROUND_SIZE', String(config.limits.maxWalletRoundSize), String(s.limits.maxWalletRoundSize)],
    ['DEPLOY_REFUND_GRACE_SEC', String(config.refundGraceSec), String(s.refundGraceSec)],
  ];
  return pairs.filter(([, chain, wanted]) => chain !== wanted).map(([name, chain, wanted]) => `${name}=${wanted}, on chain ${chain}`);
}

/**
 * Signs with the provider's wallet, sends (with preflight) and polls the signature status until it
 * is confirmed. Not provider.sendAndConfirm: web3.js confirms over a PubSub socket that it keeps
 * reconnecting afterwards, so `anchor migrate` would never exit.
 */
async function send(m: Modules, provider: AnchorProvider, programId: PublicKey, label: string, ixs: TransactionInstruction[]): Promise<string> {
  const { connection, wallet } = provider;
  try {
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash('confirmed');
    const tx = await wallet.signTransaction(new Transaction({ feePayer: wallet.publicKey, blockhash, lastValidBlockHeight }).add(...ixs));
    const signature = await connection.sendRawTransaction(tx.serialize(), { preflightCommitment: 'confirmed' });
    for (;;) {
      const status = (await connection.getSignatureStatuses([signature])).value[0];
      if (status?.err) throw Object.assign(new Error(`transaction ${signature} failed: ${JSON.stringify(status.err)}`), { err: status.err });
      if (status?.confirmationStatus === 'confirmed' || status?.confirmationStatus === 'finalized') return signature;
      if ((await connection.getBlockHeight('confirmed')) > lastValidBlockHeight) throw new Error(`transaction ${signature} expired unconfirmed; run again`);
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  } catch (err) {
    const decoded = m.sdk.decodeProgramError(err, { programId: programId.toBase58(), programInstructionIndex: ixs.length - 1 });
    throw new Error(`${label} failed: ${decoded ? `${decoded.errorName}: ${decoded.message}` : (err as Error).message}`, { cause: err });
  }
}

async function deploy(provider: AnchorProvider, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const m = await loadModules();
  const { sdk } = m;
  const s = readSettings(m, env);
  const wallet = provider.wallet.publicKey;
  const program = sdk.createExecTradeProgram(provider.connection, s.programId);
  const config = sdk.configPda(s.programId).address;

  const existing = await sdk.fetchConfig(program);
  if (existing) {
    console.log(`config ${config.toBase58()} exists (admin ${existing.admin.toBase58()}); not re-initialized`);
    for (const line of differences(existing, s)) console.log(`  differs: ${line} (the admin changes it with update_config)`);
  } else {
    const authority = await upgradeAuthorityOf(m, provider.connection, s.programId);
    if (authority === null) throw new Error(`program ${s.programId.toBase58()} is immutable (no upgrade authority): initialize_config can never run`);
    if (!authority.equals(wallet)) {
      throw new Error(
        `the wallet ${wallet.toBase58()} is not the program's upgrade authority (${authority.toBase58()}): only the upgrade authority ` +
          'may run initialize_config (the program refuses anyone else with NotUpgradeAuthority); run anchor migrate with that wallet',
      );
    }
    const ix = await sdk.buildInitializeConfigIx(program, {
      admin: wallet,
      collateralMint: s.collateralMint,
      oracleAuthority: s.oracleAuthority,
      settlementAuthority: s.settlementAuthority,
      allowSimulated: s.allowSimulated,
      limits: s.limits,
      roundSchedule: s.roundSchedule,
      refundGraceSec: s.refundGraceSec,
    });
    const signature = await send(m, provider, s.programId, 'initialize_config', [ix]);
    console.log(`config ${config.toBase58()} initialized by the upgrade authority ${wallet.toBase58()}: ${signature}`);
  }

  const onChain = (await sdk.fetchConfig(program))!;
  const cluster = clusterName(m, onChain.cluster);
  console.log(
    `cluster ${cluster} (from the build), round schedule ${scheduleText(onChain.roundSchedule)}: run the engine with EXEC_CLUSTER=${cluster}, ` +
      `EXEC_PROGRAM_ID=${s.programId.toBase58()} and EXEC_EXPIRIES / EXEC_TRADING_CLOSE_SEC giving this schedule, or it halts quoting`,
  );

  if (s.houseFundingAtoms === 0n) return;
  const vault = sdk.houseVaultPda(s.programId).address;
  const balance = BigInt((await provider.connection.getTokenAccountBalance(vault)).value.amount);
  if (balance > 0n) {
    console.log(`house vault ${vault.toBase58()} already holds ${balance} atoms; DEPLOY_HOUSE_FUNDING_ATOMS not deposited again`);
    return;
  }
  const source = getAssociatedTokenAddressSync(onChain.collateralMint, wallet, true);
  const ix = await sdk.buildFundHouseIx(program, { authority: wallet, amount: s.houseFundingAtoms, collateralMint: onChain.collateralMint, tokenAccount: source });
  const signature = await send(m, provider, s.programId, 'fund_house', [ix]);
  console.log(`house vault funded with ${s.houseFundingAtoms} atoms from ${source.toBase58()}: ${signature}`);
}

// Anchor's host calls the module itself.
module.exports = deploy;
