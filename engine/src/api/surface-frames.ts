/**
 * The API's view of the store: for each symbol, the latest surface, its payload string (serialized
 * once by the store) and the WebSocket frames built from it ONCE per published surface. HTTP serves
 * the payload as-is; the stream hub sends the same frame Buffer to every subscriber.
 */
import type { Logger } from 'pino';
import type { MarketSymbol } from '../feeds/types.js';
import type { MarketSurface } from '../market/types.js';
import type { StoreEvent, SurfaceStore } from '../cache/types.js';
import { QuoteBytesCache, buildEntry, type SurfaceEntry } from './stream/surface-entry.js';

export type { SurfaceEntry, WireMessage } from './stream/surface-entry.js';

export type SurfaceEntryListener = (entry: SurfaceEntry) => void;
export type StoreStatusListener = (status: { readonly healthy: boolean; readonly detail: string }) => void;

/** Wall-clock milliseconds with a microsecond fraction. */
export function preciseNowMs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000) / 1000;
}

function statusFrameOf(surface: MarketSurface): Buffer {
  return Buffer.from(
    JSON.stringify({ type: 'status', symbol: surface.symbol, seq: surface.seq, status: surface.status, haltReason: surface.haltReason }),
  );
}

export class SurfaceFrames {
  private readonly log: Logger;
  private readonly entries = new Map<MarketSymbol, SurfaceEntry>();
  private readonly quoteBytes = new Map<MarketSymbol, QuoteBytesCache>();
  private readonly listeners = new Set<SurfaceEntryListener>();
  private readonly statusListeners = new Set<StoreStatusListener>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: SurfaceStore,
    private readonly symbols: readonly MarketSymbol[],
    logger: Logger,
  ) {
    this.log = logger.child({ module: 'api.frames' });
  }

  /** Subscribe to the store, then load whatever it already holds (newer events win). */
  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.unsubscribe = this.store.subscribe((event) => this.onStoreEvent(event));
    for (const symbol of this.symbols) {
      const surface = await this.store.getSurface(symbol);
      const current = this.entries.get(symbol);
      if (surface && (!current || current.seq < surface.seq)) {
        this.entries.set(symbol, this.entry(surface, () => JSON.stringify(surface), current, undefined, false));
      }
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.listeners.clear();
    this.statusListeners.clear();
  }

  get(symbol: MarketSymbol): SurfaceEntry | undefined {
    return this.entries.get(symbol);
  }

  serves(symbol: string): symbol is MarketSymbol {
    return (this.symbols as readonly string[]).includes(symbol);
  }

  get servedSymbols(): readonly MarketSymbol[] {
    return this.symbols;
  }

  onEntry(listener: SurfaceEntryListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Store health transitions (a Redis store going away and coming back). */
  onStoreStatus(listener: StoreStatusListener): () => void {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  private onStoreEvent(event: StoreEvent): void {
    if (event.type === 'store-status') {
      for (const listener of this.statusListeners) listener({ healthy: event.healthy, detail: event.detail });
      return;
    }
    if (event.type !== 'surface' || !this.serves(event.symbol)) return;
    const previous = this.entries.get(event.symbol);
    // A new writer (engine restarted, possibly on an emptied Redis) may start its seqs again at 1.
    const writerChanged = previous !== undefined && event.writer !== previous.writer;
    const reset = writerChanged && (previous.writer !== undefined || event.seq <= previous.seq);
    if (previous && !reset && event.seq <= previous.seq) return;
    if (reset) {
      this.log.warn({ symbol: event.symbol, from: previous.seq, to: event.seq, writer: event.writer }, 'surface writer changed; sending a fresh snapshot');
    } else if (previous && event.seq !== previous.seq + 1) {
      this.log.warn({ symbol: event.symbol, from: previous.seq, to: event.seq }, 'surface seq gap from store');
    }
    const entry = this.entry(event.surface, () => event.payload, previous, event.writer, reset);
    this.entries.set(event.symbol, entry);
    for (const listener of this.listeners) listener(entry);
  }

  private entry(surface: MarketSurface, payload: () => string, previous: SurfaceEntry | undefined, writer: string | undefined, reset: boolean): SurfaceEntry {
    let bytes = this.quoteBytes.get(surface.symbol);
    if (bytes === undefined) this.quoteBytes.set(surface.symbol, (bytes = new QuoteBytesCache()));
    bytes.rotate();
    return buildEntry({
      surface,
      payload,
      base: !reset && previous !== undefined && previous.seq === surface.seq - 1 ? previous.surface : null,
      reset,
      statusFrame: !reset && previous !== undefined && previous.surface.status !== surface.status ? statusFrameOf(surface) : null,
      writer,
      builtAtMs: preciseNowMs(),
      bytes,
    });
  }
}
