/**
 * Quote format v2 in the QuoteEngine: one round's strikes priced, each given its decay rate
 * (decay.ts), and signed as one ladder (signer/signed-ladder.ts), or the round's previous ladder
 * kept whole when nothing it states changed (quote-engine-cache.ts LadderCacheBuilder).
 * Every leaf gets its own fresh quote id; a kept ladder keeps its ids, bytes and signature.
 */
import type { IndexSnapshot } from '../aggregator/types.js';
import type { MarketSymbol } from '../feeds/types.js';
import type { LadderLeafFields } from '../client/ladder.js';
import { signLadder, type SignedLadder } from '../signer/signed-ladder.js';
import type { Ed25519Signer } from '../signer/sign.js';
import { decayRate, type DecayOptions } from './decay.js';
import { priceBinary, type PricingOptions } from './pricing.js';
import { probabilityAbove } from './probability.js';
import type { Round } from './schedule.js';
import { quoteCacheKey, type LadderCacheBuilder, type LadderTerms } from './quote-engine-cache.js';

export interface LadderRoundContext {
  readonly symbol: MarketSymbol;
  readonly assetId: number;
  readonly clusterId: number;
  readonly programId: Uint8Array;
  readonly epoch: bigint;
  readonly flags: number;
  readonly maxSize: bigint;
  readonly signer: Ed25519Signer;
  readonly pricing: PricingOptions;
  readonly decay: DecayOptions;
  readonly quoteTtlMs: number;
  nextQuoteId(): Uint8Array;
}

/** The round's signed ladder, or null when it has no quotes (closed to trading, no strikes). */
export function ladderRound(
  ctx: LadderRoundContext,
  snap: IndexSnapshot,
  round: Round,
  strikes: readonly bigint[],
  sigma: number,
  now: number,
  cache: LadderCacheBuilder<SignedLadder>,
): SignedLadder | null {
  const closeMs = round.tradingCloseTs * 1000;
  if (closeMs <= now || strikes.length === 0) return null;
  const price = snap.price as bigint;
  const tSec = (round.expiryTs * 1000 - now) / 1000;
  const freshValidUntilMs = Math.min(now + ctx.quoteTtlMs, closeMs);
  const leafTerms = strikes.map((strike): readonly [bigint, bigint, bigint, bigint] => {
    const { upPrice, downPrice } = priceBinary(probabilityAbove(price, strike, sigma, tSec), ctx.pricing);
    return [strike, upPrice, downPrice, decayRate(price, strike, sigma, tSec, ctx.decay)];
  });
  const terms: LadderTerms = {
    durationSec: round.durationSec,
    expiryTs: round.expiryTs,
    tradingCloseTs: round.tradingCloseTs,
    maxSize: ctx.maxSize,
    flags: ctx.flags,
    epoch: ctx.epoch,
    leaves: leafTerms,
  };
  const key = quoteCacheKey(round.durationSec, round.expiryTs, 0n);
  const kept = cache.find(key, terms, now, freshValidUntilMs);
  if (kept !== undefined) {
    cache.keep(key, kept, false);
    return kept.ladder;
  }
  const refPrice = price;
  const refTsMs = BigInt(snap.sourceTs as number);
  const leaves = leafTerms.map(([strike, upPrice, downPrice, decayMicrosPerSec]): LadderLeafFields => ({
    quoteId: ctx.nextQuoteId(),
    strike,
    upPrice,
    downPrice,
    maxSize: ctx.maxSize,
    refPrice,
    refTsMs,
    decayMicrosPerSec,
  }));
  const signed = signLadder(
    {
      cluster: ctx.clusterId,
      asset: ctx.assetId,
      flags: ctx.flags,
      programId: ctx.programId,
      epoch: ctx.epoch,
      expiryTs: BigInt(round.expiryTs),
      generatedAtMs: BigInt(now),
      validUntilMs: BigInt(freshValidUntilMs),
    },
    leaves,
    ctx.signer,
    ctx.symbol,
  );
  cache.keep(key, { terms, validUntilMs: freshValidUntilMs, ladder: signed }, true);
  return signed;
}
