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

/** The signed terms of a quote format v2 ladder a kept ladder must match exactly. */
export interface LadderTerms {
  readonly durationSec: number;
  readonly expiryTs: number;
  readonly tradingCloseTs: number;
  readonly maxSize: bigint;
  readonly flags: number;
  readonly epoch: bigint;
  /** Per leaf, in order: strike, UP, DOWN, decay rate. */
  readonly leaves: ReadonlyArray<readonly [bigint, bigint, bigint, bigint]>;
}

/** A signed ladder of a round with its terms (quote-engine-ladder.ts). */
export interface CachedLadder<L> {
  readonly terms: LadderTerms;
  readonly validUntilMs: number;
  readonly ladder: L;
}

function sameLadderTerms(a: LadderTerms, b: LadderTerms): boolean {
  if (
    a.durationSec !== b.durationSec ||
    a.expiryTs !== b.expiryTs ||
    a.tradingCloseTs !== b.tradingCloseTs ||
    a.maxSize !== b.maxSize ||
    a.flags !== b.flags ||
    a.epoch !== b.epoch ||
    a.leaves.length !== b.leaves.length
  ) {
    return false;
  }
  return a.leaves.every((l, i) => {
    const m = b.leaves[i] as readonly [bigint, bigint, bigint, bigint];
    return l[0] === m[0] && l[1] === m[1] && l[2] === m[2] && l[3] === m[3];
  });
}

/**
 * The ladder counterpart of QuoteCacheBuilder: a round keeps its whole signed ladder (one
 * signature, the same leaves and ids) when every leaf's terms are unchanged and the ladder still
 * has `minRemainingFraction` of a fresh ladder's validity left; otherwise it is signed anew.
 */
export class LadderCacheBuilder<L> {
  private readonly next = new Map<string, CachedLadder<L>>();
  laddersSigned = 0;
  laddersReused = 0;
  leavesSigned = 0;
  leavesReused = 0;

  constructor(
    private readonly previous: ReadonlyMap<string, CachedLadder<L>>,
    private readonly minRemainingFraction: number,
  ) {}

  find(key: string, terms: LadderTerms, nowMs: number, freshValidUntilMs: number): CachedLadder<L> | undefined {
    if (this.minRemainingFraction === 0) return undefined;
    const cached = this.previous.get(key);
    if (cached === undefined || !sameLadderTerms(cached.terms, terms)) return undefined;
    const closeMs = terms.tradingCloseTs * 1000;
    if (cached.validUntilMs <= nowMs || cached.validUntilMs > closeMs || nowMs >= closeMs) return undefined;
    if (cached.validUntilMs - nowMs < this.minRemainingFraction * (freshValidUntilMs - nowMs)) return undefined;
    return cached;
  }

  keep(key: string, entry: CachedLadder<L>, fresh: boolean): void {
    this.next.set(key, entry);
    const n = entry.terms.leaves.length;
    if (fresh) {
      this.laddersSigned++;
      this.leavesSigned += n;
    } else {
      this.laddersReused++;
      this.leavesReused += n;
    }
  }

  build(): ReadonlyMap<string, CachedLadder<L>> {
    return this.next;
  }
}
