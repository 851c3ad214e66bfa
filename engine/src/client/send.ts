/**
 * Send a signed transaction and wait for it by polling `getSignatureStatuses`, never through a
 * WebSocket subscription: web3.js's `confirmTransaction` opens the RPC's PubSub socket and keeps it,
 * so a script that used it does not exit by itself. Program errors come back as `ProgramError`
 * (decoded from the preflight logs, or from the landed transaction's logs), an expired blockhash as
 * `TransactionExpiredError`.
 */
import { SendTransactionError, type Commitment, type Connection, type VersionedTransaction } from '@solana/web3.js';
import { ClientError, ProgramError } from './errors.js';
import { decodeProgramError } from './decode-error.js';

/** The blockhash of the transaction expired before it was seen: it will never land; build it again. */
export class TransactionExpiredError extends ClientError {
  constructor(readonly signature: string) {
    super('EXEC_ERR_TX_EXPIRED', `transaction ${signature} was not confirmed before its blockhash expired; build and send it again`);
    this.name = 'TransactionExpiredError';
  }
}

export interface SendOptions {
  /** Blockhash expiry of the transaction (`getLatestBlockhash().lastValidBlockHeight`). */
  readonly lastValidBlockHeight: number;
  /** Index of the exec-trade instruction, so errors of other instructions are not decoded as ours. */
  readonly programInstructionIndex?: number;
  /** Default 'confirmed'. */
  readonly commitment?: Commitment;
  /** Default 400 ms. */
  readonly pollMs?: number;
}

const REACHED: Record<string, number> = { processed: 0, confirmed: 1, finalized: 2 };

/** Sends `tx` (already signed) and resolves with its signature once it reached `commitment`. */
export async function sendAndConfirmByPolling(connection: Connection, tx: VersionedTransaction, opts: SendOptions): Promise<string> {
  const commitment = opts.commitment ?? 'confirmed';
  const decode = (err: unknown, logs: readonly string[]): ProgramError | null =>
    decodeProgramError(err, { logs, ...(opts.programInstructionIndex === undefined ? {} : { programInstructionIndex: opts.programInstructionIndex }) });
  let signature: string;
  try {
    signature = await connection.sendRawTransaction(tx.serialize(), { preflightCommitment: commitment });
  } catch (err) {
    const logs = err instanceof SendTransactionError ? (err.logs ?? []) : [];
    throw decode(err, logs) ?? err;
  }
  for (;;) {
    const status = (await connection.getSignatureStatuses([signature])).value[0];
    if (status?.err) {
      const landed = await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0, commitment: 'confirmed' }).catch(() => null);
      const logs = landed?.meta?.logMessages ?? [];
      throw decode({ err: status.err }, logs) ?? new ClientError('EXEC_ERR_RPC', `transaction ${signature} failed: ${JSON.stringify(status.err)}`);
    }
    if (status && (REACHED[status.confirmationStatus ?? 'processed'] ?? 0) >= (REACHED[commitment] ?? 1)) return signature;
    if ((await connection.getBlockHeight(commitment)) > opts.lastValidBlockHeight) throw new TransactionExpiredError(signature);
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 400));
  }
}
