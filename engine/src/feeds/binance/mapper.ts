import type { MarketSymbol, Tick } from '../types.js';
import { toEpochMs, toId, toPriceString } from '../connection/decimal.js';
import { EMPTY_RESULT, type MapResult } from '../connection/map-result.js';
import { SequenceTracker } from '../connection/sequence-tracker.js';
import type { BinanceBookTicker, BinanceTrade } from './messages.js';

/**
 * Binance raw messages -> normalized ticks. Keeps per-symbol sequence state: trade `t` must be
 * consecutive (a gap otherwise), bookTicker `u` must increase (older updates are dropped).
 */
export class BinanceMapper {
  private readonly trades = new SequenceTracker('consecutive');
  private readonly books = new SequenceTracker('increasing');

  /** `bySymbol` maps the venue's uppercase payload symbol (`BTCUSDT`) to our market symbol. */
  constructor(private readonly bySymbol: ReadonlyMap<string, MarketSymbol>) {}

  /** Sequences are per connection: forget them on reconnect. */
  reset(): void {
    this.trades.reset();
    this.books.reset();
  }

  mapBookTicker(msg: BinanceBookTicker, receivedTs: number): MapResult {
    const symbol = this.bySymbol.get(msg.s);
    const u = toId(msg.u);
    if (symbol === undefined || u === null) return EMPTY_RESULT;
    if (this.books.check(symbol, u) === 'stale') return EMPTY_RESULT;
    const bid = toPriceString(msg.b);
    const ask = toPriceString(msg.a);
    if (bid === null && ask === null) return EMPTY_RESULT;
    const tick: Tick = { venue: 'binance', symbol, bid, ask, last: null, exchangeTs: receivedTs, receivedTs, simulated: false };
    return { ticks: [tick], gaps: [] };
  }

  mapTrade(msg: BinanceTrade, receivedTs: number): MapResult {
    const symbol = this.bySymbol.get(msg.s);
    const t = toId(msg.t);
    if (symbol === undefined || t === null) return EMPTY_RESULT;
    const previous = this.trades.lastOf(symbol);
    const verdict = this.trades.check(symbol, t);
    if (verdict === 'stale') return EMPTY_RESULT;
    const gaps = verdict === 'gap' ? [{ symbol, stream: 'trade', previous: String(previous), got: msg.t }] : [];
    const last = toPriceString(msg.p);
    if (last === null) return { ticks: [], gaps };
    const exchangeTs = toEpochMs(msg.T) ?? toEpochMs(msg.E) ?? receivedTs;
    const tick: Tick = { venue: 'binance', symbol, bid: null, ask: null, last, exchangeTs, receivedTs, simulated: false };
    return { ticks: [tick], gaps };
  }
}
