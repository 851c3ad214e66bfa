/**
 * The signed quotes of one symbol's last published surface, so a regeneration can keep a strike's
 * quote (same quoteId, bytes and signature) instead of signing it again when nothing that the
 * quote states has changed. Deep in- and out-of-the-money strikes sit at the price bounds and keep
 * the same UP/DOWN prices across most index moves, so most of a surface is usually reusable.
 *
 * A quote is reused only when every signed term that could differ is equal (round, strike, UP and
 * DOWN price, max size, flags, epoch) and it still has at least `minRemainingFraction` of the
 * validity a fresh quote would get. A halted surface publishes no quotes, so the cache that
 * follows it is empty: nothing is reused across a halt.
 */
import type { SignedQuoteJson } from './types.js';

/** The signed terms a reused quote must match exactly. */
export interface QuoteTerms {
  readonly durationSec: number;
  readonly expiryTs: number;
  readonly tradingCloseTs: number;
  readonly strike: bigint;
  readonly upPrice: bigint;
  readonly downPrice: bigint;
  readonly maxSize: bigint;
  readonly flags: number;
  readonly epoch: bigint;
}

interface CachedQuote {
  readonly terms: QuoteTerms;
  readonly quote: SignedQuoteJson;
}

export type QuoteCacheMap = ReadonlyMap<string, CachedQuote>;

function sameTerms(a: QuoteTerms, b: QuoteTerms): boolean {
  return (
    a.strike === b.strike &&
    a.upPrice === b.upPrice &&
    a.downPrice === b.downPrice &&
    a.expiryTs === b.expiryTs &&
    a.durationSec === b.durationSec &&
    a.tradingCloseTs === b.tradingCloseTs &&
    a.maxSize === b.maxSize &&
    a.flags === b.flags &&
    a.epoch === b.epoch
  );
}

/**
 * Builds the cache of the surface being generated from the one last published. `find` looks in the
 * previous surface's quotes; `keep` records a quote (reused or fresh) for the next surface.
 */
export class QuoteCacheBuilder {
  private readonly next = new Map<string, CachedQuote>();
  /** Quotes signed anew and quotes carried over into the surface being built. */
  signed = 0;
  reused = 0;

  constructor(
    private readonly previous: QuoteCacheMap,
    /** 0 disables reuse. */
    private readonly minRemainingFraction: number,
  ) {}

  /**
   * The previous surface's quote for exactly these terms, if it is valid for at least
   * `minRemainingFraction` × (freshValidUntilMs − nowMs) more ms; otherwise undefined.
   */
  find(key: string, terms: QuoteTerms, nowMs: number, freshValidUntilMs: number): SignedQuoteJson | undefined {
    if (this.minRemainingFraction === 0) return undefined;
    const cached = this.previous.get(key);
    if (cached === undefined || !sameTerms(cached.terms, terms)) return undefined;
    const validUntilMs = cached.quote.validUntilMs;
    const closeMs = terms.tradingCloseTs * 1000;
    if (validUntilMs <= nowMs || validUntilMs > closeMs || nowMs >= closeMs) return undefined;
    if (validUntilMs - nowMs < this.minRemainingFraction * (freshValidUntilMs - nowMs)) return undefined;
    return cached.quote;
  }

  /** Record a quote of the surface being built; `fresh` when it was signed for this surface. */
  keep(key: string, terms: QuoteTerms, quote: SignedQuoteJson, fresh: boolean): void {
    this.next.set(key, { terms, quote });
    if (fresh) this.signed++;
    else this.reused++;
  }

  build(): QuoteCacheMap {
    return this.next;
  }
}

export const EMPTY_QUOTE_CACHE: QuoteCacheMap = new Map<string, CachedQuote>();

/** Cache key of one strike of one round. */
export function quoteCacheKey(durationSec: number, expiryTs: number, strike: bigint): string {
  return `${durationSec}:${expiryTs}:${strike}`;
}
