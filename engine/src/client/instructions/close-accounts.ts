/** close_quote_fill() and close_round(): permissionless rent reclaim to the recorded payer / opener. */
import { PublicKey, type TransactionInstruction } from '@solana/web3.js';
import { TOKEN_PROGRAM_ID } from '@solana/spl-token';
import type { ExecTradeProgram } from '../program.js';
import { configPda, houseVaultPda, quoteFillPda, roundPda, roundVaultPda } from '../pdas.js';

export async function buildCloseQuoteFillIx(program: ExecTradeProgram, p: { quoteId: Uint8Array; payer: PublicKey }): Promise<TransactionInstruction> {
  return program.methods
    .closeQuoteFill()
    .accountsStrict({ quoteFill: quoteFillPda(p.quoteId, program.programId).address, payer: p.payer })
    .instruction();
}

export interface CloseRoundIxParams {
  readonly asset: number;
  readonly expiryTs: bigint;
  readonly opener: PublicKey;
  readonly collateralMint: PublicKey;
}

export async function buildCloseRoundIx(program: ExecTradeProgram, p: CloseRoundIxParams): Promise<TransactionInstruction> {
  const pid = program.programId;
  const round = roundPda(p.asset, p.expiryTs, pid).address;
  return program.methods
    .closeRound()
    .accountsStrict({
      config: configPda(pid).address,
      round,
      roundVault: roundVaultPda(round, pid).address,
      houseVault: houseVaultPda(pid).address,
      opener: p.opener,
      collateralMint: p.collateralMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .instruction();
}
