/**
 * The one function every taker price the terminal shows goes through (ladder buttons, ticket,
 * probability curve). A v1 quote's price is its signed price. A v2 ladder leaf decays with age
 * (price charged = signed price + rate × started seconds since generation, capped: the SDK's
 * `decayedPrice`, the program's rule), so it is shown as it would be charged now.
 */
import { decayedPrice, isLadderLeaf, type SurfaceQuote } from '../../engine/src/client/index.js';

export type Side = 'up' | 'down';

/** Probability micro-units the taker of `side` pays per unit of payout, at `nowMs`. */
export function takerPrice(quote: SurfaceQuote, side: Side, nowMs: number): bigint {
  const signed = BigInt(side === 'up' ? quote.upPrice : quote.downPrice);
  if (!isLadderLeaf(quote)) return signed;
  return decayedPrice(signed, BigInt(quote.decayMicrosPerSec), BigInt(quote.generatedAtMs), BigInt(Math.floor(nowMs / 1000)));
}
