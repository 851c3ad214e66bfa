import { describe, expect, it } from 'vitest';
import { CoinbaseMapper } from '../../../../engine/src/feeds/coinbase/mapper.js';
import { EnvelopeSchema, TickerEventSchema } from '../../../../engine/src/feeds/coinbase/messages.js';
import { parseJsonLossless } from '../../../../engine/src/feeds/connection/lossless-json.js';
import { fixtureLines } from '../fake-venue-server.js';

describe('CoinbaseMapper (fixtures/coinbase/stream.jsonl)', () => {
  const mapper = new CoinbaseMapper(
    new Map([
      ['BTC-USDT', 'BTCUSDT'],
      ['ETH-USDT', 'ETHUSDT'],
      ['SOL-USDT', 'SOLUSDT'],
    ] as const),
  );

  it('maps ticker events with the envelope timestamp (9 fractional digits) as exchange time', () => {
    const out = fixtureLines('coinbase', 'stream').flatMap((line) => {
      const env = EnvelopeSchema.parse(parseJsonLossless(line));
      return env.events.flatMap((e) => mapper.mapTickers(TickerEventSchema.parse(e).tickers, env.timestamp, 7).ticks);
    });
    expect(out.map((t) => [t.symbol, t.bid, t.ask, t.last, t.exchangeTs])).toEqual([
      ['BTCUSDT', '97010.00', '97010.02', '97010.01', Date.UTC(2025, 10, 25, 10, 50, 0, 167)],
      ['ETHUSDT', '3401.04', '3401.06', '3401.05', Date.UTC(2025, 10, 25, 10, 50, 0, 201)],
      ['SOLUSDT', '240.11', '240.12', '240.115', Date.UTC(2025, 10, 25, 10, 50, 0, 301)],
      ['BTCUSDT', '97011.49', '97011.51', '97011.5', Date.UTC(2025, 10, 25, 10, 50, 1, 0)],
    ]);
    expect(out.every((t) => t.venue === 'coinbase' && t.receivedTs === 7 && !t.simulated)).toBe(true);
  });

  it('ignores unknown products and empty prices, and falls back to the receive time', () => {
    const r = mapper.mapTickers(
      [
        { product_id: 'BTC-USD', price: '1', best_bid: '1', best_ask: '2' },
        { product_id: 'ETH-USDT', price: '', best_bid: '', best_ask: '' },
        { product_id: 'SOL-USDT', price: '240.1' },
      ],
      'not a time',
      99,
    );
    expect(r.ticks).toEqual([{ venue: 'coinbase', symbol: 'SOLUSDT', bid: null, ask: null, last: '240.1', exchangeTs: 99, receivedTs: 99, simulated: false }]);
  });
});
