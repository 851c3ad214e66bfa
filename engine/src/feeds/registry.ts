import type { Logger } from 'pino';
import { EngineError } from '../lib/errors.js';
import { ReplayFeed, type ReplayFeedOptions } from './replay/replay-feed.js';
import { SimFeed, type SimFeedOptions } from './sim/sim-feed.js';
import { MARKET_SYMBOLS, type FeedAdapter, type LiveVenue, type MarketSymbol } from './types.js';

export type FeedSpec =
  | { readonly kind: 'sim' }
  | { readonly kind: 'replay'; readonly path: string }
  | { readonly kind: 'live'; readonly venues: readonly LiveVenue[] };

/** What a live-adapter factory receives from the registry. */
export interface LiveFeedDeps {
  readonly logger: Logger;
  readonly symbols: readonly MarketSymbol[];
  readonly now: () => number;
}

/** Builds the live exchange adapters (usually a CompositeFeed of one adapter per venue). */
export type LiveFeedFactory = (venues: readonly LiveVenue[], deps: LiveFeedDeps) => FeedAdapter;

export interface CreateFeedOptions {
  readonly logger: Logger;
  readonly symbols?: readonly MarketSymbol[];
  readonly now?: () => number;
  readonly sim?: Omit<SimFeedOptions, 'logger' | 'symbols' | 'now'>;
  readonly replay?: Omit<ReplayFeedOptions, 'logger' | 'path' | 'now'>;
  readonly liveFactory?: LiveFeedFactory;
}

/**
 * The one place that turns a feed choice into an adapter. 'live' needs `liveFactory` (the exchange
 * adapters are wired by main.ts); without it this throws EXEC_ERR_LIVE_FEEDS_UNAVAILABLE.
 */
export async function createFeed(spec: FeedSpec, options: CreateFeedOptions): Promise<FeedAdapter> {
  const symbols = options.symbols ?? MARKET_SYMBOLS;
  const now = options.now ?? Date.now;
  switch (spec.kind) {
    case 'sim':
      return new SimFeed({ ...options.sim, logger: options.logger, symbols, now });
    case 'replay':
      return ReplayFeed.create({ ...options.replay, logger: options.logger, path: spec.path, now });
    case 'live': {
      if (spec.venues.length === 0) {
        throw new EngineError('EXEC_ERR_FEED_OPTIONS', 'live feed needs at least one venue');
      }
      if (!options.liveFactory) {
        throw new EngineError(
          'EXEC_ERR_LIVE_FEEDS_UNAVAILABLE',
          'live exchange feeds are not available in this build; run `npm run demo` or set EXEC_FEEDS=sim to use simulated prices',
        );
      }
      return options.liveFactory(spec.venues, { logger: options.logger, symbols, now });
    }
  }
}
