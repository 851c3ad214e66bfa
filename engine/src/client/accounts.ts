/**
 * Decoded exec-trade accounts with bigint amounts and string enums, plus fetch helpers over the
 * Program's connection. Layouts come from the IDL (Anchor's coder), so they follow the program.
 */
import type { BN } from '@coral-xyz/anchor';
import { PublicKey, SYSVAR_CLOCK_PUBKEY, type Connection } from '@solana/web3.js';
import type { ExecTradeProgram } from './program.js';
import { configPda, roundPda } from './pdas.js';
import type { RiskLimits, RoundScheduleEntry } from './instructions/admin.js';

export type RoundStatusName = 'open' | 'settled' | 'refunding';
export type PositionSide = 'up' | 'down';

/** Fills at one strike of a round (collateral atoms; strike in price micro-units). */
export interface StrikeExposure {
  readonly strike: bigint;
  readonly upSize: bigint;
  readonly upStake: bigint;
  readonly downSize: bigint;
  readonly downStake: bigint;
}

export interface RoundAccount {
  readonly asset: number;
  readonly expiryTs: bigint;
  readonly tradingCloseTs: bigint;
  /** Refunds may start, and settlement no longer lands, at this instant (unix seconds). */
  readonly refundAfterTs: bigint;
  readonly status: RoundStatusName;
  readonly settlementPrice: bigint;
  readonly settledAt: bigint;
  readonly totalSize: bigint;
  readonly openPositions: number;
  /** The house's worst-case net payout over every settlement price, collateral atoms. */
  readonly worstCaseNetPayout: bigint;
  /** Fills per strike, sorted by strike. */
  readonly exposures: readonly StrikeExposure[];
  readonly opener: PublicKey;
}

export interface PositionAccount {
  readonly trader: PublicKey;
  readonly round: PublicKey;
  readonly quoteId: Uint8Array;
  readonly strike: bigint;
  readonly side: PositionSide;
  readonly size: bigint;
  readonly stake: bigint;
  readonly houseCollateral: bigint;
  readonly payer: PublicKey;
}

export interface ConfigAccount {
  readonly admin: PublicKey;
  /** Proposed admin, or null. */
  readonly pendingAdmin: PublicKey | null;
  readonly oracleAuthority: PublicKey;
  readonly settlementAuthority: PublicKey;
  readonly collateralMint: PublicKey;
  readonly cluster: number;
  readonly quoteEpoch: bigint;
  readonly paused: boolean;
  readonly allowSimulated: boolean;
  readonly limits: RiskLimits;
  readonly roundSchedule: readonly RoundScheduleEntry[];
  readonly refundGraceSec: bigint;
  readonly houseLiability: bigint;
}

const big = (v: BN): bigint => BigInt(v.toString());
const enumName = <T extends string>(v: object): T => Object.keys(v)[0]!.toLowerCase() as T;

// Fetches use getAccountInfoAndContext: web3.js's getAccountInfo folds RPC errors into message text.

/** Anchor account discriminator + field offsets: Position.trader sits right after the 8-byte discriminator. */
export const POSITION_TRADER_OFFSET = 8;

export function decodeRound(program: ExecTradeProgram, data: Buffer): RoundAccount {
  const r = program.coder.accounts.decode('round', data);
  return {
    asset: r.asset,
    expiryTs: big(r.expiryTs),
    tradingCloseTs: big(r.tradingCloseTs),
    refundAfterTs: big(r.refundAfterTs),
    status: enumName<RoundStatusName>(r.status),
    settlementPrice: big(r.settlementPrice),
    settledAt: big(r.settledAt),
    totalSize: big(r.totalSize),
    openPositions: r.openPositions,
    worstCaseNetPayout: big(r.worstCaseNetPayout),
    exposures: (r.exposures as Array<Record<string, BN>>).slice(0, r.strikeCount).map((e) => ({
      strike: big(e.strike!),
      upSize: big(e.upSize!),
      upStake: big(e.upStake!),
      downSize: big(e.downSize!),
      downStake: big(e.downStake!),
    })),
    opener: r.opener,
  };
}

export function decodePosition(program: ExecTradeProgram, data: Buffer): PositionAccount {
  const p = program.coder.accounts.decode('position', data);
  return {
    trader: p.trader,
    round: p.round,
    quoteId: Uint8Array.from(p.quoteId),
    strike: big(p.strike),
    side: enumName<PositionSide>(p.side),
    size: big(p.size),
    stake: big(p.stake),
    houseCollateral: big(p.houseCollateral),
    payer: p.payer,
  };
}

export function decodeConfig(program: ExecTradeProgram, data: Buffer): ConfigAccount {
  const c = program.coder.accounts.decode('config', data);
  return {
    admin: c.admin,
    pendingAdmin: (c.pendingAdmin as PublicKey).equals(PublicKey.default) ? null : c.pendingAdmin,
    oracleAuthority: c.oracleAuthority,
    settlementAuthority: c.settlementAuthority,
    collateralMint: c.collateralMint,
    cluster: c.cluster,
    quoteEpoch: big(c.quoteEpoch),
    paused: c.paused,
    allowSimulated: c.allowSimulated,
    limits: {
      minPositionSize: big(c.limits.minPositionSize),
      maxPositionSize: big(c.limits.maxPositionSize),
      maxRoundNetPayout: big(c.limits.maxRoundNetPayout),
      maxWalletRoundSize: big(c.limits.maxWalletRoundSize),
    },
    roundSchedule: (c.roundSchedule as Array<{ durationSec: number; closeOffsetSec: number }>)
      .filter((e) => e.durationSec !== 0)
      .map((e) => ({ durationSec: e.durationSec, closeOffsetSec: e.closeOffsetSec })),
    refundGraceSec: big(c.refundGraceSec),
    houseLiability: big(c.houseLiability),
  };
}

/** Clock sysvar layout: slot u64, epoch_start_timestamp i64, epoch u64, leader_schedule_epoch u64, unix_timestamp i64. */
const CLOCK_UNIX_TS_OFFSET = 32;

/** The `unix_timestamp` of Clock sysvar account data: the time the program judges by. */
export function decodeClockUnixTs(data: Uint8Array): bigint {
  if (data.length < CLOCK_UNIX_TS_OFFSET + 8) throw new RangeError(`Clock sysvar data is ${data.length} bytes`);
  return new DataView(data.buffer, data.byteOffset, data.byteLength).getBigInt64(CLOCK_UNIX_TS_OFFSET, true);
}

/** The chain's unix time (Clock sysvar), seconds. */
export async function fetchChainUnixTs(connection: Connection): Promise<bigint> {
  const info = (await connection.getAccountInfoAndContext(SYSVAR_CLOCK_PUBKEY, 'confirmed')).value;
  if (!info) throw new Error('Clock sysvar not returned by the RPC');
  return decodeClockUnixTs(info.data);
}

export async function fetchRound(program: ExecTradeProgram, asset: number, expiryTs: bigint): Promise<RoundAccount | null> {
  const info = (await program.provider.connection.getAccountInfoAndContext(roundPda(asset, expiryTs, program.programId).address)).value;
  return info ? decodeRound(program, info.data) : null;
}

export async function fetchConfig(program: ExecTradeProgram): Promise<ConfigAccount | null> {
  const info = (await program.provider.connection.getAccountInfoAndContext(configPda(program.programId).address)).value;
  return info ? decodeConfig(program, info.data) : null;
}

/** Every open position of `trader` (getProgramAccounts, filtered by discriminator and trader). */
export async function fetchTraderPositions(program: ExecTradeProgram, trader: PublicKey): Promise<Array<{ address: PublicKey; position: PositionAccount }>> {
  const filter = program.coder.accounts.memcmp('position');
  const accounts = await program.provider.connection.getProgramAccounts(program.programId, {
    filters: [{ memcmp: { offset: filter.offset ?? 0, bytes: filter.bytes } }, { memcmp: { offset: POSITION_TRADER_OFFSET, bytes: trader.toBase58() } }],
  });
  return accounts.map((a) => ({ address: a.pubkey, position: decodePosition(program, a.account.data) }));
}
