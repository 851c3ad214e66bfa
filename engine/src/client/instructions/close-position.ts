/**
 * claim() and refund(): permissionless cranks over one position. Both take the same accounts (the
 * program's `PositionPayout` group, under `payout`): the funds go only to the trader's collateral
 * account and the house vault, rent to the recorded payer.
 */
import { PublicKey, type TransactionInstruction } from '@solana/web3.js';
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import type { ExecTradeProgram } from '../program.js';
import { eventAuthorityPda } from '../program.js';
import { configPda, exposurePda, houseVaultPda, positionPda, roundPda, roundVaultPda } from '../pdas.js';

export interface PositionIxParams {
  readonly quoteId: Uint8Array;
  readonly trader: PublicKey;
  readonly asset: number;
  readonly expiryTs: bigint;
  readonly collateralMint: PublicKey;
  /** The position's recorded rent payer (usually the trader). */
  readonly payer: PublicKey;
  readonly traderToken?: PublicKey;
}

function accounts(program: ExecTradeProgram, p: PositionIxParams) {
  const pid = program.programId;
  const round = roundPda(p.asset, p.expiryTs, pid).address;
  return {
    payout: {
      config: configPda(pid).address,
      round,
      roundVault: roundVaultPda(round, pid).address,
      houseVault: houseVaultPda(pid).address,
      position: positionPda(p.quoteId, p.trader, pid).address,
      exposure: exposurePda(round, p.trader, pid).address,
      traderToken: p.traderToken ?? getAssociatedTokenAddressSync(p.collateralMint, p.trader, true),
      payer: p.payer,
      collateralMint: p.collateralMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    },
    eventAuthority: eventAuthorityPda(pid),
    program: pid,
  };
}

export async function buildClaimIx(program: ExecTradeProgram, p: PositionIxParams): Promise<TransactionInstruction> {
  return program.methods.claim().accountsStrict(accounts(program, p)).instruction();
}

export async function buildRefundIx(program: ExecTradeProgram, p: PositionIxParams): Promise<TransactionInstruction> {
  return program.methods.refund().accountsStrict(accounts(program, p)).instruction();
}
