import type { MapResult } from '../connection/map-result.js';
import { ResilientWebSocket } from '../connection/resilient-websocket.js';
import type { ConnectionTuning, VenueFeedOptions } from '../connection/venue-feed-options.js';
import type { MarketSymbol } from '../types.js';
import { KrakenMapper } from './mapper.js';
import {
  MethodResponseSchema,
  StatusMessageSchema,
  TickerMessageSchema,
  TradeMessageSchema,
  type KrakenPing,
  type KrakenSubscribe,
} from './messages.js';

export const KRAKEN_DEFAULT_URL = 'wss://ws.kraken.com/v2';

/** v2 names (`BTC/USDT`; v2 rejects `XBT`), USDT-quoted like the index. */
export const KRAKEN_SYMBOLS: Readonly<Record<MarketSymbol, string>> = {
  BTCUSDT: 'BTC/USDT',
  ETHUSDT: 'ETH/USDT',
  SOLUSDT: 'SOL/USDT',
};

/**
 * Kraken sends a heartbeat every second when idle, so 15 s of nothing is dead. It asks for at least
 * 5 s between reconnects (and bans above ~150 per 10 min), hence the 5 s backoff floor. We also ping
 * every 30 s (the server closes after ~1 min of inactivity).
 */
export const KRAKEN_TUNING: ConnectionTuning = {
  staleTimeoutMs: 15_000,
  symbolArrivalTimeoutMs: 60_000,
  connectTimeoutMs: 10_000,
  backoffInitialMs: 5_000,
  backoffMaxMs: 120_000,
  stableAfterMs: 60_000,
  maxLifetimeMs: null,
  keepAliveIntervalMs: 30_000,
  controlRate: { maxPerWindow: 5, windowMs: 1_000 },
  logIntervalMs: 10_000,
};

/**
 * Kraken spot v2: `ticker` with event_trigger "bbo" (+ snapshot) for top of book and `trade` for
 * last price and trade-id gap detection. One ack per symbol; a refused symbol is reported silent.
 *
 * Quiet books: the server sends `heartbeat` only when it sent nothing else for about a second, and a
 * bbo ticker goes out on every change of the best prices. So a heartbeat received on a live
 * connection, after the book's last ticker on that same connection and while the engine status is
 * `online`, proves that book unchanged: the feed restates it (feeds/README.md "Quiet books").
 */
export class KrakenFeed extends ResilientWebSocket {
  private readonly mapper: KrakenMapper;
  private nextReqId = 1;
  private system: string | null = null;
  /** The last `status` on this connection said `online` (trading engine up, books are live). */
  private online = false;

  constructor(options: VenueFeedOptions) {
    super(options, { venue: 'kraken', defaultUrl: KRAKEN_DEFAULT_URL, instruments: KRAKEN_SYMBOLS, tuning: KRAKEN_TUNING, restatesQuietBooks: true });
    this.mapper = new KrakenMapper(this.resolved.fromVenue);
  }

  protected override onConnected(): void {
    const symbol = [...this.resolved.toVenue.values()];
    const ticker: KrakenSubscribe = {
      method: 'subscribe',
      params: { channel: 'ticker', symbol, event_trigger: 'bbo', snapshot: true },
      req_id: this.nextReqId++,
    };
    const trade: KrakenSubscribe = {
      method: 'subscribe',
      params: { channel: 'trade', symbol, snapshot: false },
      req_id: this.nextReqId++,
    };
    this.sendControl(ticker);
    this.sendControl(trade);
  }

  protected override keepAliveMessage(): KrakenPing {
    return { method: 'ping', req_id: this.nextReqId++ };
  }

  protected override onDisconnected(): void {
    this.mapper.reset();
    this.online = false;
  }

  protected override onText(text: string, receivedTs: number): void {
    const raw = this.parseObjectFrame(text);
    if (raw === null) return;
    if ('channel' in raw) this.onChannel(raw, text, receivedTs);
    else if ('method' in raw) this.onMethodResponse(raw, text);
    else this.recordUnexpected('no-channel-or-method', text);
  }

  private onChannel(raw: object, text: string, receivedTs: number): void {
    const channel = (raw as { channel: unknown }).channel;
    let result: MapResult;
    if (channel === 'heartbeat') {
      if (this.online) this.restateUnchangedBooks(receivedTs);
      return;
    }
    if (channel === 'ticker') {
      const p = TickerMessageSchema.safeParse(raw);
      if (!p.success) return this.recordParseError('ticker', text);
      // a ticker supersedes the remembered book even when it maps to no tick (zero prices)
      for (const d of p.data.data) {
        const symbol = this.resolved.fromVenue.get(d.symbol);
        if (symbol !== undefined) this.forgetUnchangedBooks(symbol);
      }
      result = this.mapper.mapTicker(p.data.data, receivedTs);
    } else if (channel === 'trade') {
      const p = TradeMessageSchema.safeParse(raw);
      if (!p.success) return this.recordParseError('trade', text);
      result = this.mapper.mapTrades(p.data.data, receivedTs);
    } else if (channel === 'status') {
      const p = StatusMessageSchema.safeParse(raw);
      if (!p.success) return this.recordParseError('status', text);
      for (const d of p.data.data) this.onStatus(d.system, d.connection_id);
      return;
    } else {
      return this.recordUnexpected(`channel:${String(channel)}`, text);
    }
    this.emitMapped(result);
  }

  private onStatus(system: string, connectionId: string | undefined): void {
    if (system !== this.system) {
      const level = system === 'online' ? 'info' : 'warn';
      this.log[level]({ system, connectionId }, 'kraken engine status');
    }
    this.system = system;
    this.online = system === 'online';
    // books seen before or during maintenance / cancel_only / post_only are not vouched for after it
    if (!this.online) this.forgetUnchangedBooks();
  }

  private onMethodResponse(raw: object, text: string): void {
    const p = MethodResponseSchema.safeParse(raw);
    if (!p.success) return this.recordParseError('method-response', text);
    const r = p.data;
    if (r.method === 'pong') return;
    if (r.success !== false) return;
    const error = r.error ?? 'unknown error';
    let matched = false;
    for (const [symbol, venueSymbol] of this.resolved.toVenue) {
      if (r.symbol === venueSymbol || error.includes(venueSymbol)) {
        this.recordSymbolRejected(symbol, error);
        matched = true;
      }
    }
    if (!matched) this.recordVenueError({ method: r.method, error, reqId: r.req_id });
  }
}
