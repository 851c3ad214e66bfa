/**
 * LiteSVM 1.x test context for what LiteSVM is used for here: the real Ed25519 precompile and SPL
 * Token program with client-built instructions (no exec-trade program: program-level tests run
 * natively in the bank, tests/helpers/exec-trade-env.ts). Transactions are built and signed with
 * web3.js v1, then bridged: `tx.serialize()` → Kit `getTransactionDecoder().decode()` →
 * `svm.sendTransaction()`.
 */
import { address, getTransactionDecoder, lamports, type Address } from '@solana/kit';
import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionInstruction,
  TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js';
import {
  AccountLayout,
  MINT_SIZE,
  TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMint2Instruction,
  createMintToInstruction,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { FailedTransactionMetadata, LiteSVM, TransactionMetadata } from 'litesvm';
import type { ChainView } from '../../engine/src/chain/chain-view.js';

const decoder = getTransactionDecoder();
export const kitAddress = (pk: PublicKey): Address => address(pk.toBase58());

export type TxOutcome =
  | { readonly ok: true; readonly meta: TransactionMetadata; readonly logs: readonly string[] }
  | {
      readonly ok: false;
      readonly logs: readonly string[];
      /** Index of the failing instruction, when the error is an InstructionError. */
      readonly index: number | null;
      /** `Custom(n)` code, when the instruction error is custom (precompile or program). */
      readonly custom: number | null;
      readonly text: string;
    };

export function outcomeOf(result: TransactionMetadata | FailedTransactionMetadata): TxOutcome {
  if (!(result instanceof FailedTransactionMetadata)) return { ok: true, meta: result, logs: result.logs() };
  const err = result.err() as unknown;
  let index: number | null = null;
  let custom: number | null = null;
  if (typeof err === 'object' && err !== null && 'index' in err && typeof (err as unknown as { err?: unknown }).err === 'function') {
    index = (err as { index: number }).index;
    const inner = (err as unknown as { err: () => unknown }).err();
    if (typeof inner === 'object' && inner !== null && 'code' in inner) custom = Number((inner as { code: number }).code);
  }
  return { ok: false, logs: result.meta().logs(), index, custom, text: String((err as { toString?: () => string })?.toString?.() ?? err) };
}

export interface TestContext {
  readonly svm: LiteSVM;
  readonly payer: Keypair;
}

/** A full LiteSVM (`new LiteSVM()`: builtins, SPL programs, precompiles, sigverify) with a funded payer. */
export function createTestContext(): TestContext {
  const svm = new LiteSVM();
  const payer = Keypair.generate();
  svm.airdrop(kitAddress(payer.publicKey), lamports(100_000_000_000n));
  return { svm, payer };
}

export function fund(svm: LiteSVM, who: PublicKey, amount = 10_000_000_000n): void {
  svm.airdrop(kitAddress(who), lamports(amount));
}

/** Send a signed legacy or v0 web3.js transaction through the Kit bridge. */
export function sendTx(svm: LiteSVM, tx: Transaction | VersionedTransaction): TxOutcome {
  const bytes = tx instanceof VersionedTransaction ? tx.serialize() : tx.serialize({ requireAllSignatures: true, verifySignatures: false });
  return outcomeOf(svm.sendTransaction(decoder.decode(bytes)));
}

/** Build a v0 transaction from instructions with the current blockhash, sign it and send it. */
export function sendIxs(svm: LiteSVM, payer: Keypair, ixs: TransactionInstruction[], extraSigners: Keypair[] = []): TxOutcome {
  const message = new TransactionMessage({ payerKey: payer.publicKey, recentBlockhash: svm.latestBlockhash(), instructions: ixs }).compileToV0Message();
  const tx = new VersionedTransaction(message);
  tx.sign([payer, ...extraSigners]);
  return sendTx(svm, tx);
}

export function expectOk(outcome: TxOutcome): asserts outcome is Extract<TxOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`transaction failed: ${outcome.text}\n${outcome.logs.join('\n')}`);
}

export function createMint(svm: LiteSVM, payer: Keypair, decimals = 6, authority: PublicKey = payer.publicKey): PublicKey {
  const mint = Keypair.generate();
  const rent = svm.minimumBalanceForRentExemption(BigInt(MINT_SIZE));
  expectOk(
    sendIxs(
      svm,
      payer,
      [
        SystemProgram.createAccount({ fromPubkey: payer.publicKey, newAccountPubkey: mint.publicKey, lamports: Number(rent), space: MINT_SIZE, programId: TOKEN_PROGRAM_ID }),
        createInitializeMint2Instruction(mint.publicKey, decimals, authority, null),
      ],
      [mint],
    ),
  );
  return mint.publicKey;
}

export function createAta(svm: LiteSVM, payer: Keypair, mint: PublicKey, owner: PublicKey): PublicKey {
  const ata = getAssociatedTokenAddressSync(mint, owner, true);
  expectOk(sendIxs(svm, payer, [createAssociatedTokenAccountIdempotentInstruction(payer.publicKey, ata, owner, mint)]));
  return ata;
}

export function mintTo(svm: LiteSVM, payer: Keypair, mint: PublicKey, dest: PublicKey, amount: bigint): void {
  expectOk(sendIxs(svm, payer, [createMintToInstruction(mint, dest, payer.publicKey, amount)]));
}

export function tokenBalance(svm: LiteSVM, account: PublicKey): bigint {
  const acc = svm.getAccount(kitAddress(account));
  if (!acc.exists) throw new Error(`token account ${account.toBase58()} does not exist`);
  return AccountLayout.decode(Buffer.from(acc.data)).amount;
}

export function accountExists(svm: LiteSVM, who: PublicKey): boolean {
  const acc = svm.getAccount(kitAddress(who));
  return acc.exists && acc.lamports > 0n;
}

/** ChainView over a LiteSVM instance (what RpcChainView reads over JSON-RPC). */
export function svmChain(ctx: TestContext, mint: PublicKey): ChainView {
  return {
    latestBlockhash: async () => ({ blockhash: ctx.svm.latestBlockhash(), lastValidBlockHeight: 150 }),
    accountExists: async (a) => ctx.svm.getAccount(kitAddress(a)).exists,
    collateralMint: async () => mint,
  };
}
