import type { Logger } from 'pino';
import { MARKET_SYMBOLS, type MarketSymbol } from '../types.js';
import type { ConnectionTuning } from './resilient-websocket.js';

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
