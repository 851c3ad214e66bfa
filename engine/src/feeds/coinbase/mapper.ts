import type { MarketSymbol, Tick } from '../types.js';
import { parseRfc3339Ms, toPriceString } from '../connection/decimal.js';
import type { MapResult } from '../connection/map-result.js';
import type { CoinbaseTicker } from './messages.js';

/**
 * Coinbase `ticker` events -> normalized ticks. `best_bid`/`best_ask`/`price` are strings kept
 * verbatim; the exchange time is the envelope `timestamp` (RFC 3339 with 9 fractional digits).
 * Gap detection lives in the feed: `sequence_num` is one counter per connection.
 */
export class CoinbaseMapper {
  constructor(private readonly byProduct: ReadonlyMap<string, MarketSymbol>) {}

  mapTickers(tickers: readonly CoinbaseTicker[], envelopeTs: string, receivedTs: number): MapResult {
    const exchangeTs = parseRfc3339Ms(envelopeTs) ?? receivedTs;
    const ticks: Tick[] = [];
    for (const t of tickers) {
      const symbol = this.byProduct.get(t.product_id);
      if (symbol === undefined) continue;
      const bid = toPriceString(t.best_bid);
      const ask = toPriceString(t.best_ask);
      const last = toPriceString(t.price);
      if (bid === null && ask === null && last === null) continue;
      ticks.push({ venue: 'coinbase', symbol, bid, ask, last, exchangeTs, receivedTs, simulated: false });
    }
    return { ticks, gaps: [] };
  }
}
