/** take_quote(quote_id, side, size): fill a verified quote; must follow its Ed25519 instruction. */
import { PublicKey, SYSVAR_INSTRUCTIONS_PUBKEY, SystemProgram, type TransactionInstruction } from '@solana/web3.js';
import { TOKEN_PROGRAM_ID } from '@solana/spl-token';
import type { ExecTradeProgram } from '../program.js';
import { eventAuthorityPda } from '../program.js';
import { associatedTokenAddress, configPda, exposurePda, houseVaultPda, positionPda, quoteFillPda, roundPda, roundVaultPda } from '../pdas.js';
import { SIDE_DOWN, SIDE_UP } from '../constants.js';
import { InvalidArgumentError } from '../errors.js';
import { quoteIdArg, u64, u8 } from './args.js';

export interface TakeQuoteIxParams {
  readonly trader: PublicKey;
  readonly quoteId: Uint8Array;
  readonly asset: number;
  readonly expiryTs: bigint;
  readonly side: number;
  readonly size: bigint;
  readonly collateralMint: PublicKey;
  /** Defaults to the trader's associated token account for the mint. */
  readonly traderToken?: PublicKey;
}

export async function buildTakeQuoteIx(program: ExecTradeProgram, p: TakeQuoteIxParams): Promise<TransactionInstruction> {
  if (p.side !== SIDE_UP && p.side !== SIDE_DOWN) throw new InvalidArgumentError(`side must be ${SIDE_UP} (up) or ${SIDE_DOWN} (down), got ${p.side}`);
  if (p.size <= 0n) throw new InvalidArgumentError('size must be positive');
  const pid = program.programId;
  const round = roundPda(p.asset, p.expiryTs, pid).address;
  return program.methods
    .takeQuote(quoteIdArg(p.quoteId), u8(p.side, 'side'), u64(p.size, 'size'))
    .accountsStrict({
      trader: p.trader,
      config: configPda(pid).address,
      round,
      roundVault: roundVaultPda(round, pid).address,
      houseVault: houseVaultPda(pid).address,
      quoteFill: quoteFillPda(p.quoteId, pid).address,
      position: positionPda(p.quoteId, p.trader, pid).address,
      exposure: exposurePda(round, p.trader, pid).address,
      traderToken: p.traderToken ?? associatedTokenAddress(p.collateralMint, p.trader),
      collateralMint: p.collateralMint,
      instructionsSysvar: SYSVAR_INSTRUCTIONS_PUBKEY,
      tokenProgram: TOKEN_PROGRAM_ID,
      systemProgram: SystemProgram.programId,
      eventAuthority: eventAuthorityPda(pid),
      program: pid,
    })
    .instruction();
}
