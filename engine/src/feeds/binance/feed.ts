import type { MapResult } from '../connection/map-result.js';
import { ResilientWebSocket } from '../connection/resilient-websocket.js';
import type { ConnectionTuning, VenueFeedOptions } from '../connection/venue-feed-options.js';
import type { MarketSymbol } from '../types.js';
import { BinanceMapper } from './mapper.js';
import {
  BookTickerSchema,
  CombinedSchema,
  bareStreamKind,
  ErrorSchema,
  ResultSchema,
  ServerShutdownSchema,
  TradeSchema,
  type BinanceSubscribe,
} from './messages.js';

export const BINANCE_DEFAULT_URL = 'wss://stream.binance.com:9443/stream';

/** USDT pairs: the index is in USDT (feeds/README.md "Index policy"). */
export const BINANCE_SYMBOLS: Readonly<Record<MarketSymbol, string>> = {
  BTCUSDT: 'BTCUSDT',
  ETHUSDT: 'ETHUSDT',
  SOLUSDT: 'SOLUSDT',
};

/**
 * Binance pings every 20 s (ws auto-pongs with the payload); bookTicker data never pauses for long on
 * these pairs, so 30 s without a message is a dead (or zombie, still pinging) connection. 4 control messages/s leaves room under the 5/s limit
 * for the automatic pongs. Connections are valid 24 h: reconnect at 23 h 50 min.
 */
export const BINANCE_TUNING: ConnectionTuning = {
  staleTimeoutMs: 30_000,
  symbolArrivalTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  backoffInitialMs: 1_000,
  backoffMaxMs: 60_000,
  stableAfterMs: 60_000,
  maxLifetimeMs: (23 * 60 + 50) * 60_000,
  keepAliveIntervalMs: null,
  controlRate: { maxPerWindow: 4, windowMs: 1_000 },
  logIntervalMs: 10_000,
};

/**
 * Binance spot: one connection, `<sym>@bookTicker` + `<sym>@trade` per market, subscribed with one
 * SUBSCRIBE message. Both documented payload forms are read whatever the URL path: the combined
 * `{"stream","data"}` wrapper of `/stream`, and the bare payload of `/ws`, `/ws/<streams>`,
 * Binance.US and the market-data-only hosts (told apart by shape: a trade has `e: "trade"`, a
 * bookTicker has `u`, `s`, `b`, `a` and no `e`). Unknown symbols are acknowledged with `result: null`
 * and then never send data: the data-arrival timeout reports them silent.
 */
export class BinanceFeed extends ResilientWebSocket {
  private readonly mapper: BinanceMapper;
  private nextId = 1;

  constructor(options: VenueFeedOptions) {
    super(options, { venue: 'binance', defaultUrl: BINANCE_DEFAULT_URL, instruments: BINANCE_SYMBOLS, tuning: BINANCE_TUNING });
    this.mapper = new BinanceMapper(this.resolved.fromVenue);
  }

  protected override onConnected(): void {
    const params: string[] = [];
    for (const v of this.resolved.toVenue.values()) {
      const lower = v.toLowerCase();
      params.push(`${lower}@bookTicker`, `${lower}@trade`);
    }
    const msg: BinanceSubscribe = { method: 'SUBSCRIBE', params, id: this.nextId++ };
    this.sendControl(msg);
  }

  protected override onDisconnected(): void {
    this.mapper.reset();
  }

  protected override onText(text: string, receivedTs: number): void {
    const raw = this.parseObjectFrame(text);
    if (raw === null) return;
    const combined = CombinedSchema.safeParse(raw);
    if (combined.success) {
      this.onStream(combined.data.stream, combined.data.data, text, receivedTs);
      return;
    }
    const bare = bareStreamKind(raw);
    if (bare !== null) {
      this.onStream(bare, raw, text, receivedTs);
      return;
    }
    this.onControl(raw, text);
  }

  /** `stream` is the combined stream name, or `@bookTicker` / `@trade` for a bare payload. */
  private onStream(stream: string, data: unknown, text: string, receivedTs: number): void {
    let result: MapResult;
    if (stream.endsWith('@bookTicker')) {
      const p = BookTickerSchema.safeParse(data);
      if (!p.success) return this.recordParseError('bookTicker', text);
      result = this.mapper.mapBookTicker(p.data, receivedTs);
    } else if (stream.endsWith('@trade')) {
      const p = TradeSchema.safeParse(data);
      if (!p.success) return this.recordParseError('trade', text);
      result = this.mapper.mapTrade(p.data, receivedTs);
    } else {
      if (ServerShutdownSchema.safeParse(data).success) return this.reconnectNow('serverShutdown');
      return this.recordUnexpected(`stream:${stream}`, text);
    }
    this.emitMapped(result);
  }

  private onControl(raw: object, text: string): void {
    if ('result' in raw && ResultSchema.safeParse(raw).success) {
      this.log.debug({ ack: text.slice(0, 200) }, 'subscription acknowledged');
      return;
    }
    const err = ErrorSchema.safeParse(raw);
    if (err.success) {
      const e = 'error' in err.data ? err.data.error : err.data;
      this.recordVenueError({ code: e.code, msg: e.msg });
      return;
    }
    const event = 'event' in raw ? (raw as { event: unknown }).event : raw;
    if (ServerShutdownSchema.safeParse(event).success) {
      this.reconnectNow('serverShutdown');
      return;
    }
    this.recordUnexpected('control', text);
  }
}
