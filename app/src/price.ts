/**
 * The one function every taker price the terminal shows goes through (ladder buttons, ticket,
 * probability curve). Today a quote's price is its signed price. With decaying quotes (issue 13:
 * price charged = signed price + rate × seconds since generation, capped) this is the one place to
 * change so the terminal shows the price at landing time.
 */
import type { SignedQuote } from '../../engine/src/client/index.js';

export type Side = 'up' | 'down';

/** Probability micro-units the taker of `side` pays per unit of payout, at `nowMs`. */
export function takerPrice(quote: SignedQuote, side: Side, _nowMs: number): bigint {
  return BigInt(side === 'up' ? quote.upPrice : quote.downPrice);
}
