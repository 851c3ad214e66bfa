/**
 * Normalized feed contract. Every source (the four exchanges, sim, replay) produces `Tick`s and
 * implements `FeedAdapter`; the aggregator consumes nothing else.
 */

/** The markets we quote. The index for each is in USDT (see README "Index policy"). */
export const MARKET_SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as const;
export type MarketSymbol = (typeof MARKET_SYMBOLS)[number];

export const LIVE_VENUES = ['binance', 'coinbase', 'kraken', 'bybit'] as const;
export type LiveVenue = (typeof LIVE_VENUES)[number];
/** A venue name as it appears on a tick. Sim and replay reuse the live venue names. */
export type VenueName = LiveVenue;

export function isMarketSymbol(s: string): s is MarketSymbol {
  return (MARKET_SYMBOLS as readonly string[]).includes(s);
}

/**
 * One top-of-book / last-trade observation from one venue. Prices are exact decimal strings in the
 * venue's own precision; the aggregator converts them to bigint micro-units. Missing fields are null
 * (a trade-only message has no bid/ask). Timestamps are unix milliseconds.
 *
 * A tick with a bid or an ask is a BOOK observation; one with neither is a TRADE observation. The
 * aggregator keeps the latest of each per venue and prices the venue from its book while the book
 * is fresh, falling back to the last trade only while that is fresh.
 *
 * A book tick may RESTATE an unchanged book (feeds/README.md "Quiet books"): same prices as the
 * venue's last book on the current connection, sent again when the venue proved that nothing changed
 * and nothing was missed since (Kraken heartbeat; Bybit's own 3 s re-send). Its `receivedTs` is when
 * that proof arrived and its `exchangeTs` keeps the real tick's offset from it. No producer ever
 * restates a book across a reconnect, a sequence gap, an unparseable message or a stalled connection.
 */
export interface Tick {
  readonly venue: VenueName;
  readonly symbol: MarketSymbol;
  readonly bid: string | null;
  readonly ask: string | null;
  readonly last: string | null;
  /**
   * Time the exchange says the event happened (ms); for a restated book, the time the venue vouched
   * for it. Venues without one use receivedTs.
   */
  readonly exchangeTs: number;
  /** Local wall-clock time the message was received (ms). */
  readonly receivedTs: number;
  /** True for every tick that did not come from a real exchange connection (sim, or a replay of sim). */
  readonly simulated: boolean;
}

export type TickListener = (tick: Tick) => void;

export interface SymbolHealth {
  readonly symbol: MarketSymbol;
  readonly lastMessageTs: number | null;
  readonly messages: number;
  /** Subscribed but no data within the configured arrival timeout. */
  readonly silent: boolean;
}

export interface FeedHealth {
  readonly venue: VenueName | 'replay';
  readonly connected: boolean;
  readonly lastMessageTs: number | null;
  /** receivedTs - exchangeTs of the last tick, ms. */
  readonly lagMs: number | null;
  readonly reconnects: number;
  readonly messages: number;
  readonly parseErrors: number;
  readonly gaps: number;
  /** Well-formed messages of a kind the adapter does not handle (counted and logged, never market data). */
  readonly unhandled?: number;
  /** Times a connection's market data reset the reconnect backoff (exchange adapters). */
  readonly backoffResets?: number;
  readonly symbols: readonly SymbolHealth[];
}

/**
 * A source of ticks. `start()` resolves once the source is running (a live adapter: once it has
 * started connecting, not once data arrived). `stop()` closes sockets and clears every timer.
 */
export interface FeedAdapter {
  readonly name: string;
  readonly simulated: boolean;
  onTick(listener: TickListener): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): FeedHealth[];
}
