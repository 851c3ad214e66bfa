/**
 * The v2 take: [ComputeBudget…?, open_round?, Ed25519(ladder root), take_quote_v2(leaf, proof,
 * max_price)]. The quote is verified here exactly as the program will (signer, signature, proof,
 * target program, size, clock), and the price is shown as it will be charged when the transaction
 * lands: the leaf's decay makes an older quote dearer, and `maxPrice` caps what the taker accepts.
 */
import { PublicKey } from '@solana/web3.js';
import { SIDE_IDS } from './constants.js';
import { buildEd25519Ix } from './ed25519.js';
import { InvalidArgumentError, QuotePriceAboveMaxError, QuoteSizeError, QuoteTargetError } from './errors.js';
import { fillAmounts, type FillAmounts } from './fill.js';
import { landingPrice, verifyLadderQuote, type LadderQuote, type VerifiedLadderQuote } from './ladder-quote.js';
import { base58Encode } from './base58.js';
import { buildOpenRoundIx } from './instructions/open-round.js';
import { buildTakeQuoteV2Ix } from './instructions/take-quote.js';
import { positionPda, roundPda } from './pdas.js';
import { compileV0, type TakeQuoteTx, type TakeQuoteTxParams } from './transactions.js';
import type { Ed25519Verifier } from './verify/ed25519-verifier.js';

/** How long after `nowMs` the transaction is assumed to land when `maxPrice` is not given. */
export const DEFAULT_LANDING_ALLOWANCE_MS = 2_000;

export interface TakeQuoteV2TxParams extends Omit<TakeQuoteTxParams, 'quote' | 'verifySignature'> {
  readonly quote: LadderQuote;
  /**
   * The highest price (probability micro-units) the taker accepts once the quote has aged. Default:
   * the price it will cost `landingAllowanceMs` after `nowMs`. A value below what it costs at
   * `nowMs` is refused here (EXEC_ERR_PRICE_ABOVE_MAX): the program would refuse the fill.
   */
  readonly maxPrice?: bigint;
  readonly landingAllowanceMs?: number;
  readonly ed25519?: Ed25519Verifier;
}

export interface TakeQuoteV2Tx extends TakeQuoteTx {
  readonly verified: VerifiedLadderQuote;
  /** The signed price of the side (what `price` starts from before decay). */
  readonly quotedPrice: bigint;
  readonly maxPrice: bigint;
  /** Stake, payout and house collateral if the fill is charged `maxPrice` (the taker's worst case). */
  readonly worstCase: FillAmounts;
}

const secondsOf = (ms: number): bigint => BigInt(Math.ceil(ms / 1000));

export async function buildTakeQuoteV2Tx(p: TakeQuoteV2TxParams): Promise<TakeQuoteV2Tx> {
  const verified = await verifyLadderQuote(p.quote, { expectedSigner: p.oracleAuthority, nowMs: p.nowMs, ...(p.ed25519 ? { ed25519: p.ed25519 } : {}) });
  const quote = verified.quote;
  if (!p.program.programId.equals(new PublicKey(quote.programId))) {
    throw new QuoteTargetError(`quote is for program ${base58Encode(quote.programId)}, not ${p.program.programId.toBase58()}`);
  }
  const sideId = SIDE_IDS[p.side];
  if (sideId === undefined) throw new InvalidArgumentError(`side must be "up" or "down", got "${String(p.side)}"`);
  if (p.size > quote.maxSize) throw new QuoteSizeError(p.size, quote.maxSize);
  const quotedPrice = p.side === 'up' ? quote.upPrice : quote.downPrice;
  const nowTs = secondsOf(p.nowMs);
  const priceNow = landingPrice(verified, p.side, nowTs);
  const allowance = p.landingAllowanceMs ?? DEFAULT_LANDING_ALLOWANCE_MS;
  if (!Number.isFinite(allowance) || allowance < 0) throw new InvalidArgumentError(`landingAllowanceMs must be ≥ 0, got ${allowance}`);
  const maxPrice = p.maxPrice ?? landingPrice(verified, p.side, secondsOf(p.nowMs + allowance));
  if (priceNow > maxPrice) throw new QuotePriceAboveMaxError(priceNow, maxPrice, nowTs);
  const amounts = fillAmounts(p.size, priceNow);
  const worstCase = fillAmounts(p.size, maxPrice);

  const ixs = [];
  if (p.openRound) {
    ixs.push(await buildOpenRoundIx(p.program, { payer: p.trader, asset: quote.asset, expiryTs: quote.expiryTs, collateralMint: p.collateralMint }));
  }
  ixs.push(buildEd25519Ix(p.quote.signer, p.quote.root, p.quote.signature));
  ixs.push(
    await buildTakeQuoteV2Ix(p.program, {
      trader: p.trader,
      quoteId: quote.quoteId,
      asset: quote.asset,
      expiryTs: quote.expiryTs,
      side: sideId,
      size: p.size,
      collateralMint: p.collateralMint,
      ...(p.traderToken ? { traderToken: p.traderToken } : {}),
      leafIndex: p.quote.index,
      leaf: p.quote.leaf,
      proof: p.quote.proof,
      maxPrice,
    }),
  );
  const { transaction, size } = compileV0(p.trader, p.recentBlockhash, ixs, p.compute ?? {});
  return {
    transaction,
    quote,
    verified,
    side: p.side,
    size: p.size,
    quotedPrice,
    price: priceNow,
    maxPrice,
    ...amounts,
    worstCase,
    round: roundPda(quote.asset, quote.expiryTs, p.program.programId).address,
    position: positionPda(quote.quoteId, p.trader, p.program.programId).address,
    serializedSize: size,
  };
}
