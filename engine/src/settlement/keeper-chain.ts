/**
 * The keeper's view of the chain: read a round's status, submit settle_round and open_round.
 * `RpcKeeperChain` does it over JSON-RPC with the keeper keypair as fee payer; every failure comes
 * back as a typed error (`ProgramError` for program rejections, `RpcError` with `retryable`).
 */
import { Connection, Keypair, PublicKey, SendTransactionError, type VersionedTransaction } from '@solana/web3.js';
import type { ExecTradeProgram } from '../client/program.js';
import { fetchRound, type RoundStatusName } from '../client/accounts.js';
import { buildSettleRoundTx, buildV0Tx, type SignedSettlement } from '../client/transactions.js';
import { buildOpenRoundIx } from '../client/instructions/open-round.js';
import { decodeProgramError } from '../client/decode-error.js';
import { RpcError } from '../client/errors.js';

export interface KeeperChain {
  roundStatus(asset: number, expiryTs: bigint): Promise<RoundStatusName | null>;
  settleRound(settlement: SignedSettlement, settlementAuthority: string): Promise<string>;
  openRound(asset: number, expiryTs: bigint): Promise<string>;
}

/** JSON-RPC error codes worth retrying: node behind / unhealthy, slot skipped, block not available. */
const RETRYABLE_RPC_CODES = new Set([-32004, -32005, -32007, -32009, -32014, -32016]);

/** Turn anything thrown while talking to the chain into ProgramError or RpcError (retryable decided by code). */
export function classifyChainError(err: unknown, programInstructionIndex: number, programId?: string): Error {
  if (err instanceof RpcError) return err; // already classified (e.g. HTTP status, rpc-fetch.ts)
  const logs = err instanceof SendTransactionError ? (err.logs ?? []) : undefined;
  const decoded = decodeProgramError(err, { ...(logs ? { logs } : {}), programInstructionIndex, ...(programId ? { programId } : {}) });
  if (decoded) return decoded;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'number') return new RpcError(`RPC error ${code}`, RETRYABLE_RPC_CODES.has(code), err);
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)) {
    return new RpcError(`network error ${code}`, true, err);
  }
  const name = (err as { name?: unknown })?.name;
  if (name === 'TransactionExpiredBlockheightExceededError' || name === 'TransactionExpiredTimeoutError') return new RpcError(String(name), true, err);
  if (err instanceof TypeError && (err.cause as { code?: string } | undefined)?.code !== undefined) return new RpcError('network error', true, err);
  return new RpcError(err instanceof Error ? err.message : String(err), false, err);
}

export class RpcKeeperChain implements KeeperChain {
  constructor(
    private readonly connection: Connection,
    private readonly program: ExecTradeProgram,
    private readonly payer: Keypair,
    private readonly collateralMint: () => Promise<PublicKey>,
  ) {}

  async roundStatus(asset: number, expiryTs: bigint): Promise<RoundStatusName | null> {
    try {
      return (await fetchRound(this.program, asset, expiryTs))?.status ?? null;
    } catch (err) {
      throw classifyChainError(err, -1);
    }
  }

  async settleRound(settlement: SignedSettlement, settlementAuthority: string): Promise<string> {
    return this.send(async (blockhash) => {
      const { transaction } = await buildSettleRoundTx({ program: this.program, settlement, settlementAuthority, payer: this.payer.publicKey, recentBlockhash: blockhash });
      return transaction;
    }, 1);
  }

  async openRound(asset: number, expiryTs: bigint): Promise<string> {
    const collateralMint = await this.collateralMint();
    return this.send(async (blockhash) => {
      const ix = await buildOpenRoundIx(this.program, { payer: this.payer.publicKey, asset, expiryTs, collateralMint });
      return buildV0Tx(this.payer.publicKey, blockhash, [ix]);
    }, 0);
  }

  private async send(build: (blockhash: string) => Promise<VersionedTransaction>, programIx: number): Promise<string> {
    try {
      const { blockhash, lastValidBlockHeight } = (await this.connection.getLatestBlockhashAndContext('confirmed')).value;
      const tx = await build(blockhash);
      tx.sign([this.payer]);
      const signature = await this.connection.sendRawTransaction(tx.serialize(), { maxRetries: 0 });
      const res = await this.connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight }, 'confirmed');
      if (res.value.err) throw { err: res.value.err };
      return signature;
    } catch (err) {
      throw classifyChainError(err, programIx, this.program.programId.toBase58());
    }
  }
}
