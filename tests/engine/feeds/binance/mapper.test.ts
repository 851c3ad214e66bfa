import { describe, expect, it } from 'vitest';
import { BinanceMapper } from '../../../../engine/src/feeds/binance/mapper.js';
import { BookTickerSchema, CombinedSchema, TradeSchema } from '../../../../engine/src/feeds/binance/messages.js';
import { parseJsonLossless } from '../../../../engine/src/feeds/connection/lossless-json.js';
import { fixtureLines } from '../fake-venue-server.js';

const bySymbol = new Map([
  ['BTCUSDT', 'BTCUSDT'],
  ['ETHUSDT', 'ETHUSDT'],
  ['SOLUSDT', 'SOLUSDT'],
] as const);

describe('BinanceMapper (fixtures/binance/stream.jsonl)', () => {
  it('maps every documented message to the expected normalized tick', () => {
    const mapper = new BinanceMapper(bySymbol);
    const out = fixtureLines('binance', 'stream').flatMap((line, i) => {
      const { stream, data } = CombinedSchema.parse(parseJsonLossless(line));
      const r = stream.endsWith('@bookTicker') ? mapper.mapBookTicker(BookTickerSchema.parse(data), 1000 + i) : mapper.mapTrade(TradeSchema.parse(data), 1000 + i);
      return r.ticks.map((t) => [t.symbol, t.bid, t.ask, t.last, t.exchangeTs, r.gaps.length]);
    });
    expect(out).toEqual([
      ['BTCUSDT', '97012.34000000', '97012.35000000', null, 1000, 0],
      ['ETHUSDT', '3401.10000000', '3401.11000000', null, 1001, 0],
      ['SOLUSDT', '240.12000000', '240.13000000', null, 1002, 0],
      ['BTCUSDT', null, null, '97012.35000000', 1764067800135, 0],
      ['BTCUSDT', null, null, '97012.34000000', 1764067800139, 0],
      ['ETHUSDT', null, null, '3401.11000000', 1764067800200, 0],
      ['ETHUSDT', null, null, '3401.10000000', 1764067800201, 0],
      ['SOLUSDT', null, null, '240.13000000', 1764067800300, 0],
      ['SOLUSDT', null, null, '240.12000000', 1764067800310, 1],
    ]);
  });

  it('reports the gap ids exactly and drops duplicate trades and unknown symbols', () => {
    const mapper = new BinanceMapper(bySymbol);
    const trade = (t: string, s = 'BTCUSDT') => TradeSchema.parse(parseJsonLossless(`{"e":"trade","E":1,"s":"${s}","t":${t},"p":"1.5","q":"1","T":2,"m":true}`));
    mapper.mapTrade(trade('9007199254740993'), 5);
    expect(mapper.mapTrade(trade('9007199254740996'), 5).gaps).toEqual([{ symbol: 'BTCUSDT', stream: 'trade', previous: '9007199254740993', got: '9007199254740996' }]);
    expect(mapper.mapTrade(trade('9007199254740996'), 5)).toEqual({ ticks: [], gaps: [] });
    expect(mapper.mapTrade(trade('1', 'BNBUSDT'), 5)).toEqual({ ticks: [], gaps: [] });
    mapper.reset();
    expect(mapper.mapTrade(trade('1'), 5).ticks).toHaveLength(1);
  });

  it('keeps a one-sided book and drops an empty one', () => {
    const mapper = new BinanceMapper(bySymbol);
    const book = (u: number, b: string, a: string) => BookTickerSchema.parse(parseJsonLossless(`{"u":${u},"s":"BTCUSDT","b":"${b}","B":"1","a":"${a}","A":"1"}`));
    expect(mapper.mapBookTicker(book(1, '0.00000000', '97000.10000000'), 9).ticks[0]).toMatchObject({ bid: null, ask: '97000.10000000' });
    expect(mapper.mapBookTicker(book(2, '0.00000000', '0.00000000'), 9).ticks).toHaveLength(0);
  });
});
