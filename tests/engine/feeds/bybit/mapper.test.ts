import { describe, expect, it } from 'vitest';
import { BybitMapper } from '../../../../engine/src/feeds/bybit/mapper.js';
import { OrderbookMessageSchema, TradeMessageSchema } from '../../../../engine/src/feeds/bybit/messages.js';
import { parseJsonLossless } from '../../../../engine/src/feeds/connection/lossless-json.js';
import { fixtureLines } from '../fake-venue-server.js';

const bySymbol = new Map([
  ['BTCUSDT', 'BTCUSDT'],
  ['ETHUSDT', 'ETHUSDT'],
  ['SOLUSDT', 'SOLUSDT'],
] as const);

describe('BybitMapper (fixtures/bybit/stream.jsonl)', () => {
  it('maps level-1 books and trades, with cts / T as exchange time', () => {
    const mapper = new BybitMapper(bySymbol);
    const out = fixtureLines('bybit', 'stream').flatMap((line) => {
      const raw = parseJsonLossless(line) as { topic: string };
      const r = raw.topic.startsWith('orderbook') ? mapper.mapOrderbook(OrderbookMessageSchema.parse(raw), 3) : mapper.mapTrades(TradeMessageSchema.parse(raw), 3);
      return r.ticks.map((t) => [t.symbol, t.bid, t.ask, t.last, t.exchangeTs, r.gaps.length]);
    });
    expect(out).toEqual([
      ['BTCUSDT', '97008.50', '97008.60', null, 1764067800976, 0],
      ['ETHUSDT', '3401.07', '3401.08', null, 1764067800979, 0],
      ['SOLUSDT', '240.115', '240.125', null, 1764067800988, 0],
      ['BTCUSDT', null, null, '97008.60', 1764067801865, 0],
      ['BTCUSDT', '97008.50', '97008.60', null, 1764067800976, 0],
      ['BTCUSDT', '97009.10', '97009.20', null, 1764067803099, 1],
    ]);
  });

  it('handles an empty side and a message without cts', () => {
    const mapper = new BybitMapper(bySymbol);
    const msg = OrderbookMessageSchema.parse(parseJsonLossless('{"topic":"orderbook.1.SOLUSDT","ts":1764067800000,"type":"snapshot","data":{"s":"SOLUSDT","b":[],"a":[["240.2","1"]],"u":5,"seq":1}}'));
    expect(mapper.mapOrderbook(msg, 3).ticks).toEqual([
      { venue: 'bybit', symbol: 'SOLUSDT', bid: null, ask: '240.2', last: null, exchangeTs: 1764067800000, receivedTs: 3, simulated: false },
    ]);
  });
});
