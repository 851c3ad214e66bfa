/**
 * Admin and house instructions: initialize_config (upgrade authority only), update_config,
 * accept_admin, raise_quote_epoch, fund_house, withdraw_house.
 */
import { PublicKey, SystemProgram, type TransactionInstruction } from '@solana/web3.js';
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import type { ExecTradeProgram } from '../program.js';
import { configPda, houseVaultPda, programDataPda } from '../pdas.js';
import { MAX_ROUND_SCHEDULE } from '../constants.js';
import { InvalidArgumentError } from '../errors.js';
import { i64, u32, u64 } from './args.js';

export interface RiskLimits {
  /** Smallest size (payout) of one fill, collateral atoms. */
  readonly minPositionSize: bigint;
  /** Largest size (payout) of one fill, collateral atoms. */
  readonly maxPositionSize: bigint;
  /** Largest worst-case net payout of the house in one round, over every settlement price. */
  readonly maxRoundNetPayout: bigint;
  /** Largest total size one wallet may hold in one round. */
  readonly maxWalletRoundSize: bigint;
}

/** A round duration and how long before its expiry trading closes, seconds. */
export interface RoundScheduleEntry {
  readonly durationSec: number;
  readonly closeOffsetSec: number;
}

export interface InitializeConfigParams {
  /** Must be the program's upgrade authority (its ProgramData says so). */
  readonly admin: PublicKey;
  readonly collateralMint: PublicKey;
  readonly oracleAuthority: PublicKey;
  readonly settlementAuthority: PublicKey;
  /** Localnet builds only; the program refuses it elsewhere. */
  readonly allowSimulated: boolean;
  readonly limits: RiskLimits;
  /** At most MAX_ROUND_SCHEDULE entries. */
  readonly roundSchedule: readonly RoundScheduleEntry[];
  readonly refundGraceSec: bigint;
}

const limitsArg = (l: RiskLimits) => ({
  minPositionSize: u64(l.minPositionSize, 'minPositionSize'),
  maxPositionSize: u64(l.maxPositionSize, 'maxPositionSize'),
  maxRoundNetPayout: u64(l.maxRoundNetPayout, 'maxRoundNetPayout'),
  maxWalletRoundSize: u64(l.maxWalletRoundSize, 'maxWalletRoundSize'),
});

/** The schedule as the program's fixed array: entries first, zero entries after. */
export function roundScheduleArg(entries: readonly RoundScheduleEntry[]): Array<{ durationSec: number; closeOffsetSec: number }> {
  if (entries.length > MAX_ROUND_SCHEDULE) {
    throw new InvalidArgumentError(`round schedule has ${entries.length} entries; the program holds at most ${MAX_ROUND_SCHEDULE}`);
  }
  const out = entries.map((e) => ({ durationSec: u32(e.durationSec, 'durationSec'), closeOffsetSec: u32(e.closeOffsetSec, 'closeOffsetSec') }));
  while (out.length < MAX_ROUND_SCHEDULE) out.push({ durationSec: 0, closeOffsetSec: 0 });
  return out;
}

export async function buildInitializeConfigIx(program: ExecTradeProgram, p: InitializeConfigParams): Promise<TransactionInstruction> {
  const pid = program.programId;
  return program.methods
    .initializeConfig({
      oracleAuthority: p.oracleAuthority,
      settlementAuthority: p.settlementAuthority,
      allowSimulated: p.allowSimulated,
      limits: limitsArg(p.limits),
      roundSchedule: roundScheduleArg(p.roundSchedule),
      refundGraceSec: i64(p.refundGraceSec, 'refundGraceSec'),
    })
    .accountsStrict({
      admin: p.admin,
      config: configPda(pid).address,
      programData: programDataPda(pid),
      collateralMint: p.collateralMint,
      houseVault: houseVaultPda(pid).address,
      tokenProgram: TOKEN_PROGRAM_ID,
      systemProgram: SystemProgram.programId,
    })
    .instruction();
}

/** Every field optional: only the given ones change. `newAdmin` is only proposed (see buildAcceptAdminIx). */
export interface UpdateConfigParams {
  readonly admin: PublicKey;
  readonly newAdmin?: PublicKey;
  readonly oracleAuthority?: PublicKey;
  readonly settlementAuthority?: PublicKey;
  readonly paused?: boolean;
  readonly allowSimulated?: boolean;
  readonly limits?: RiskLimits;
  readonly roundSchedule?: readonly RoundScheduleEntry[];
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
      roundSchedule: p.roundSchedule === undefined ? null : roundScheduleArg(p.roundSchedule),
      refundGraceSec: p.refundGraceSec === undefined ? null : i64(p.refundGraceSec, 'refundGraceSec'),
    })
    .accountsStrict({ admin: p.admin, config: configPda(program.programId).address })
    .instruction();
}

/** The proposed admin takes over (it signs). */
export async function buildAcceptAdminIx(program: ExecTradeProgram, p: { pendingAdmin: PublicKey }): Promise<TransactionInstruction> {
  return program.methods
    .acceptAdmin()
    .accountsStrict({ pendingAdmin: p.pendingAdmin, config: configPda(program.programId).address })
    .instruction();
}

/** `newEpoch` must be the current epoch + 1. */
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
