/**
 * Sign, send and confirm a few instructions as one v0 transaction: the operator-side sender used
 * by provisioning, the demo faucet and tests (the SDK's builders stay pure and never sign).
 */
import { Connection, TransactionMessage, VersionedTransaction, type Keypair, type TransactionInstruction } from '@solana/web3.js';
import { EngineError } from '../lib/errors.js';

export class ChainSendError extends EngineError {
  readonly logs: readonly string[];
  constructor(message: string, logs: readonly string[] = [], cause?: unknown) {
    super('EXEC_ERR_CHAIN_SEND', message, { cause });
    this.name = 'ChainSendError';
    this.logs = logs;
  }
}

/** Sends `ixs` with `payer` as fee payer, signed by `payer` and `signers`; resolves once confirmed. */
export async function sendAndConfirm(
  connection: Connection,
  payer: Keypair,
  ixs: TransactionInstruction[],
  signers: Keypair[] = [],
  label = 'transaction',
): Promise<string> {
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash('confirmed');
  const message = new TransactionMessage({ payerKey: payer.publicKey, recentBlockhash: blockhash, instructions: ixs }).compileToV0Message();
  const tx = new VersionedTransaction(message);
  tx.sign([payer, ...signers]);
  let signature: string;
  try {
    signature = await connection.sendTransaction(tx);
  } catch (err) {
    const logs = (err as { logs?: string[] }).logs ?? [];
    throw new ChainSendError(`${label} failed: ${(err as Error).message}`, logs, err);
  }
  const { value } = await connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight }, 'confirmed');
  if (value.err) throw new ChainSendError(`${label} failed on-chain: ${JSON.stringify(value.err)}`, [], value.err);
  return signature;
}
