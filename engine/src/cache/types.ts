import type { MarketSymbol } from '../feeds/types.js';
import type { MarketSurface, TakerQuoteJson } from '../market/types.js';

/** A settlement record as published by the engine (issue: settlement). Opaque to the store. */
export interface SettlementJson {
  readonly symbol: MarketSymbol;
  readonly expiryTs: number;
  readonly [key: string]: unknown;
}

/**
 * Events every store delivers to its subscribers, in per-symbol `seq` order for surfaces.
 * `payload` is the surface serialized once with `JSON.stringify`, so a gateway can forward it
 * to thousands of sockets without serializing again.
 */
export type StoreEvent =
  | {
      readonly type: 'surface';
      readonly symbol: MarketSymbol;
      readonly seq: number;
      readonly surface: MarketSurface;
      readonly payload: string;
      /**
       * Identifies the process that wrote the surface (RedisStore: its `src`). Seqs only increase
       * within one writer: a restarted engine on an emptied Redis starts again at 1, so a consumer
       * that sees the writer change resets the symbol instead of dropping the lower seqs.
       * Absent for stores with a single, in-process writer (MemoryStore).
       */
      readonly writer?: string;
    }
  | { readonly type: 'settlement'; readonly symbol: MarketSymbol; readonly settlement: SettlementJson }
  | { readonly type: 'store-status'; readonly healthy: boolean; readonly detail: string };

export type StoreListener = (event: StoreEvent) => void;

export interface StoreHealth {
  readonly backend: 'memory' | 'redis';
  readonly healthy: boolean;
  readonly detail: string;
  /**
   * Set only while `healthy` is false: true when reads stay current anyway because this process
   * writes them and keeps its own copy (a writer RedisStore), false when they may be stale (a gateway).
   */
  readonly servingFromMemory?: boolean;
  /**
   * Writer RedisStore only: the writer lease (held, fencing token, acquisitions, losses) and what it
   * held back (surfaces skipped as standby, writes Redis refused). docs/redis.md "Failover".
   */
  readonly writer?: {
    readonly role: 'writer' | 'standby' | 'unknown';
    readonly held: boolean;
    readonly token: number | null;
    readonly highestToken: number;
    readonly acquisitions: number;
    readonly losses: number;
    readonly standbySkipped: number;
    readonly refusedWrites: number;
  };
}

/**
 * The live-surface store. The engine writes (`publishSurface`, `publishSettlement`); the API reads
 * and subscribes. The in-memory store and the Redis store implement it identically.
 */
export interface SurfaceStore {
  start(): Promise<void>;
  stop(): Promise<void>;
  publishSurface(surface: MarketSurface): Promise<void>;
  getSurface(symbol: MarketSymbol): Promise<MarketSurface | undefined>;
  /**
   * A quote that was published and has not yet been evicted (eviction: validUntil + margin), with
   * everything a taker needs: a v1 quote as published, a v2 leaf with its ladder's root, signature
   * and its proof (cache/taker-quotes.ts).
   */
  getQuote(quoteId: string): Promise<TakerQuoteJson | undefined>;
  publishSettlement(settlement: SettlementJson): Promise<void>;
  getSettlement(symbol: MarketSymbol, expiryTs: number): Promise<SettlementJson | undefined>;
  subscribe(listener: StoreListener): () => void;
  health(): StoreHealth;
}

export type SurfaceEvent = Extract<StoreEvent, { type: 'surface' }>;

/**
 * A `surface` event whose `payload` is serialized on first read and then kept: a writer hands the
 * surface to its subscribers first (the stream's binary clients never need the JSON) and
 * serializes it afterwards for Redis, HTTP and JSON clients, once.
 */
export function surfaceEvent(surface: MarketSurface, writer?: string): SurfaceEvent {
  let payload: string | undefined;
  return {
    type: 'surface',
    symbol: surface.symbol,
    seq: surface.seq,
    surface,
    get payload(): string {
      return (payload ??= JSON.stringify(surface));
    },
    ...(writer === undefined ? {} : { writer }),
  };
}
