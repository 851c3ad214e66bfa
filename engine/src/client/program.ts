/**
 * A wallet-less Anchor `Program` for exec-trade: enough to build instructions and decode accounts
 * and events. No keypair ever enters the SDK; callers sign the transactions it returns.
 */
import { Program, type Provider } from '@coral-xyz/anchor';
import { Connection, PublicKey } from '@solana/web3.js';
import idlJson from './idl/exec_trade.json' with { type: 'json' };
import type { ExecTrade } from './idl/exec_trade.js';
import { EXEC_TRADE_PROGRAM_ID } from './constants.js';

export type ExecTradeProgram = Program<ExecTrade>;
export const EXEC_TRADE_IDL = idlJson as ExecTrade;

/**
 * Only `connection` is used (account fetches); the default points at localhost and is never
 * contacted by the builders. `programId` selects another deployment of the same program.
 */
export function createExecTradeProgram(
  connection: Connection = new Connection('http://127.0.0.1:8899', 'confirmed'),
  programId: PublicKey = EXEC_TRADE_PROGRAM_ID,
): ExecTradeProgram {
  const provider: Provider = { connection } as Provider;
  const idl = programId.equals(EXEC_TRADE_PROGRAM_ID) ? EXEC_TRADE_IDL : ({ ...EXEC_TRADE_IDL, address: programId.toBase58() } as ExecTrade);
  return new Program<ExecTrade>(idl, provider);
}

/** The Anchor `#[event_cpi]` authority PDA (`["__event_authority"]`). */
const eventAuthorities = new Map<string, PublicKey>();
export function eventAuthorityPda(programId: PublicKey = EXEC_TRADE_PROGRAM_ID): PublicKey {
  const key = programId.toBase58();
  let pda = eventAuthorities.get(key);
  if (!pda) eventAuthorities.set(key, (pda = PublicKey.findProgramAddressSync([new TextEncoder().encode('__event_authority')], programId)[0]));
  return pda;
}
