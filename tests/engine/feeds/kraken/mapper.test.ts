import { describe, expect, it } from 'vitest';
import { KrakenMapper } from '../../../../engine/src/feeds/kraken/mapper.js';
import { TickerMessageSchema, TradeMessageSchema } from '../../../../engine/src/feeds/kraken/messages.js';
import { parseJsonLossless } from '../../../../engine/src/feeds/connection/lossless-json.js';
import { fixtureLines } from '../fake-venue-server.js';

const bySymbol = new Map([
  ['BTC/USDT', 'BTCUSDT'],
  ['ETH/USDT', 'ETHUSDT'],
  ['SOL/USDT', 'SOLUSDT'],
] as const);

describe('KrakenMapper (fixtures/kraken/*.jsonl)', () => {
  it('maps tickers and trades from raw float text without losing digits', () => {
    const mapper = new KrakenMapper(bySymbol);
    const out = fixtureLines('kraken', 'stream').flatMap((line) => {
      const raw = parseJsonLossless(line) as { channel: string };
      const r = raw.channel === 'ticker' ? mapper.mapTicker(TickerMessageSchema.parse(raw).data, 5) : mapper.mapTrades(TradeMessageSchema.parse(raw).data, 5);
      return r.ticks.map((t) => [t.symbol, t.bid, t.ask, t.last, t.exchangeTs, r.gaps.length]);
    });
    expect(out).toEqual([
      ['BTCUSDT', '97005.1', '97005.2', '97005.2', 5, 0],
      ['ETHUSDT', '3400.95', '3401.02', '3401.0', 5, 0],
      ['SOLUSDT', '240.10123456789012345', '240.12', '240.11', 5, 0],
      ['BTCUSDT', null, null, '97005.2', Date.UTC(2025, 10, 25, 10, 50, 0, 925), 0],
      ['BTCUSDT', null, null, '97005.1', Date.UTC(2025, 10, 25, 10, 50, 1, 125), 0],
      ['BTCUSDT', null, null, '97005.0', Date.UTC(2025, 10, 25, 10, 50, 1, 225), 1],
    ]);
  });

  it('drops the all-zero inactive ticker and uses the receive time instead of epoch zero', () => {
    const mapper = new KrakenMapper(bySymbol);
    const [line] = fixtureLines('kraken', 'inactive-ticker');
    expect(mapper.mapTicker(TickerMessageSchema.parse(parseJsonLossless(line!)).data, 5).ticks).toEqual([]);
    const half = TickerMessageSchema.parse(
      parseJsonLossless('{"channel":"ticker","type":"update","data":[{"symbol":"ETH/USDT","bid":3400.5,"ask":0.0,"last":0.0,"timestamp":"1970-01-01T00:00:00.000000Z"}]}'),
    );
    expect(mapper.mapTicker(half.data, 5).ticks).toEqual([
      { venue: 'kraken', symbol: 'ETHUSDT', bid: '3400.5', ask: null, last: null, exchangeTs: 5, receivedTs: 5, simulated: false },
    ]);
  });

  it('expands an exponent-printed float exactly', () => {
    const mapper = new KrakenMapper(bySymbol);
    const msg = TickerMessageSchema.parse(parseJsonLossless('{"channel":"ticker","type":"update","data":[{"symbol":"SOL/USDT","bid":2.4012e2,"ask":2.4013E+2,"last":240.125}]}'));
    expect(mapper.mapTicker(msg.data, 1).ticks[0]).toMatchObject({ bid: '240.12', ask: '240.13', last: '240.125' });
  });
});
