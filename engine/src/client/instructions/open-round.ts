/** open_round(asset, expiry_ts): permissionless; the payer funds the round and its vault. */
import { PublicKey, SystemProgram, type TransactionInstruction } from '@solana/web3.js';
import { TOKEN_PROGRAM_ID } from '@solana/spl-token';
import type { ExecTradeProgram } from '../program.js';
import { assetSeed, configPda, roundPda, roundVaultPda } from '../pdas.js';
import { i64, u8 } from './args.js';

export interface OpenRoundIxParams {
  readonly payer: PublicKey;
  readonly asset: number;
  readonly expiryTs: bigint;
  readonly collateralMint: PublicKey;
}

export async function buildOpenRoundIx(program: ExecTradeProgram, p: OpenRoundIxParams): Promise<TransactionInstruction> {
  assetSeed(p.asset);
  const pid = program.programId;
  const round = roundPda(p.asset, p.expiryTs, pid).address;
  return program.methods
    .openRound(u8(p.asset, 'asset'), i64(p.expiryTs, 'expiry_ts'))
    .accountsStrict({
      payer: p.payer,
      config: configPda(pid).address,
      round,
      roundVault: roundVaultPda(round, pid).address,
      collateralMint: p.collateralMint,
      tokenProgram: TOKEN_PROGRAM_ID,
      systemProgram: SystemProgram.programId,
    })
    .instruction();
}
