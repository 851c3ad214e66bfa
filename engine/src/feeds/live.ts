import { EngineError } from '../lib/errors.js';
import { BinanceFeed } from './binance/feed.js';
import { BybitFeed } from './bybit/feed.js';
import { CoinbaseFeed } from './coinbase/feed.js';
import { CompositeFeed } from './composite-feed.js';
import type { ConnectionTuning } from './connection/resilient-websocket.js';
import type { VenueFeedOptions } from './connection/venue-feed-options.js';
import { KrakenFeed } from './kraken/feed.js';
import type { LiveFeedDeps } from './registry.js';
import { LIVE_VENUES, type FeedAdapter, type LiveVenue } from './types.js';

export interface LiveFeedOptions extends LiveFeedDeps {
  /** Endpoint overrides per venue (EXEC_<VENUE>_WS_URL); unset venues use the official endpoint. */
  readonly urls?: Partial<Record<LiveVenue, string>>;
  /** Timing overrides applied to every venue (tests shorten timeouts). */
  readonly tuning?: Partial<ConnectionTuning>;
}

const CONSTRUCTORS: Readonly<Record<LiveVenue, new (o: VenueFeedOptions) => FeedAdapter>> = {
  binance: BinanceFeed,
  coinbase: CoinbaseFeed,
  kraken: KrakenFeed,
  bybit: BybitFeed,
};

/**
 * One FeedAdapter over the chosen exchanges: one resilient connection per venue, ticks fanned in,
 * health() listing every venue with its per-symbol state. Fits the registry's `liveFactory`.
 */
export function createLiveFeed(venues: readonly LiveVenue[], options: LiveFeedOptions): FeedAdapter {
  const unique = [...new Set(venues)];
  const unknown = unique.filter((v) => !(LIVE_VENUES as readonly string[]).includes(v));
  if (unique.length === 0 || unknown.length > 0) {
    throw new EngineError(
      'EXEC_ERR_FEED_OPTIONS',
      unknown.length > 0 ? `unknown venue(s) ${unknown.join(', ')}; allowed: ${LIVE_VENUES.join(', ')}` : 'no venue selected',
    );
  }
  const children = unique.map((venue) => {
    const url = options.urls?.[venue];
    return new CONSTRUCTORS[venue]({
      logger: options.logger,
      symbols: options.symbols,
      now: options.now,
      ...(url !== undefined ? { url } : {}),
      ...(options.tuning !== undefined ? { tuning: options.tuning } : {}),
    });
  });
  return new CompositeFeed(children);
}
