/**
 * What a taker pays, for display: the signed price of a side, aged by the quote's decay (quote
 * format v2) to the moment the transaction lands, exactly as the program charges it by the chain's
 * clock (client/ladder.ts `decayedPrice`: + rate per started second since the ladder was
 * generated, never above max(price, 0.99)). A v1 quote has no decay: its price is the signed one.
 *
 *   const upNow = priceAtLanding(quote, 'up', Date.now() + 1_500);  // what it costs if it lands in 1.5 s
 *
 * Works on any quote as the engine serves it (a stream leaf, a standalone quote, a v1 quote); the
 * JSON is not verified here, so show it only for quotes the QuoteVerifier accepted.
 */
import type { SideName } from './constants.js';
import { decayedPrice } from './ladder.js';

interface PricedQuote {
  readonly upPrice: string;
  readonly downPrice: string;
  readonly generatedAtMs: number;
  /** Present on quote format v2 leaves. */
  readonly decayMicrosPerSec?: string;
}

/** Probability micro-units added per started second of age (0 for a v1 quote). */
export function decayOf(quote: PricedQuote): bigint {
  return quote.decayMicrosPerSec === undefined ? 0n : BigInt(quote.decayMicrosPerSec);
}

/** The chain second a transaction landing at wall-clock `landingMs` is charged in. */
export const landingSecond = (landingMs: number): bigint => BigInt(Math.floor(landingMs / 1000));

/** The price (probability micro-units) of `side` if the take lands at wall-clock `landingMs`. */
export function priceAtLanding(quote: PricedQuote, side: SideName, landingMs: number): bigint {
  const signed = BigInt(side === 'up' ? quote.upPrice : quote.downPrice);
  return decayedPrice(signed, decayOf(quote), BigInt(quote.generatedAtMs), landingSecond(landingMs));
}
