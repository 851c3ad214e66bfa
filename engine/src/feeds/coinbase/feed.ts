import { toId } from '../connection/decimal.js';
import { ResilientWebSocket } from '../connection/resilient-websocket.js';
import { SequenceTracker } from '../connection/sequence-tracker.js';
import type { ConnectionTuning, VenueFeedOptions } from '../connection/venue-feed-options.js';
import type { MarketSymbol } from '../types.js';
import { CoinbaseMapper } from './mapper.js';
import {
  EnvelopeSchema,
  ErrorSchema,
  HeartbeatEventSchema,
  SubscriptionsEventSchema,
  TickerEventSchema,
  type CoinbaseEnvelope,
  type CoinbaseSubscribe,
} from './messages.js';

export const COINBASE_DEFAULT_URL = 'wss://advanced-trade-ws.coinbase.com';

/** USDT products, so the index never mixes USD and USDT (feeds/README.md "Index policy"). */
export const COINBASE_SYMBOLS: Readonly<Record<MarketSymbol, string>> = {
  BTCUSDT: 'BTC-USDT',
  ETHUSDT: 'ETH-USDT',
  SOLUSDT: 'SOL-USDT',
};

/**
 * `heartbeats` arrive every second, so 15 s without a frame is a dead connection. `ticker` only
 * updates on trades and the USDT books trade less often than USD, so a symbol is called silent
 * only after 120 s. Coinbase allows 8 unauthenticated messages/s per IP: we send at most 5.
 */
export const COINBASE_TUNING: ConnectionTuning = {
  staleTimeoutMs: 15_000,
  symbolArrivalTimeoutMs: 120_000,
  connectTimeoutMs: 10_000,
  backoffInitialMs: 1_000,
  backoffMaxMs: 60_000,
  stableAfterMs: 60_000,
  maxLifetimeMs: null,
  keepAliveIntervalMs: null,
  controlRate: { maxPerWindow: 5, windowMs: 1_000 },
  logIntervalMs: 10_000,
};

/**
 * Coinbase Advanced Trade: one subscribe per channel (`heartbeats`, then `ticker`) sent right after
 * open (the venue disconnects without a subscribe within 5 s). `sequence_num` is checked as one
 * counter per connection: any jump is counted as a gap.
 */
export class CoinbaseFeed extends ResilientWebSocket {
  private readonly mapper: CoinbaseMapper;
  private readonly sequence = new SequenceTracker('consecutive');

  constructor(options: VenueFeedOptions) {
    super(options, { venue: 'coinbase', defaultUrl: COINBASE_DEFAULT_URL, instruments: COINBASE_SYMBOLS, tuning: COINBASE_TUNING });
    this.mapper = new CoinbaseMapper(this.resolved.fromVenue);
  }

  protected override onConnected(): void {
    const product_ids = [...this.resolved.toVenue.values()];
    const heartbeats: CoinbaseSubscribe = { type: 'subscribe', product_ids, channel: 'heartbeats' };
    const ticker: CoinbaseSubscribe = { type: 'subscribe', product_ids, channel: 'ticker' };
    this.sendControl(heartbeats);
    this.sendControl(ticker);
  }

  protected override onDisconnected(): void {
    this.sequence.reset();
  }

  protected override onText(text: string, receivedTs: number): void {
    const raw = this.parseFrame(text);
    if (raw === undefined) return;
    const env = EnvelopeSchema.safeParse(raw);
    if (!env.success) {
      const err = ErrorSchema.safeParse(raw);
      if (err.success) return this.onError(err.data.message, err.data.reason);
      this.recordParseError('envelope', text);
      return;
    }
    this.checkSequence(env.data);
    switch (env.data.channel) {
      case 'ticker':
        return this.onTicker(env.data, text, receivedTs);
      case 'heartbeats':
        for (const e of env.data.events) if (!HeartbeatEventSchema.safeParse(e).success) this.recordParseError('heartbeat', text);
        return;
      case 'subscriptions':
        return this.onSubscriptions(env.data, text);
      default:
        this.recordUnexpected(`channel:${env.data.channel}`, text);
    }
  }

  private checkSequence(env: CoinbaseEnvelope): void {
    const seq = toId(env.sequence_num);
    if (seq === null) return;
    const previous = this.sequence.lastOf('connection');
    if (this.sequence.check('connection', seq) === 'gap') {
      this.recordGap('connection', { stream: 'sequence_num', previous: String(previous), got: env.sequence_num });
    }
  }

  private onTicker(env: CoinbaseEnvelope, text: string, receivedTs: number): void {
    for (const e of env.events) {
      const ev = TickerEventSchema.safeParse(e);
      if (!ev.success) {
        this.recordParseError('ticker', text);
        continue;
      }
      this.emitMapped(this.mapper.mapTickers(ev.data.tickers, env.timestamp, receivedTs));
    }
  }

  /** The ack lists what is really subscribed: a requested product missing from `ticker` was refused. */
  private onSubscriptions(env: CoinbaseEnvelope, text: string): void {
    for (const e of env.events) {
      const ev = SubscriptionsEventSchema.safeParse(e);
      if (!ev.success) {
        this.recordParseError('subscriptions', text);
        continue;
      }
      const ticker = ev.data.subscriptions['ticker'];
      if (ticker === undefined) continue;
      for (const [symbol, product] of this.resolved.toVenue) {
        if (!ticker.includes(product)) this.recordSymbolRejected(symbol, `${product} missing from ticker subscriptions`);
      }
    }
  }

  private onError(message: string, reason: string | undefined): void {
    const text = `${message} ${reason ?? ''}`;
    let matched = false;
    for (const [symbol, product] of this.resolved.toVenue) {
      if (text.includes(product)) {
        this.recordSymbolRejected(symbol, text.trim());
        matched = true;
      }
    }
    if (!matched) this.recordVenueError({ message, reason });
  }
}
