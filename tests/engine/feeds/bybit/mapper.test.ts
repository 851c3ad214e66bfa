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
  it('maps level-1 books and trades: T for trades, cts for a changed book, ts for a restated one', () => {
    const mapper = new BybitMapper(bySymbol);
    const out = fixtureLines('bybit', 'stream').flatMap((line) => {
      const raw = parseJsonLossless(line) as { topic: string };
      const r = raw.topic.startsWith('orderbook') ? mapper.mapOrderbook(OrderbookMessageSchema.parse(raw), 3) : mapper.mapTrades(TradeMessageSchema.parse(raw), 3);
      return r.ticks.map((t) => [t.symbol, t.bid, t.ask, t.last, t.exchangeTs, r.gaps.length]);
    });
    expect(out).toEqual([
      // first book of each symbol on the connection: the venue's statement time ts
      ['BTCUSDT', '97008.50', '97008.60', null, 1764067800978, 0],
      ['ETHUSDT', '3401.07', '3401.08', null, 1764067800980, 0],
      ['SOLUSDT', '240.115', '240.125', null, 1764067800990, 0],
      ['BTCUSDT', null, null, '97008.60', 1764067801865, 0],
      // the 3 s re-send (same u, cts of the original change 2 s earlier): ts, so the quiet book is current
      ['BTCUSDT', '97008.50', '97008.60', null, 1764067802978, 0],
      ['BTCUSDT', '97009.10', '97009.20', null, 1764067803099, 1],
    ]);
  });

  it('stamps a changed book with cts and a restated one with ts, per connection', () => {
    const mapper = new BybitMapper(bySymbol);
    const book = (u: number, ts: number, cts: number) =>
      OrderbookMessageSchema.parse(parseJsonLossless(`{"topic":"orderbook.1.BTCUSDT","ts":${ts},"type":"snapshot","data":{"s":"BTCUSDT","b":[["97000.1","1"]],"a":[["97000.2","1"]],"u":${u},"seq":1},"cts":${cts}}`));
    const ts = (u: number, t: number, cts: number) => mapper.mapOrderbook(book(u, t, cts), 9).ticks[0]!.exchangeTs;
    expect(ts(10, 5_000, 1_000)).toBe(5_000); // first on the connection: restated as of ts
    expect(ts(11, 6_010, 6_008)).toBe(6_008); // changed: matching-engine time
    expect(ts(11, 9_010, 6_008)).toBe(9_010); // 3 s re-send: unchanged as of ts
    mapper.reset();
    expect(ts(11, 12_010, 6_008)).toBe(12_010); // after a reconnect the first book is a statement again
  });

  it('handles an empty side and a message without cts', () => {
    const mapper = new BybitMapper(bySymbol);
    const msg = OrderbookMessageSchema.parse(parseJsonLossless('{"topic":"orderbook.1.SOLUSDT","ts":1764067800000,"type":"snapshot","data":{"s":"SOLUSDT","b":[],"a":[["240.2","1"]],"u":5,"seq":1}}'));
    expect(mapper.mapOrderbook(msg, 3).ticks).toEqual([
      { venue: 'bybit', symbol: 'SOLUSDT', bid: null, ask: '240.2', last: null, exchangeTs: 1764067800000, receivedTs: 3, simulated: false },
    ]);
  });
});
