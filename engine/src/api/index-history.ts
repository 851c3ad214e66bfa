/**
 * Where the index has been: per symbol, one sample per `intervalMs` of the published index price
 * and each venue's mid, kept for `capacity` samples (default one hour at one per second) in a ring.
 * Fed by the store's surface events, so an engine and every gateway keep their own (from their own
 * start). Serves GET /v1/markets/:symbol/history (routes/http/history.ts), which the terminal's
 * chart starts from before the stream takes over.
 */
import type { MarketSymbol } from '../feeds/types.js';
import type { StoreEvent, SurfaceStore } from '../cache/types.js';
import type { MarketSurface } from '../market/types.js';

export interface IndexSample {
  /** The index's computation time, unix ms. */
  readonly ts: number;
  /** Index price, price micro-units (decimal string). */
  readonly price: string;
  /** Each venue's mid at that time (price micro-units, whatever its status), null when the venue had none. */
  readonly mids: Readonly<Record<string, string | null>>;
}

export interface IndexHistoryOptions {
  readonly intervalMs?: number;
  readonly capacity?: number;
}

class Ring {
  private readonly items: IndexSample[] = [];
  private next = 0;
  constructor(private readonly capacity: number) {}

  push(sample: IndexSample): void {
    if (this.items.length < this.capacity) this.items.push(sample);
    else this.items[this.next] = sample;
    this.next = (this.next + 1) % this.capacity;
  }

  get last(): IndexSample | undefined {
    return this.items.length === 0 ? undefined : this.items[(this.next + this.capacity - 1) % this.capacity];
  }

  /** Oldest first. */
  since(fromMs: number): IndexSample[] {
    const ordered = this.items.length < this.capacity ? this.items : [...this.items.slice(this.next), ...this.items.slice(0, this.next)];
    return ordered.filter((s) => s.ts >= fromMs);
  }
}

export class IndexHistory {
  readonly intervalMs: number;
  readonly capacity: number;
  private readonly rings = new Map<MarketSymbol, Ring>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: SurfaceStore,
    symbols: readonly MarketSymbol[],
    options: IndexHistoryOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1_000;
    this.capacity = options.capacity ?? 3_600;
    for (const symbol of symbols) this.rings.set(symbol, new Ring(this.capacity));
  }

  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.unsubscribe = this.store.subscribe((event: StoreEvent) => {
      if (event.type === 'surface') this.record(event.surface);
    });
    for (const symbol of this.rings.keys()) {
      const surface = await this.store.getSurface(symbol);
      if (surface) this.record(surface);
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Keeps the surface's index when it is at least one interval after the last sample. */
  record(surface: MarketSurface): void {
    const ring = this.rings.get(surface.symbol);
    const { price, ts, sources } = surface.index;
    if (ring === undefined || price === null) return;
    const last = ring.last;
    if (last !== undefined && ts - last.ts < this.intervalMs) return;
    const mids: Record<string, string | null> = {};
    for (const s of sources) mids[s.venue] = s.mid;
    ring.push({ ts, price, mids });
  }

  serves(symbol: string): symbol is MarketSymbol {
    return this.rings.has(symbol as MarketSymbol);
  }

  /** Samples of the last `seconds` before `nowMs`, oldest first. */
  samples(symbol: MarketSymbol, seconds: number, nowMs: number): IndexSample[] {
    return this.rings.get(symbol)?.since(nowMs - seconds * 1_000) ?? [];
  }
}
