/**
 * Unsigned v0 transactions for every user-facing flow, fee payer = the user. Pure builders: the
 * caller supplies the recent blockhash and signs; nothing here talks to the network.
 *
 * take_quote: [ComputeBudget…?, open_round? (when the round account is missing; caller says),
 * Ed25519(quote), take_quote]. settle_round: [ComputeBudget…?, Ed25519(settlement), settle_round].
 * The Ed25519 instruction always sits immediately before the program instruction that reads it.
 */
import bs58 from 'bs58';
import {
  ComputeBudgetProgram,
  PublicKey,
  VersionedTransaction,
  type TransactionInstruction,
} from '@solana/web3.js';
import { PACKET_DATA_SIZE, SIDE_IDS, type SideName } from './constants.js';
import { buildEd25519Ix } from './ed25519.js';
import { InvalidArgumentError, QuoteSizeError, QuoteTargetError, TransactionTooLargeError } from './errors.js';
import { fillAmounts, type FillAmounts } from './fill.js';
import { positionPda, roundPda } from './pdas.js';
import type { ExecTradeProgram } from './program.js';
import type { QuoteFields, SettlementFields } from './quote-message.js';
import { verifySignedQuote, type SignatureVerifier, type SignedQuote } from './verify-quote.js';
import { QuoteVerifier } from './verify/quote-verifier.js';
import { quoteBytes } from './quote-json.js';
import { compileV0Message } from './v0-message.js';
import { buildOpenRoundIx } from './instructions/open-round.js';
import { buildTakeQuoteIx } from './instructions/take-quote.js';
import { buildSettleRoundIx } from './instructions/settle-round.js';
import { verifySettlementSignature } from './settlement-signature.js';
import { buildClaimIx, buildRefundIx, type PositionIxParams } from './instructions/close-position.js';
import { buildCloseQuoteFillIx, buildCloseRoundIx, type CloseRoundIxParams } from './instructions/close-accounts.js';

export interface ComputeOptions {
  readonly computeUnitLimit?: number;
  readonly computeUnitPriceMicroLamports?: number;
}

/** Compile `ixs` (after optional compute-budget instructions) into an unsigned v0 transaction that fits one packet. */
export function buildV0Tx(payer: PublicKey, recentBlockhash: string, ixs: TransactionInstruction[], compute: ComputeOptions = {}): VersionedTransaction {
  return compileV0(payer, recentBlockhash, ixs, compute).transaction;
}

/** `buildV0Tx` with the serialized size (refused above one packet). */
export function compileV0(payer: PublicKey, recentBlockhash: string, ixs: TransactionInstruction[], compute: ComputeOptions): { transaction: VersionedTransaction; size: number } {
  const pre: TransactionInstruction[] = [];
  if (compute.computeUnitLimit !== undefined) pre.push(ComputeBudgetProgram.setComputeUnitLimit({ units: compute.computeUnitLimit }));
  if (compute.computeUnitPriceMicroLamports !== undefined) {
    pre.push(ComputeBudgetProgram.setComputeUnitPrice({ microLamports: compute.computeUnitPriceMicroLamports }));
  }
  const tx = new VersionedTransaction(compileV0Message(payer, recentBlockhash, [...pre, ...ixs]));
  const size = tx.serialize().length;
  if (size > PACKET_DATA_SIZE) throw new TransactionTooLargeError(size, PACKET_DATA_SIZE);
  return { transaction: tx, size };
}

export interface TakeQuoteTxParams {
  readonly program: ExecTradeProgram;
  readonly quote: SignedQuote;
  /** base58 oracle authority (the on-chain config's); the quote must be signed by it. */
  readonly oracleAuthority: string;
  readonly trader: PublicKey;
  readonly side: SideName;
  readonly size: bigint;
  readonly collateralMint: PublicKey;
  readonly traderToken?: PublicKey;
  readonly recentBlockhash: string;
  /** Prepend open_round (the round account does not exist yet). */
  readonly openRound: boolean;
  readonly nowMs: number;
  readonly compute?: ComputeOptions;
  /**
   * ed25519 check of the quote. Default: the SDK's QuoteVerifier (node:crypto on Node, WebCrypto in
   * browsers, tweetnacl only where neither exists), keys imported once.
   */
  readonly verifySignature?: SignatureVerifier;
}

export interface TakeQuoteTx extends FillAmounts {
  readonly transaction: VersionedTransaction;
  readonly quote: QuoteFields;
  readonly side: SideName;
  readonly size: bigint;
  readonly price: bigint;
  readonly round: PublicKey;
  readonly position: PublicKey;
  readonly serializedSize: number;
}

export async function buildTakeQuoteTx(p: TakeQuoteTxParams): Promise<TakeQuoteTx> {
  const checks = { expectedSigner: p.oracleAuthority, nowMs: p.nowMs };
  const quote = p.verifySignature
    ? verifySignedQuote(p.quote, { ...checks, verifySignature: p.verifySignature })
    : await (await QuoteVerifier.shared()).verify(p.quote, checks);
  if (!p.program.programId.equals(new PublicKey(quote.programId))) {
    throw new QuoteTargetError(`quote is for program ${bs58.encode(quote.programId)}, not ${p.program.programId.toBase58()}`);
  }
  const sideId = SIDE_IDS[p.side];
  if (sideId === undefined) throw new InvalidArgumentError(`side must be "up" or "down", got "${String(p.side)}"`);
  if (p.size > quote.maxSize) throw new QuoteSizeError(p.size, quote.maxSize);
  const price = p.side === 'up' ? quote.upPrice : quote.downPrice;
  const amounts = fillAmounts(p.size, price);

  const bytes = quoteBytes(p.quote);
  const ixs: TransactionInstruction[] = [];
  if (p.openRound) {
    ixs.push(await buildOpenRoundIx(p.program, { payer: p.trader, asset: quote.asset, expiryTs: quote.expiryTs, collateralMint: p.collateralMint }));
  }
  ixs.push(buildEd25519Ix(bytes.signer, bytes.message, bytes.signature));
  ixs.push(
    await buildTakeQuoteIx(p.program, {
      trader: p.trader,
      quoteId: quote.quoteId,
      asset: quote.asset,
      expiryTs: quote.expiryTs,
      side: sideId,
      size: p.size,
      collateralMint: p.collateralMint,
      ...(p.traderToken ? { traderToken: p.traderToken } : {}),
    }),
  );
  const { transaction, size } = compileV0(p.trader, p.recentBlockhash, ixs, p.compute ?? {});
  return {
    transaction,
    quote,
    side: p.side,
    size: p.size,
    price,
    ...amounts,
    round: roundPda(quote.asset, quote.expiryTs, p.program.programId).address,
    position: positionPda(quote.quoteId, p.trader, p.program.programId).address,
    serializedSize: size,
  };
}

/** A published settlement: the signed 98-byte message (base64) with its signature and signer (base58). */
export interface SignedSettlement {
  readonly message: string;
  readonly signature: string;
  readonly signer: string;
}

export interface SettleRoundTxParams {
  readonly program: ExecTradeProgram;
  readonly settlement: SignedSettlement;
  /** base58 settlement authority (the on-chain config's). */
  readonly settlementAuthority: string;
  readonly payer: PublicKey;
  readonly recentBlockhash: string;
  readonly compute?: ComputeOptions;
}

export async function buildSettleRoundTx(p: SettleRoundTxParams): Promise<{ transaction: VersionedTransaction; fields: SettlementFields; round: PublicKey }> {
  if (p.settlement.signer !== p.settlementAuthority) {
    throw new QuoteTargetError(`settlement signed by ${p.settlement.signer}, not the settlement authority ${p.settlementAuthority}`);
  }
  // the signer field alone proves nothing: the signature must verify under the authority
  const fields = verifySettlementSignature(p.settlement, p.settlementAuthority);
  const message = Uint8Array.from(Buffer.from(p.settlement.message, 'base64'));
  if (!p.program.programId.equals(new PublicKey(fields.programId))) {
    throw new QuoteTargetError(`settlement is for program ${bs58.encode(fields.programId)}, not ${p.program.programId.toBase58()}`);
  }
  const ixs = [
    buildEd25519Ix(bs58.decode(p.settlement.signer), message, bs58.decode(p.settlement.signature)),
    await buildSettleRoundIx(p.program, { asset: fields.asset, expiryTs: fields.expiryTs }),
  ];
  return {
    transaction: buildV0Tx(p.payer, p.recentBlockhash, ixs, p.compute),
    fields,
    round: roundPda(fields.asset, fields.expiryTs, p.program.programId).address,
  };
}

interface CrankTxParams {
  readonly program: ExecTradeProgram;
  /** Fee payer (anyone may crank). */
  readonly feePayer: PublicKey;
  readonly recentBlockhash: string;
  readonly compute?: ComputeOptions;
}

export async function buildClaimTx(p: CrankTxParams & { position: PositionIxParams }): Promise<VersionedTransaction> {
  return buildV0Tx(p.feePayer, p.recentBlockhash, [await buildClaimIx(p.program, p.position)], p.compute);
}

export async function buildRefundTx(p: CrankTxParams & { position: PositionIxParams }): Promise<VersionedTransaction> {
  return buildV0Tx(p.feePayer, p.recentBlockhash, [await buildRefundIx(p.program, p.position)], p.compute);
}

export async function buildCloseQuoteFillTx(p: CrankTxParams & { quoteId: Uint8Array; payer: PublicKey }): Promise<VersionedTransaction> {
  return buildV0Tx(p.feePayer, p.recentBlockhash, [await buildCloseQuoteFillIx(p.program, { quoteId: p.quoteId, payer: p.payer })], p.compute);
}

export async function buildCloseRoundTx(p: CrankTxParams & { round: CloseRoundIxParams }): Promise<VersionedTransaction> {
  return buildV0Tx(p.feePayer, p.recentBlockhash, [await buildCloseRoundIx(p.program, p.round)], p.compute);
}
