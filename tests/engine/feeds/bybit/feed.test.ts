import { afterEach, describe, expect, it } from 'vitest';
import { BybitFeed } from '../../../../engine/src/feeds/bybit/feed.js';
import type { Tick } from '../../../../engine/src/feeds/types.js';
import { FAST_TUNING, captureLogger, waitFor } from '../test-helpers.js';
import { FakeBybitServer, type FakeBybitOptions } from './fake-bybit-server.js';

describe('BybitFeed against a fake Bybit v5 spot server', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(serverOpts: FakeBybitOptions = {}, feedOpts: Partial<ConstructorParameters<typeof BybitFeed>[0]> = {}) {
    const server = await FakeBybitServer.start(serverOpts);
    cleanups.push(() => server.close());
    const log = captureLogger();
    const feed = new BybitFeed({ logger: log.logger, url: server.url, tuning: FAST_TUNING, ...feedOpts });
    cleanups.push(() => feed.stop());
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    await feed.start();
    return { server, feed, ticks, log };
  }

  it('subscribes orderbook.1 + publicTrade per market and maps them to exact ticks', async () => {
    const { server, ticks } = await setup();
    await waitFor(() => ticks.length >= 6, '6 ticks');
    const sent = server.server.connections[0]!.received.map((r) => JSON.parse(r) as { op: string; args: string[] });
    expect(sent.map((s) => s.args)).toEqual([
      ['orderbook.1.BTCUSDT', 'publicTrade.BTCUSDT'],
      ['orderbook.1.ETHUSDT', 'publicTrade.ETHUSDT'],
      ['orderbook.1.SOLUSDT', 'publicTrade.SOLUSDT'],
    ]);
    expect(ticks[0]).toMatchObject({ venue: 'bybit', symbol: 'BTCUSDT', bid: '97008.50', ask: '97008.60', last: null, exchangeTs: 1764067800978 });
    const trade = ticks.find((t) => t.last !== null)!;
    expect(trade).toMatchObject({ symbol: 'BTCUSDT', last: '97008.60', exchangeTs: 1764067801865 });
    expect(ticks.find((t) => t.symbol === 'SOLUSDT')).toMatchObject({ bid: '240.115', ask: '240.125' });
  });

  it('keeps the 3 s re-send (same u), counts the u == 1 restart as a gap, drops an older u', async () => {
    const { server, feed, ticks } = await setup();
    await waitFor(() => ticks.length >= 6, 'ticks');
    const btcBooks = ticks.filter((t) => t.symbol === 'BTCUSDT' && t.bid !== null);
    expect(btcBooks.map((t) => t.bid)).toEqual(['97008.50', '97008.50', '97009.10']);
    expect(feed.health()[0]!.gaps).toBe(1);
    const before = ticks.length;
    server.push('{"topic":"orderbook.1.BTCUSDT","ts":1764067803200,"type":"snapshot","data":{"s":"BTCUSDT","b":[["1.0","1"]],"a":[["2.0","1"]],"u":0,"seq":1},"cts":1764067803199}');
    server.push('{"topic":"orderbook.1.BTCUSDT","ts":1764067803300,"type":"snapshot","data":{"s":"BTCUSDT","b":[["97009.30","1"]],"a":[],"u":2,"seq":2},"cts":1764067803299}');
    await waitFor(() => ticks.length > before, 'next tick');
    expect(ticks.slice(before)).toMatchObject([{ bid: '97009.30', ask: null }]);
  });

  it('keeps the 19-digit spot trade id and prices exactly', async () => {
    const { server, ticks, feed } = await setup();
    await waitFor(() => ticks.length >= 6, 'ticks');
    server.push(
      '{"topic":"publicTrade.ETHUSDT","type":"snapshot","ts":1764067801900,"data":[{"T":1764067801899,"s":"ETHUSDT","S":"Sell","v":"0.0001","p":"3401.123456789012345678","L":"MinusTick","i":"2290000000061666328","BT":false,"seq":1783284618}]}',
    );
    await waitFor(() => ticks.some((t) => t.symbol === 'ETHUSDT' && t.last !== null), 'eth trade');
    expect(ticks.find((t) => t.symbol === 'ETHUSDT' && t.last !== null)!.last).toBe('3401.123456789012345678');
    expect(feed.health()[0]!.parseErrors).toBe(0);
  });

  it('pings with {"op":"ping"} and never sends more control messages per second than the limit', async () => {
    const { server, feed } = await setup({}, { tuning: { ...FAST_TUNING, keepAliveIntervalMs: 10, controlRate: { maxPerWindow: 5, windowMs: 1_000 } } });
    await waitFor(() => server.pings.length >= 3, 'pings');
    await new Promise((r) => setTimeout(r, 1_200));
    expect(server.maxPerSecond[0]).toBeLessThanOrEqual(5);
    expect(server.pings[0]!.req).toMatchObject({ op: 'ping' });
    expect(feed.health()[0]!.parseErrors).toBe(0);
  });

  it('reports a symbol whose subscribe request failed as silent, using the req_id', async () => {
    const { feed, ticks, log } = await setup({}, { venueSymbols: { ETHUSDT: 'FOOUSDT' }, tuning: { ...FAST_TUNING, symbolArrivalTimeoutMs: 60_000 } });
    await waitFor(() => ticks.length >= 3, 'ticks');
    await waitFor(() => feed.health()[0]!.symbols.find((s) => s.symbol === 'ETHUSDT')!.silent, 'ETH silent');
    expect(feed.health()[0]!.symbols.filter((s) => s.silent).map((s) => s.symbol)).toEqual(['ETHUSDT']);
    expect(log.lines.some((l) => l['msg'] === 'subscription rejected' && String(l['reason']).includes('FOOUSDT'))).toBe(true);
  });

  it('survives garbage and unknown topics; a silent connection with no pong is replaced', async () => {
    const { server, feed, ticks } = await setup({}, { tuning: { ...FAST_TUNING, staleTimeoutMs: 300, keepAliveIntervalMs: 60_000 } });
    await waitFor(() => ticks.length >= 6, 'ticks');
    const conn = server.server.connections[0]!;
    conn.send('{"topic":"orderbook.1.BTCUSDT","ts":17640678');
    conn.send('{"topic":"orderbook.1.BTCUSDT","ts":1,"type":"snapshot","data":{"s":"BTCUSDT"}}');
    conn.send('{"topic":"tickers.BTCUSDT","ts":1,"type":"snapshot","data":{}}');
    conn.send('{"hello":"world"}');
    await waitFor(() => feed.health()[0]!.parseErrors === 2, 'parse errors');
    // no data and no pong within 300 ms: the connection is replaced and resubscribed
    await waitFor(() => server.server.connections.length >= 2 && server.server.connections[1]!.received.length >= 1, 'replacement');
    expect(JSON.parse(server.server.connections[1]!.received[0]!)).toMatchObject({ op: 'subscribe' });
    await waitFor(() => !conn.open, 'old connection closed');
    expect(feed.health()[0]!.reconnects).toBeGreaterThanOrEqual(1);
  });
});
