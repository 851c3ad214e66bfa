/** Admin and house instructions: initialize_config, update_config, raise_quote_epoch, fund_house, withdraw_house. */
import { PublicKey, SystemProgram, type TransactionInstruction } from '@solana/web3.js';
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import type { ExecTradeProgram } from '../program.js';
import { configPda, houseVaultPda } from '../pdas.js';
import { i64, u64, u8 } from './args.js';

export interface RiskLimits {
  readonly maxPositionSize: bigint;
  readonly maxRoundLiability: bigint;
  readonly maxWalletRoundSize: bigint;
}

export interface InitializeConfigParams {
  readonly admin: PublicKey;
  readonly collateralMint: PublicKey;
  readonly oracleAuthority: PublicKey;
  readonly settlementAuthority: PublicKey;
  readonly cluster: number;
  readonly allowSimulated: boolean;
  readonly limits: RiskLimits;
  readonly tradingCloseOffsetSec: bigint;
  readonly refundGraceSec: bigint;
}

const limitsArg = (l: RiskLimits) => ({
  maxPositionSize: u64(l.maxPositionSize, 'maxPositionSize'),
  maxRoundLiability: u64(l.maxRoundLiability, 'maxRoundLiability'),
  maxWalletRoundSize: u64(l.maxWalletRoundSize, 'maxWalletRoundSize'),
});

export async function buildInitializeConfigIx(program: ExecTradeProgram, p: InitializeConfigParams): Promise<TransactionInstruction> {
  const pid = program.programId;
  return program.methods
    .initializeConfig({
      oracleAuthority: p.oracleAuthority,
      settlementAuthority: p.settlementAuthority,
      cluster: u8(p.cluster, 'cluster'),
      allowSimulated: p.allowSimulated,
      limits: limitsArg(p.limits),
      tradingCloseOffsetSec: i64(p.tradingCloseOffsetSec, 'tradingCloseOffsetSec'),
      refundGraceSec: i64(p.refundGraceSec, 'refundGraceSec'),
    })
    .accountsStrict({
      admin: p.admin,
      config: configPda(pid).address,
      collateralMint: p.collateralMint,
      houseVault: houseVaultPda(pid).address,
      tokenProgram: TOKEN_PROGRAM_ID,
      systemProgram: SystemProgram.programId,
    })
    .instruction();
}

/** Every field optional: only the given ones change. */
export interface UpdateConfigParams {
  readonly admin: PublicKey;
  readonly newAdmin?: PublicKey;
  readonly oracleAuthority?: PublicKey;
  readonly settlementAuthority?: PublicKey;
  readonly paused?: boolean;
  readonly allowSimulated?: boolean;
  readonly limits?: RiskLimits;
  readonly tradingCloseOffsetSec?: bigint;
  readonly refundGraceSec?: bigint;
}

export async function buildUpdateConfigIx(program: ExecTradeProgram, p: UpdateConfigParams): Promise<TransactionInstruction> {
  return program.methods
    .updateConfig({
      newAdmin: p.newAdmin ?? null,
      oracleAuthority: p.oracleAuthority ?? null,
      settlementAuthority: p.settlementAuthority ?? null,
      paused: p.paused ?? null,
      allowSimulated: p.allowSimulated ?? null,
      limits: p.limits ? limitsArg(p.limits) : null,
      tradingCloseOffsetSec: p.tradingCloseOffsetSec === undefined ? null : i64(p.tradingCloseOffsetSec, 'tradingCloseOffsetSec'),
      refundGraceSec: p.refundGraceSec === undefined ? null : i64(p.refundGraceSec, 'refundGraceSec'),
    })
    .accountsStrict({ admin: p.admin, config: configPda(program.programId).address })
    .instruction();
}

export async function buildRaiseQuoteEpochIx(program: ExecTradeProgram, p: { admin: PublicKey; newEpoch: bigint }): Promise<TransactionInstruction> {
  return program.methods
    .raiseQuoteEpoch(u64(p.newEpoch, 'newEpoch'))
    .accountsStrict({ admin: p.admin, config: configPda(program.programId).address })
    .instruction();
}

export interface HouseTransferParams {
  readonly authority: PublicKey;
  readonly amount: bigint;
  readonly collateralMint: PublicKey;
  /** Source (fund) or destination (withdraw) token account; defaults to the authority's ATA. */
  readonly tokenAccount?: PublicKey;
}

export async function buildFundHouseIx(program: ExecTradeProgram, p: HouseTransferParams): Promise<TransactionInstruction> {
  const pid = program.programId;
  return program.methods
    .fundHouse(u64(p.amount, 'amount'))
    .accountsStrict({
      depositor: p.authority,
      config: configPda(pid).address,
      houseVault: houseVaultPda(pid).address,
      depositorToken: p.tokenAccount ?? getAssociatedTokenAddressSync(p.collateralMint, p.authority, true),
      collateralMint: p.collateralMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .instruction();
}

export async function buildWithdrawHouseIx(program: ExecTradeProgram, p: HouseTransferParams): Promise<TransactionInstruction> {
  const pid = program.programId;
  return program.methods
    .withdrawHouse(u64(p.amount, 'amount'))
    .accountsStrict({
      admin: p.authority,
      config: configPda(pid).address,
      houseVault: houseVaultPda(pid).address,
      destination: p.tokenAccount ?? getAssociatedTokenAddressSync(p.collateralMint, p.authority, true),
      collateralMint: p.collateralMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .instruction();
}
