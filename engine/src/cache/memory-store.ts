/**
 * In-process `SurfaceStore`: the latest surface per symbol (with its payload, serialized once when first read), every
 * quote of every published surface indexed by quoteId until validUntil + retention, and settlements.
 * Subscribers are called synchronously, in publish order, inside `publishSurface`.
 */
import type { Logger } from 'pino';
import { callListeners } from '../lib/call-listeners.js';
import { EngineError } from '../lib/errors.js';
import type { MarketSymbol } from '../feeds/types.js';
import type { MarketSurface, TakerQuoteJson } from '../market/types.js';
import { indexRound, type IndexedQuote } from './taker-quotes.js';
import { surfaceEvent, type SettlementJson, type StoreEvent, type StoreHealth, type StoreListener, type SurfaceEvent, type SurfaceStore } from './types.js';

export interface MemoryStoreOptions {
  readonly logger: Logger;
  /** How long a quote stays retrievable after its validUntilMs (ms). */
  readonly quoteRetentionMs: number;
  /** How often expired quotes are swept (ms). Default 1000. */
  readonly sweepIntervalMs?: number;
  /** Settlements kept per symbol (oldest dropped first). Default 1000. */
  readonly maxSettlementsPerSymbol?: number;
  readonly now?: () => number;
}

interface QuoteBatch {
  /** Latest validUntilMs in the batch: the batch can go once this plus retention has passed. */
  readonly lastValidUntilMs: number;
  readonly ids: readonly string[];
}

export class MemoryStore implements SurfaceStore {
  private readonly log: Logger;
  private readonly retentionMs: number;
  private readonly sweepIntervalMs: number;
  private readonly maxSettlements: number;
  private readonly now: () => number;
  private readonly surfaces = new Map<MarketSymbol, SurfaceEvent>();
  private readonly quotes = new Map<string, IndexedQuote>();
  private readonly batches: QuoteBatch[] = [];
  private readonly settlements = new Map<MarketSymbol, Map<number, SettlementJson>>();
  private readonly listeners = new Set<StoreListener>();
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(options: MemoryStoreOptions) {
    this.log = options.logger.child({ module: 'cache.memory' });
    this.retentionMs = options.quoteRetentionMs;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 1_000;
    this.maxSettlements = options.maxSettlementsPerSymbol ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => this.sweep(), this.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.listeners.clear();
  }

  async publishSurface(surface: MarketSurface): Promise<void> {
    const previous = this.surfaces.get(surface.symbol);
    if (previous && surface.seq <= previous.surface.seq) {
      throw new EngineError(
        'EXEC_ERR_STORE_SEQ',
        `${surface.symbol}: seq ${surface.seq} is not after the stored seq ${previous.surface.seq}`,
      );
    }
    const event = surfaceEvent(surface);
    this.surfaces.set(surface.symbol, event);
    const ids: string[] = [];
    let lastValidUntilMs = 0;
    for (const round of surface.rounds) {
      for (const quote of indexRound(round)) {
        this.quotes.set(quote.quoteId, quote);
        ids.push(quote.quoteId);
        if (quote.validUntilMs > lastValidUntilMs) lastValidUntilMs = quote.validUntilMs;
      }
    }
    if (ids.length > 0) this.batches.push({ lastValidUntilMs, ids });
    this.emit(event);
  }

  async getSurface(symbol: MarketSymbol): Promise<MarketSurface | undefined> {
    return this.surfaces.get(symbol)?.surface;
  }

  /** The surface serialized once (on first read), for readers that forward it as-is. */
  getPayload(symbol: MarketSymbol): string | undefined {
    return this.surfaces.get(symbol)?.payload;
  }

  async getQuote(quoteId: string): Promise<TakerQuoteJson | undefined> {
    const quote = this.quotes.get(quoteId);
    if (!quote) return undefined;
    return quote.validUntilMs + this.retentionMs < this.now() ? undefined : quote.served();
  }

  async publishSettlement(settlement: SettlementJson): Promise<void> {
    let bySymbol = this.settlements.get(settlement.symbol);
    if (!bySymbol) {
      bySymbol = new Map();
      this.settlements.set(settlement.symbol, bySymbol);
    }
    bySymbol.set(settlement.expiryTs, settlement);
    while (bySymbol.size > this.maxSettlements) {
      const oldest = bySymbol.keys().next().value;
      if (oldest === undefined) break;
      bySymbol.delete(oldest);
    }
    this.emit({ type: 'settlement', symbol: settlement.symbol, settlement });
  }

  async getSettlement(symbol: MarketSymbol, expiryTs: number): Promise<SettlementJson | undefined> {
    return this.settlements.get(symbol)?.get(expiryTs);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  health(): StoreHealth {
    return { backend: 'memory', healthy: true, detail: `${this.surfaces.size} surfaces, ${this.quotes.size} quotes` };
  }

  /** Number of quotes currently indexed (for tests and health). */
  get quoteCount(): number {
    return this.quotes.size;
  }

  /** Drop every batch whose quotes are all past validUntil + retention. Runs on the sweep timer. */
  sweep(): number {
    const cutoff = this.now() - this.retentionMs;
    let removed = 0;
    while (this.batches.length > 0) {
      const batch = this.batches[0];
      if (!batch || batch.lastValidUntilMs >= cutoff) break;
      this.batches.shift();
      for (const id of batch.ids) {
        const quote = this.quotes.get(id);
        if (quote && quote.validUntilMs < cutoff) {
          this.quotes.delete(id);
          removed++;
        }
      }
    }
    if (removed > 0) this.log.debug({ removed, remaining: this.quotes.size }, 'evicted expired quotes');
    return removed;
  }

  private emit(event: StoreEvent): void {
    callListeners(this.listeners, event, this.onListenerError);
  }

  private readonly onListenerError = (err: unknown, event: StoreEvent): void => {
    this.log.error({ err, type: event.type }, 'store listener threw');
  };
}
