/**
 * The demo's own chain: builds and starts the local chain, then makes it tradeable with the real
 * instructions (provision.ts): a collateral mint whose authority stays in this process (the
 * faucet), `initialize_config` by a throwaway upgrade authority with the engine's oracle and
 * settlement keys and round schedule, and a funded house vault. A throwaway keeper key gets SOL.
 * Nothing here is written to disk; every key is new each run.
 */
import { Keypair, LAMPORTS_PER_SOL, PublicKey } from '@solana/web3.js';
import type { RiskLimits, RoundScheduleEntry } from '../client/index.js';
import { buildLocalChain } from './build-local-chain.js';
import { LocalChain, type ChainLogger } from './local-chain.js';
import { fundTrader, provisionExecTrade, type FaucetGrant } from './provision.js';

export interface DemoChainOptions {
  readonly logger: ChainLogger;
  /** JSON-RPC port (PubSub on the next); 0 = any free pair. */
  readonly port: number;
  readonly oracleAuthority: PublicKey;
  readonly settlementAuthority: PublicKey;
  readonly roundSchedule: readonly RoundScheduleEntry[];
  readonly limits: RiskLimits;
  readonly refundGraceSec: bigint;
  readonly houseFunding: bigint;
  /** The engine's signing epoch: the new config is raised to it. */
  readonly quoteEpoch: bigint;
  readonly faucetLamports: number;
  readonly faucetCollateralAtoms: bigint;
  /** Aborts a build in progress (engine shutdown). */
  readonly signal?: AbortSignal;
}

export interface DemoChain {
  readonly chain: LocalChain;
  readonly collateralMint: PublicKey;
  readonly keeperPayer: Keypair;
  /** SOL for fees and collateral to trade with, for `trader`. */
  faucet(trader: PublicKey): Promise<FaucetGrant>;
  stop(): Promise<void>;
}

export async function startDemoChain(o: DemoChainOptions): Promise<DemoChain> {
  const binaryPath = await buildLocalChain(o.logger, o.signal);
  const admin = Keypair.generate();
  const mintAuthority = Keypair.generate();
  const chain = await LocalChain.start({ upgradeAuthority: admin.publicKey, port: o.port, binaryPath, logger: o.logger });
  try {
    const { collateralMint } = await provisionExecTrade({
      connection: chain.connection,
      admin,
      mintAuthority,
      oracleAuthority: o.oracleAuthority,
      settlementAuthority: o.settlementAuthority,
      allowSimulated: true,
      limits: o.limits,
      roundSchedule: o.roundSchedule,
      refundGraceSec: o.refundGraceSec,
      houseFunding: o.houseFunding,
      quoteEpoch: o.quoteEpoch,
    });
    const keeperPayer = Keypair.generate();
    await fundTrader(chain.connection, collateralMint, mintAuthority, keeperPayer.publicKey, 100 * LAMPORTS_PER_SOL, 0n);
    return {
      chain,
      collateralMint,
      keeperPayer,
      faucet: (trader) => fundTrader(chain.connection, collateralMint, mintAuthority, trader, o.faucetLamports, o.faucetCollateralAtoms),
      stop: () => chain.stop(),
    };
  } catch (err) {
    await chain.stop();
    throw err;
  }
}
