/** settle_round(): permissionless; must follow the Ed25519 instruction carrying the signed settlement. */
import { SYSVAR_INSTRUCTIONS_PUBKEY, type TransactionInstruction } from '@solana/web3.js';
import type { ExecTradeProgram } from '../program.js';
import { eventAuthorityPda } from '../program.js';
import { configPda, roundPda } from '../pdas.js';

export interface SettleRoundIxParams {
  readonly asset: number;
  readonly expiryTs: bigint;
}

export async function buildSettleRoundIx(program: ExecTradeProgram, p: SettleRoundIxParams): Promise<TransactionInstruction> {
  const pid = program.programId;
  return program.methods
    .settleRound()
    .accountsStrict({
      config: configPda(pid).address,
      round: roundPda(p.asset, p.expiryTs, pid).address,
      instructionsSysvar: SYSVAR_INSTRUCTIONS_PUBKEY,
      eventAuthority: eventAuthorityPda(pid),
      program: pid,
    })
    .instruction();
}
