/**
 * The in-process copy a RedisStore keeps so reads never wait for (or depend on) Redis: the latest
 * surface of every symbol with its serialized payload, an index of the quotes still within their
 * eviction window, and a bounded map of recent settlements.
 */
import type { MarketSymbol } from '../feeds/types.js';
import type { MarketSurface, TakerQuoteJson } from '../market/types.js';
import type { SettlementJson } from './types.js';
import { indexRound, type IndexedQuote as RoundQuote } from './taker-quotes.js';

export interface LatestSurface {
  readonly surface: MarketSurface;
  readonly payload: string;
  /** Identifies the writer process that produced it (a restarted engine starts its seqs afresh). */
  readonly src: string;
}

interface IndexedQuote {
  readonly quote: RoundQuote;
  readonly evictAtMs: number;
}

const PRUNE_INTERVAL_MS = 1_000;

export class LocalSurfaces {
  private readonly latest = new Map<MarketSymbol, LatestSurface>();
  private readonly quotes = new Map<string, IndexedQuote>();
  private readonly settlements = new Map<string, SettlementJson>();
  private lastPruneMs = 0;

  constructor(
    private readonly quoteMarginMs: number,
    private readonly maxSettlements: number,
  ) {}

  setSurface(entry: LatestSurface, nowMs: number): void {
    this.latest.set(entry.surface.symbol, entry);
    for (const round of entry.surface.rounds) {
      for (const quote of indexRound(round)) {
        this.quotes.set(quote.quoteId, { quote, evictAtMs: quote.validUntilMs + this.quoteMarginMs });
      }
    }
    if (nowMs - this.lastPruneMs >= PRUNE_INTERVAL_MS) this.prune(nowMs);
  }

  getLatest(symbol: MarketSymbol): LatestSurface | undefined {
    return this.latest.get(symbol);
  }

  latestAll(): LatestSurface[] {
    return [...this.latest.values()];
  }

  getQuote(quoteId: string, nowMs: number): TakerQuoteJson | undefined {
    const hit = this.quotes.get(quoteId);
    if (hit === undefined) return undefined;
    if (hit.evictAtMs <= nowMs) {
      this.quotes.delete(quoteId);
      return undefined;
    }
    return hit.quote.served();
  }

  setSettlement(settlement: SettlementJson): void {
    const key = settlementKey(settlement.symbol, settlement.expiryTs);
    this.settlements.delete(key);
    this.settlements.set(key, settlement);
    while (this.settlements.size > this.maxSettlements) {
      const oldest = this.settlements.keys().next();
      if (oldest.done === true) break;
      this.settlements.delete(oldest.value);
    }
  }

  getSettlement(symbol: MarketSymbol, expiryTs: number): SettlementJson | undefined {
    return this.settlements.get(settlementKey(symbol, expiryTs));
  }

  quoteCount(): number {
    return this.quotes.size;
  }

  private prune(nowMs: number): void {
    this.lastPruneMs = nowMs;
    for (const [id, entry] of this.quotes) {
      if (entry.evictAtMs <= nowMs) this.quotes.delete(id);
    }
  }
}

function settlementKey(symbol: MarketSymbol, expiryTs: number): string {
  return `${symbol}:${expiryTs}`;
}
