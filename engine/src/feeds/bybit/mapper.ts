import type { MarketSymbol, Tick } from '../types.js';
import { toEpochMs, toId, toPriceString } from '../connection/decimal.js';
import type { GapEvent, MapResult } from '../connection/map-result.js';
import { EMPTY_RESULT } from '../connection/map-result.js';
import type { BybitOrderbook, BybitTradeMessage } from './messages.js';

/**
 * Bybit spot `orderbook.1` and `publicTrade` -> normalized ticks. Neither topic has a consecutive
 * id, so gaps are what the book's `u` can show: `u == 1` after a larger `u` is a service restart
 * (state discontinuity, counted as a gap); a smaller `u` otherwise is an out-of-order message and is
 * dropped; an equal `u` is the 3-second re-send of an unchanged book.
 *
 * Exchange time: `cts` (matching-engine time of the change) for a book with a new `u`; `ts` (the
 * time the venue generated the message) when the message restates a book that did not change: the
 * re-send, and the first book after (re)subscribing, whose `cts` can be long past on a quiet book.
 * Every `orderbook.1` message is the complete top of book as of its `ts`, so a quiet book stays as
 * fresh as the venue's last statement of it (feeds/README.md "Quiet books").
 */
export class BybitMapper {
  private readonly bookU = new Map<MarketSymbol, bigint>();

  constructor(private readonly bySymbol: ReadonlyMap<string, MarketSymbol>) {}

  reset(): void {
    this.bookU.clear();
  }

  mapOrderbook(msg: BybitOrderbook, receivedTs: number): MapResult {
    const symbol = this.bySymbol.get(msg.data.s);
    const u = toId(msg.data.u);
    if (symbol === undefined || u === null) return EMPTY_RESULT;
    const prev = this.bookU.get(symbol);
    const restated = prev === undefined || u === prev;
    const gaps: GapEvent[] = [];
    if (prev !== undefined && u < prev) {
      if (u !== 1n) return EMPTY_RESULT;
      gaps.push({ symbol, stream: 'orderbook.u restart', previous: prev.toString(), got: msg.data.u });
    }
    this.bookU.set(symbol, u);
    const bid = toPriceString(msg.data.b[0]?.[0]);
    const ask = toPriceString(msg.data.a[0]?.[0]);
    if (bid === null && ask === null) return { ticks: [], gaps };
    const exchangeTs = (restated ? toEpochMs(msg.ts) : (toEpochMs(msg.cts) ?? toEpochMs(msg.ts))) ?? receivedTs;
    const tick: Tick = { venue: 'bybit', symbol, bid, ask, last: null, exchangeTs, receivedTs, simulated: false };
    return { ticks: [tick], gaps };
  }

  mapTrades(msg: BybitTradeMessage, receivedTs: number): MapResult {
    const ticks: Tick[] = [];
    for (const d of msg.data) {
      const symbol = this.bySymbol.get(d.s);
      const last = toPriceString(d.p);
      if (symbol === undefined || last === null) continue;
      const exchangeTs = toEpochMs(d.T) ?? toEpochMs(msg.ts) ?? receivedTs;
      ticks.push({ venue: 'bybit', symbol, bid: null, ask: null, last, exchangeTs, receivedTs, simulated: false });
    }
    return { ticks, gaps: [] };
  }
}
