import { afterEach, describe, expect, it } from 'vitest';
import { BinanceFeed } from '../../../../engine/src/feeds/binance/feed.js';
import type { Tick } from '../../../../engine/src/feeds/types.js';
import { FAST_TUNING, captureLogger, waitFor } from '../test-helpers.js';
import { FakeBinanceServer } from './fake-binance-server.js';

describe('BinanceFeed against a fake Binance server', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(serverOpts: Parameters<typeof FakeBinanceServer.start>[0] = {}, feedOpts: Partial<ConstructorParameters<typeof BinanceFeed>[0]> = {}) {
    const server = await FakeBinanceServer.start(serverOpts);
    cleanups.push(() => server.close());
    const log = captureLogger();
    const feed = new BinanceFeed({ logger: log.logger, url: server.url, tuning: FAST_TUNING, ...feedOpts });
    cleanups.push(() => feed.stop());
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    await feed.start();
    return { server, feed, ticks, log };
  }

  it('subscribes bookTicker + trade with one SUBSCRIBE and maps the documented payloads to exact ticks', async () => {
    // Given a Binance server with the documented bookTicker and trade messages
    const { server, feed, ticks } = await setup();
    // When the feed connects
    await waitFor(() => ticks.length >= 8, '8 ticks');
    // Then one SUBSCRIBE carried all six lowercase streams
    const conn = server.server.connections[0]!;
    expect(conn.path).toBe('/stream');
    expect(conn.received.map((r) => JSON.parse(r))).toEqual([
      {
        method: 'SUBSCRIBE',
        params: ['btcusdt@bookTicker', 'btcusdt@trade', 'ethusdt@bookTicker', 'ethusdt@trade', 'solusdt@bookTicker', 'solusdt@trade'],
        id: 1,
      },
    ]);
    // And bookTicker (no E) uses the receive time, with prices exactly as sent
    const btcBook = ticks.find((t) => t.symbol === 'BTCUSDT' && t.bid !== null)!;
    expect(btcBook).toMatchObject({ venue: 'binance', bid: '97012.34000000', ask: '97012.35000000', last: null, simulated: false });
    expect(btcBook.exchangeTs).toBe(btcBook.receivedTs);
    // And trades carry T as the exchange time
    const btcTrade = ticks.find((t) => t.symbol === 'BTCUSDT' && t.last !== null)!;
    expect(btcTrade).toMatchObject({ bid: null, ask: null, last: '97012.35000000', exchangeTs: 1764067800135 });
  });

  it('counts the SOL trade-id gap but not the ETH ids above 2^53 that a double would merge', async () => {
    const { feed, ticks } = await setup();
    await waitFor(() => ticks.filter((t) => t.last !== null).length >= 6, '6 trades');
    const h = feed.health()[0]!;
    // 1200000001 -> 1200000004 is one gap; 9007199254740993 -> ...994 is consecutive (a double
    // would read both as 9007199254740992/...994 and report a false gap)
    expect(h.gaps).toBe(1);
    expect(h.parseErrors).toBe(0);
    expect(ticks.filter((t) => t.symbol === 'ETHUSDT' && t.last !== null).map((t) => t.last)).toEqual(['3401.11000000', '3401.10000000']);
  });

  it('answers server ping frames with a pong carrying the same payload (ws autoPong)', async () => {
    const { server, ticks } = await setup({ pingIntervalMs: 50 });
    await waitFor(() => ticks.length > 0, 'data');
    const conn = server.server.connections[0]!;
    await waitFor(() => conn.pongs.length >= 2, 'two pongs');
    expect(conn.pongs[0]!.toString()).toBe('binance-ping-1');
    expect(conn.pongs[1]!.toString()).toBe('binance-ping-2');
  });

  it('reports a symbol Binance accepted silently (result null, no data) as silent and logs it', async () => {
    const { feed, ticks, log } = await setup({}, { venueSymbols: { SOLUSDT: 'FOOUSDT' }, tuning: { ...FAST_TUNING, symbolArrivalTimeoutMs: 200 } });
    await waitFor(() => ticks.length > 0, 'data');
    await waitFor(() => feed.health()[0]!.symbols.find((s) => s.symbol === 'SOLUSDT')!.silent, 'SOLUSDT silent', 3_000);
    const h = feed.health()[0]!;
    expect(h.symbols.find((s) => s.symbol === 'SOLUSDT')).toMatchObject({ silent: true, messages: 0, lastMessageTs: null });
    expect(h.connected).toBe(true);
    await waitFor(() => log.has('symbol silent'), 'silent log');
  });

  it('survives garbage, truncated JSON and unknown message types, counting them and still delivering data', async () => {
    const { server, feed, ticks } = await setup();
    await waitFor(() => ticks.length >= 8, 'initial ticks');
    const conn = server.server.connections[0]!;
    const before = ticks.length;
    conn.send('not json at all');
    conn.send('{"stream":"btcusdt@bookTicker","data":{"u":400900300,"s":"BTCUSDT","b":"9');
    conn.send('{"stream":"btcusdt@bookTicker","data":{"u":"x","s":"BTCUSDT"}}');
    conn.send('{"stream":"btcusdt@kline_1m","data":{"e":"kline"}}');
    conn.send('[1,2,3]');
    server.push('{"stream":"btcusdt@bookTicker","data":{"u":400900301,"s":"BTCUSDT","b":"97013.00000000","B":"1","a":"97013.01000000","A":"1"}}');
    await waitFor(() => ticks.length > before, 'tick after garbage');
    expect(ticks.at(-1)).toMatchObject({ bid: '97013.00000000', ask: '97013.01000000' });
    expect(feed.health()[0]!.parseErrors).toBe(4);
    expect(feed.health()[0]!.connected).toBe(true);
  });

  it('drops a bookTicker whose update id went backwards', async () => {
    const { server, ticks } = await setup();
    await waitFor(() => ticks.length >= 8, 'initial ticks');
    const before = ticks.length;
    server.push('{"stream":"btcusdt@bookTicker","data":{"u":400900100,"s":"BTCUSDT","b":"1.00000000","B":"1","a":"2.00000000","A":"1"}}');
    server.push('{"stream":"btcusdt@bookTicker","data":{"u":400900400,"s":"BTCUSDT","b":"97014.00000000","B":"1","a":"97014.01000000","A":"1"}}');
    await waitFor(() => ticks.length > before, 'newer tick');
    expect(ticks.slice(before).map((t) => t.bid)).toEqual(['97014.00000000']);
  });

  it('reconnects and resubscribes at once on serverShutdown', async () => {
    const { server, feed, ticks } = await setup();
    await waitFor(() => ticks.length >= 8, 'initial ticks');
    server.shutdownNotice();
    await waitFor(() => server.server.connections.length === 2 && server.server.connections[1]!.received.length === 1, 'second connection subscribed');
    expect(JSON.parse(server.server.connections[1]!.received[0]!)).toMatchObject({ method: 'SUBSCRIBE' });
    await waitFor(() => feed.health()[0]!.connected, 'connected');
    expect(feed.health()[0]!.reconnects).toBe(1);
  });
});
