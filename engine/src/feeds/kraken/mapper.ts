import type { MarketSymbol, Tick } from '../types.js';
import { parseRfc3339Ms, toId, toPriceString } from '../connection/decimal.js';
import type { GapEvent, MapResult } from '../connection/map-result.js';
import { SequenceTracker } from '../connection/sequence-tracker.js';
import type { KrakenTickerData, KrakenTradeData } from './messages.js';

/**
 * Kraken v2 `ticker` (subscribed with event_trigger "bbo", so it moves with the book) and `trade`
 * -> normalized ticks. Zero prices (inactive symbols) become null; an epoch-zero or missing ticker
 * timestamp falls back to the receive time. `trade_id` is consecutive per symbol: gaps are reported.
 */
export class KrakenMapper {
  private readonly trades = new SequenceTracker('consecutive');

  constructor(private readonly bySymbol: ReadonlyMap<string, MarketSymbol>) {}

  reset(): void {
    this.trades.reset();
  }

  mapTicker(data: readonly KrakenTickerData[], receivedTs: number): MapResult {
    const ticks: Tick[] = [];
    for (const d of data) {
      const symbol = this.bySymbol.get(d.symbol);
      if (symbol === undefined) continue;
      const bid = toPriceString(d.bid);
      const ask = toPriceString(d.ask);
      const last = toPriceString(d.last);
      if (bid === null && ask === null && last === null) continue;
      const exchangeTs = parseRfc3339Ms(d.timestamp) ?? receivedTs;
      ticks.push({ venue: 'kraken', symbol, bid, ask, last, exchangeTs, receivedTs, simulated: false });
    }
    return { ticks, gaps: [] };
  }

  mapTrades(data: readonly KrakenTradeData[], receivedTs: number): MapResult {
    const ticks: Tick[] = [];
    const gaps: GapEvent[] = [];
    for (const d of data) {
      const symbol = this.bySymbol.get(d.symbol);
      const id = toId(d.trade_id);
      if (symbol === undefined || id === null) continue;
      const previous = this.trades.lastOf(symbol);
      const verdict = this.trades.check(symbol, id);
      if (verdict === 'stale') continue;
      if (verdict === 'gap') gaps.push({ symbol, stream: 'trade', previous: String(previous), got: d.trade_id });
      const last = toPriceString(d.price);
      if (last === null) continue;
      const exchangeTs = parseRfc3339Ms(d.timestamp) ?? receivedTs;
      ticks.push({ venue: 'kraken', symbol, bid: null, ask: null, last, exchangeTs, receivedTs, simulated: false });
    }
    return { ticks, gaps };
  }
}
