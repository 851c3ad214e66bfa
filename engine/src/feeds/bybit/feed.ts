import type { MapResult } from '../connection/map-result.js';
import { ResilientWebSocket } from '../connection/resilient-websocket.js';
import type { ConnectionTuning, VenueFeedOptions } from '../connection/venue-feed-options.js';
import type { MarketSymbol } from '../types.js';
import { BybitMapper } from './mapper.js';
import { OpResponseSchema, OrderbookMessageSchema, TradeMessageSchema, type BybitRequest } from './messages.js';

export const BYBIT_DEFAULT_URL = 'wss://stream.bybit.com/v5/public/spot';

export const BYBIT_SYMBOLS: Readonly<Record<MarketSymbol, string>> = {
  BTCUSDT: 'BTCUSDT',
  ETHUSDT: 'ETHUSDT',
  SOLUSDT: 'SOLUSDT',
};

/** Spot allows at most 10 args per subscribe request. */
const MAX_ARGS_PER_SUBSCRIBE = 10;

/**
 * The client must ping (`{"op":"ping"}` every 20 s). The level-1 book is re-sent at least every 3 s,
 * so 30 s without a frame is a dead connection.
 */
export const BYBIT_TUNING: ConnectionTuning = {
  staleTimeoutMs: 30_000,
  symbolArrivalTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  backoffInitialMs: 1_000,
  backoffMaxMs: 60_000,
  stableAfterMs: 60_000,
  maxLifetimeMs: null,
  keepAliveIntervalMs: 20_000,
  controlRate: { maxPerWindow: 5, windowMs: 1_000 },
  logIntervalMs: 10_000,
};

/**
 * Bybit v5 spot: `orderbook.1.<SYM>` for top of book (spot `tickers` has no bid/ask) and
 * `publicTrade.<SYM>` for the last price. One subscribe request per market (2 args), so a refused
 * symbol is identified by the ack's `req_id`.
 */
export class BybitFeed extends ResilientWebSocket {
  private readonly mapper: BybitMapper;
  private readonly pendingSubscribe = new Map<string, MarketSymbol>();
  private nextReqId = 1;

  constructor(options: VenueFeedOptions) {
    super(options, { venue: 'bybit', defaultUrl: BYBIT_DEFAULT_URL, instruments: BYBIT_SYMBOLS, tuning: BYBIT_TUNING });
    this.mapper = new BybitMapper(this.resolved.fromVenue);
  }

  protected override onConnected(): void {
    for (const [symbol, v] of this.resolved.toVenue) {
      const args = [`orderbook.1.${v}`, `publicTrade.${v}`].slice(0, MAX_ARGS_PER_SUBSCRIBE);
      const req_id = `sub-${this.nextReqId++}`;
      this.pendingSubscribe.set(req_id, symbol);
      const msg: BybitRequest = { req_id, op: 'subscribe', args };
      this.sendControl(msg);
    }
  }

  protected override keepAliveMessage(): BybitRequest {
    return { req_id: `ping-${this.nextReqId++}`, op: 'ping' };
  }

  protected override onDisconnected(): void {
    this.mapper.reset();
    this.pendingSubscribe.clear();
  }

  protected override onText(text: string, receivedTs: number): void {
    const raw = this.parseObjectFrame(text);
    if (raw === null) return;
    if ('topic' in raw) this.onTopic(raw, text, receivedTs);
    else if ('op' in raw) this.onOpResponse(raw, text);
    else this.recordUnexpected('no-topic-or-op', text);
  }

  private onTopic(raw: object, text: string, receivedTs: number): void {
    const topic = String((raw as { topic: unknown }).topic);
    let result: MapResult;
    if (topic.startsWith('orderbook.1.')) {
      const p = OrderbookMessageSchema.safeParse(raw);
      if (!p.success) return this.recordParseError('orderbook', text);
      result = this.mapper.mapOrderbook(p.data, receivedTs);
    } else if (topic.startsWith('publicTrade.')) {
      const p = TradeMessageSchema.safeParse(raw);
      if (!p.success) return this.recordParseError('publicTrade', text);
      result = this.mapper.mapTrades(p.data, receivedTs);
    } else {
      return this.recordUnexpected(`topic:${topic}`, text);
    }
    this.emitMapped(result);
  }

  private onOpResponse(raw: object, text: string): void {
    const p = OpResponseSchema.safeParse(raw);
    if (!p.success) return this.recordParseError('op-response', text);
    const r = p.data;
    if (r.op === 'ping' || r.ret_msg === 'pong') return;
    if (r.op !== 'subscribe') return this.recordUnexpected(`op:${r.op}`, text);
    const symbol = r.req_id === undefined ? undefined : this.pendingSubscribe.get(r.req_id);
    if (r.req_id !== undefined) this.pendingSubscribe.delete(r.req_id);
    if (r.success) return;
    if (symbol !== undefined) this.recordSymbolRejected(symbol, r.ret_msg);
    else this.recordVenueError({ op: r.op, retMsg: r.ret_msg, reqId: r.req_id });
  }
}
