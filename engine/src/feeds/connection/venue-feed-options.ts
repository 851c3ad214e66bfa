import type { Logger } from 'pino';
import { MARKET_SYMBOLS, type MarketSymbol, type VenueName } from '../types.js';
import type { ControlRate } from './control-queue.js';

/**
 * Timing and limits of one venue connection. Every value has a per-venue default in that venue's
 * feed.ts; tests shorten them.
 */
export interface ConnectionTuning {
  /**
   * No inbound message for this long: terminate and reconnect. Protocol ping frames do not count, so
   * a connection that still answers pings but stopped delivering data is replaced too.
   */
  readonly staleTimeoutMs: number;
  /** Subscribed symbol without data for this long: reported `silent` in health and logged. */
  readonly symbolArrivalTimeoutMs: number;
  /** WebSocket opening-handshake timeout. */
  readonly connectTimeoutMs: number;
  /**
   * Reconnect delay: initialMs * 2^attempt plus 0-50 % jitter, capped at maxMs. initialMs is also the
   * floor between two attempts (Kraken asks for >= 5 s).
   */
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  /** A connection that stayed up this long resets the backoff attempt counter. */
  readonly stableAfterMs: number;
  /** Proactive reconnect after this long (Binance drops at 24 h); null = no cap. */
  readonly maxLifetimeMs: number | null;
  /** Client application-level ping interval; null when the venue pings us (Binance). */
  readonly keepAliveIntervalMs: number | null;
  readonly controlRate: ControlRate;
  /** Minimum interval between two log lines with the same key (malformed, unexpected, errors). */
  readonly logIntervalMs: number;
  /** Inbound silence after which remembered books are never restated (a stall). Default 2 000 ms. */
  readonly restateMaxSilenceMs?: number;
}

export const RESTATE_MAX_SILENCE_MS_DEFAULT = 2_000;

/** What a venue's feed.ts fixes; `VenueFeedOptions` may override the url, instruments and tuning. */
export interface VenueProfile {
  readonly venue: VenueName;
  readonly defaultUrl: string;
  /** market -> the venue's instrument */
  readonly instruments: Readonly<Record<MarketSymbol, string>>;
  readonly tuning: ConnectionTuning;
  /** The venue can prove a quiet book unchanged and calls `restateUnchangedBooks` (Kraken). */
  readonly restatesQuietBooks?: boolean;
}

/** Options every exchange adapter accepts. Only `logger` is required. */
export interface VenueFeedOptions {
  readonly logger: Logger;
  /** WebSocket endpoint; defaults to the venue's official public endpoint. */
  readonly url?: string;
  /** Markets to subscribe; defaults to all of MARKET_SYMBOLS. */
  readonly symbols?: readonly MarketSymbol[];
  /** Override the venue instrument for a market (tests use it to subscribe an unlisted one). */
  readonly venueSymbols?: Partial<Record<MarketSymbol, string>>;
  /** Shorter timeouts for tests, or operator tuning. */
  readonly tuning?: Partial<ConnectionTuning>;
  readonly now?: () => number;
}

export interface ResolvedSymbols {
  readonly symbols: readonly MarketSymbol[];
  /** market -> venue instrument */
  readonly toVenue: ReadonlyMap<MarketSymbol, string>;
  /** venue instrument -> market */
  readonly fromVenue: ReadonlyMap<string, MarketSymbol>;
}

export function resolveSymbols(
  options: VenueFeedOptions,
  defaults: Readonly<Record<MarketSymbol, string>>,
): ResolvedSymbols {
  const symbols = options.symbols ?? MARKET_SYMBOLS;
  const toVenue = new Map<MarketSymbol, string>();
  const fromVenue = new Map<string, MarketSymbol>();
  for (const s of symbols) {
    const v = options.venueSymbols?.[s] ?? defaults[s];
    toVenue.set(s, v);
    fromVenue.set(v, s);
  }
  return { symbols, toVenue, fromVenue };
}
