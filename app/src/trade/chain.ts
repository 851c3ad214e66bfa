/**
 * The chain the engine trades on (GET /v1/oracle `rpcUrl`/`wsUrl`), through the SDK: balances,
 * the trader's positions with their rounds (the program's own account decoders), sending a signed
 * transaction and confirming it, with a failure decoded to the program's error and code.
 */
import { Connection, PublicKey, TransactionExpiredBlockheightExceededError, VersionedTransaction } from '@solana/web3.js';
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import bs58 from 'bs58';
import {
  buildClaimTx,
  buildRefundTx,
  createExecTradeProgram,
  decodeProgramError,
  decodeRound,
  fetchChainUnixTs,
  fetchTraderPositions,
  runtimeFailureCode,
  type ExecTradeProgram,
  type PositionAccount,
  type RoundAccount,
} from '../../../engine/src/client/index.js';
import type { OracleInfo } from '../api.js';
import { TerminalError } from '../errors.js';

/** SPL Token's TokenError::InsufficientFunds. */
const TOKEN_INSUFFICIENT_FUNDS = 1;

export interface Balances {
  readonly lamports: number;
  /** Collateral atoms in the wallet's associated token account; null when that account does not exist. */
  readonly collateral: bigint | null;
  readonly tokenAccount: PublicKey;
}

export type PositionState = 'open' | 'awaiting-settlement' | 'won' | 'lost' | 'refundable' | 'unknown';

export interface PositionView {
  readonly address: PublicKey;
  readonly position: PositionAccount;
  readonly round: RoundAccount | null;
  readonly symbol: string;
  readonly state: PositionState;
}

export function positionState(position: PositionAccount, round: RoundAccount | null, chainNowSec: bigint): PositionState {
  if (round === null) return 'unknown';
  if (round.status === 'settled') return (round.settlementPrice >= position.strike ? 'up' : 'down') === position.side ? 'won' : 'lost';
  if (round.status === 'refunding' || chainNowSec >= round.refundAfterTs) return 'refundable';
  return chainNowSec >= round.expiryTs ? 'awaiting-settlement' : 'open';
}

export class ChainClient {
  readonly connection: Connection;
  readonly program: ExecTradeProgram;
  readonly mint: PublicKey;
  private readonly symbols: ReadonlyMap<number, string>;

  constructor(oracle: OracleInfo & { rpcUrl: string; collateralMint: string }) {
    this.connection = new Connection(oracle.rpcUrl, { commitment: 'confirmed', ...(oracle.wsUrl ? { wsEndpoint: oracle.wsUrl } : {}) });
    this.program = createExecTradeProgram(this.connection, new PublicKey(oracle.programId));
    this.mint = new PublicKey(oracle.collateralMint);
    this.symbols = new Map(oracle.markets.map((m) => [m.assetId, m.symbol]));
  }

  tokenAccount(owner: PublicKey): PublicKey {
    return getAssociatedTokenAddressSync(this.mint, owner, true);
  }

  async balances(owner: PublicKey): Promise<Balances> {
    const tokenAccount = this.tokenAccount(owner);
    const [lamports, token] = await Promise.all([
      this.connection.getBalance(owner, 'confirmed'),
      this.connection.getAccountInfo(tokenAccount, 'confirmed').then((info) => (info === null ? null : this.connection.getTokenAccountBalance(tokenAccount, 'confirmed'))),
    ]);
    return { lamports, collateral: token === null ? null : BigInt(token.value.amount), tokenAccount };
  }

  /** Every position account of `owner`, with its round and what it is worth now. */
  async positions(owner: PublicKey): Promise<PositionView[]> {
    const [found, nowSec] = await Promise.all([fetchTraderPositions(this.program, owner), fetchChainUnixTs(this.connection)]);
    const roundKeys = [...new Map(found.map((f) => [f.position.round.toBase58(), f.position.round])).values()];
    const infos = roundKeys.length === 0 ? [] : await this.connection.getMultipleAccountsInfo(roundKeys, 'confirmed');
    const rounds = new Map(roundKeys.map((key, i) => [key.toBase58(), infos[i] ? decodeRound(this.program, infos[i].data as Buffer) : null]));
    return found
      .map(({ address, position }) => {
        const round = rounds.get(position.round.toBase58()) ?? null;
        return { address, position, round, symbol: round === null ? '?' : (this.symbols.get(round.asset) ?? `asset ${round.asset}`), state: positionState(position, round, nowSec) };
      })
      .sort((a, b) => Number((b.round?.expiryTs ?? 0n) - (a.round?.expiryTs ?? 0n)));
  }

  /** claim() (settled) or refund() (refundable) of a position, fee payer `owner`. */
  async closeTx(owner: PublicKey, view: PositionView, kind: 'claim' | 'refund'): Promise<{ transaction: VersionedTransaction; blockhash: string; lastValidBlockHeight: number }> {
    if (view.round === null) throw new TerminalError('EXEC_ERR_TERMINAL_UNEXPECTED', 'the round of this position is gone');
    const { blockhash, lastValidBlockHeight } = await this.connection.getLatestBlockhash('confirmed');
    const params = {
      program: this.program,
      feePayer: owner,
      recentBlockhash: blockhash,
      position: { quoteId: view.position.quoteId, trader: view.position.trader, asset: view.round.asset, expiryTs: view.round.expiryTs, collateralMint: this.mint, payer: view.position.payer },
    };
    return { transaction: kind === 'claim' ? await buildClaimTx(params) : await buildRefundTx(params), blockhash, lastValidBlockHeight };
  }

  /** Sends a signed transaction; a preflight refusal is decoded (nothing landed). Resolves with the signature. */
  async send(signed: Uint8Array, programIx: number): Promise<string> {
    try {
      return await this.connection.sendRawTransaction(signed, { preflightCommitment: 'confirmed' });
    } catch (err) {
      const logs = (err as { logs?: string[] }).logs ?? [];
      const decoded = this.decode(err, logs, programIx, 'refused before landing (preflight)');
      if (decoded instanceof TerminalError && decoded.code === 'EXEC_ERR_CHAIN_REJECTED' && (await this.expired(signed))) {
        throw new TerminalError('EXEC_ERR_TX_EXPIRED', 'the transaction expired before it reached the chain (its blockhash is too old: the signature took too long); nothing was taken, send again');
      }
      throw decoded;
    }
  }

  /** The transaction's blockhash is no longer accepted by the chain. */
  private async expired(signed: Uint8Array): Promise<boolean> {
    const blockhash = VersionedTransaction.deserialize(signed).message.recentBlockhash;
    const { value } = await this.connection.isBlockhashValid(blockhash, { commitment: 'confirmed' }).catch(() => ({ value: true }));
    return !value;
  }

  /** Waits for `signature` at confirmed; a transaction that failed on-chain throws its decoded error. */
  async confirm(signature: string, blockhash: string, lastValidBlockHeight: number, programIx: number): Promise<void> {
    const err = await this.landedError(signature, blockhash, lastValidBlockHeight);
    if (err === null) return;
    const landed = await this.connection.getTransaction(signature, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 }).catch(() => null);
    throw this.decode({ err }, landed?.meta?.logMessages ?? [], programIx, 'failed on-chain');
  }

  /**
   * The error of the landed transaction (null: it succeeded). web3.js rejects with the bare status
   * error when its status check beats the signature notification, and gives up once the block height
   * passes `lastValidBlockHeight` even when the transaction landed (on the demo chain a blockhash
   * lives 1–2 s, so a slow machine gets there first): then the signature's status decides.
   */
  private async landedError(signature: string, blockhash: string, lastValidBlockHeight: number): Promise<unknown> {
    try {
      return (await this.connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight }, 'confirmed')).value.err;
    } catch (thrown) {
      const { value } = await this.connection.getSignatureStatus(signature, { searchTransactionHistory: true });
      if (value !== null) return value.err;
      if (thrown instanceof TransactionExpiredBlockheightExceededError) {
        throw new TerminalError('EXEC_ERR_TX_EXPIRED', 'the transaction expired before it landed (its blockhash is too old: it took too long to send); nothing was taken, send again');
      }
      throw thrown;
    }
  }

  private decode(err: unknown, logs: readonly string[], programIx: number, when: string): Error {
    const program = decodeProgramError(err, { logs, programInstructionIndex: programIx, programId: this.program.programId.toBase58() });
    if (program !== null) return program;
    if (runtimeFailureCode(logs, TOKEN_PROGRAM_ID.toBase58()) === TOKEN_INSUFFICIENT_FUNDS) {
      return new TerminalError('EXEC_ERR_INSUFFICIENT_FUNDS', `not enough collateral in the wallet for this stake (${when})`);
    }
    const detail = (err as { transactionMessage?: string }).transactionMessage ?? (err instanceof Error ? err.message : JSON.stringify((err as { err?: unknown }).err ?? err));
    return new TerminalError('EXEC_ERR_CHAIN_REJECTED', `transaction ${when}: ${detail}`);
  }
}

/** The fee payer's signature of a serialized transaction (its id), base58. */
export function signatureOf(serialized: Uint8Array): string {
  return bs58.encode(VersionedTransaction.deserialize(serialized).signatures[0] as Uint8Array);
}
