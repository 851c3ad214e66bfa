import { afterEach, describe, expect, it } from 'vitest';
import { Aggregator } from '../../../../engine/src/aggregator/aggregator.js';
import { CoinbaseFeed } from '../../../../engine/src/feeds/coinbase/feed.js';
import type { Tick } from '../../../../engine/src/feeds/types.js';
import { fixtureLines } from '../fake-venue-server.js';
import { FAST_TUNING, captureLogger, waitFor } from '../test-helpers.js';
import { FakeCoinbaseServer, type FakeCoinbaseOptions } from './fake-coinbase-server.js';

describe('CoinbaseFeed against a fake Coinbase Advanced Trade server', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(serverOpts: FakeCoinbaseOptions = {}, feedOpts: Partial<ConstructorParameters<typeof CoinbaseFeed>[0]> = {}) {
    const server = await FakeCoinbaseServer.start({ heartbeatMs: 50, ...serverOpts });
    cleanups.push(() => server.close());
    const log = captureLogger();
    const feed = new CoinbaseFeed({ logger: log.logger, url: server.url, tuning: FAST_TUNING, ...feedOpts });
    cleanups.push(() => feed.stop());
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    await feed.start();
    return { server, feed, ticks, log };
  }

  it('subscribes heartbeats then ticker for the USDT products and maps tickers to exact ticks', async () => {
    const { server, feed, ticks } = await setup();
    await waitFor(() => ticks.length >= 4, '4 ticks');
    expect(server.server.connections[0]!.received.map((r) => JSON.parse(r))).toEqual([
      { type: 'subscribe', product_ids: ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'], channel: 'heartbeats' },
      { type: 'subscribe', product_ids: ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'], channel: 'ticker' },
    ]);
    expect(ticks[0]).toMatchObject({
      venue: 'coinbase',
      symbol: 'BTCUSDT',
      bid: '97010.00',
      ask: '97010.02',
      last: '97010.01',
      exchangeTs: Date.UTC(2025, 10, 25, 10, 50, 0, 167),
      simulated: false,
    });
    expect(ticks.map((t) => t.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BTCUSDT']);
    expect(ticks[2]!.last).toBe('240.115');
    // heartbeats with integer and string counters are both accepted
    await waitFor(() => feed.health()[0]!.messages >= 10, 'heartbeats');
    expect(feed.health()[0]!).toMatchObject({ parseErrors: 0, gaps: 0, connected: true });
  });

  it('accepts both documented heartbeat shapes (string counter with client_id, integer without)', async () => {
    const { server, feed, ticks } = await setup({ heartbeatMs: 60_000 });
    await waitFor(() => ticks.length >= 4, 'ticks');
    const conn = server.server.connections[0]!;
    for (const line of fixtureLines('coinbase', 'heartbeat')) server.sendEnvelope(conn, JSON.parse(line) as Record<string, unknown>);
    const before = feed.health()[0]!.messages;
    await waitFor(() => feed.health()[0]!.messages >= before + 2 || feed.health()[0]!.messages >= 8, 'heartbeats');
    expect(feed.health()[0]!.parseErrors).toBe(0);
  });

  it('counts a jump in the connection sequence_num as a gap', async () => {
    const { feed, ticks } = await setup({ skipAfterSnapshot: 3 });
    await waitFor(() => ticks.length >= 4, 'ticks');
    await waitFor(() => feed.health()[0]!.gaps === 1, 'gap');
    await new Promise((r) => setTimeout(r, 150));
    expect(feed.health()[0]!.gaps).toBe(1);
  });

  it('reports a product refused by the venue as silent at once, while the others keep flowing', async () => {
    const { feed, ticks, log } = await setup({}, { venueSymbols: { SOLUSDT: 'FOO-USDT' }, tuning: { ...FAST_TUNING, symbolArrivalTimeoutMs: 60_000 } });
    await waitFor(() => ticks.length >= 3, 'ticks');
    await waitFor(() => feed.health()[0]!.symbols.find((s) => s.symbol === 'SOLUSDT')!.silent, 'SOL silent');
    expect(feed.health()[0]!.symbols.filter((s) => s.silent).map((s) => s.symbol)).toEqual(['SOLUSDT']);
    expect(log.lines.some((l) => l['msg'] === 'subscription rejected' && String(l['reason']).includes('FOO-USDT'))).toBe(true);
  });

  it('survives garbage and unknown channels; heartbeats keep a quiet connection alive', async () => {
    const { server, feed, ticks } = await setup({}, { tuning: { ...FAST_TUNING, staleTimeoutMs: 300 } });
    await waitFor(() => ticks.length >= 4, 'ticks');
    const conn = server.server.connections[0]!;
    conn.send('{"channel":"ticker","timestamp":"x","sequence_num":');
    conn.send('{"channel":"ticker"}');
    server.sendEnvelope(conn, { channel: 'candles', timestamp: '2025-11-25T10:50:00Z', events: [] });
    server.sendEnvelope(conn, { channel: 'ticker', timestamp: '2025-11-25T10:50:00Z', events: [{ type: 'update', tickers: [{ product_id: null }] }] });
    await new Promise((r) => setTimeout(r, 600));
    const h = feed.health()[0]!;
    expect(h.parseErrors).toBe(3);
    expect(h.reconnects).toBe(0);
    expect(server.server.connections).toHaveLength(1);
  });

  it('subscribes again within the venue deadline after a drop, so the new connection is kept', async () => {
    // Given a venue that closes connections with no subscribe within 200 ms
    const { server, feed, ticks } = await setup({ subscribeDeadlineMs: 200 });
    await waitFor(() => ticks.length >= 4, 'ticks');
    // When the connection drops
    server.server.dropAll();
    await waitFor(() => server.server.connections.length === 2 && ticks.length >= 8, 'resubscribed');
    // Then both subscribes went out again and the venue did not cut the new connection
    expect(server.server.connections[1]!.received).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.server.connections[1]!.open).toBe(true);
    expect(feed.health()[0]!).toMatchObject({ reconnects: 1, connected: true });
  });
});

describe('CoinbaseFeed quiet books', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('does not restate its book on heartbeats: ticker only moves on trades, so a gap-free heartbeat says nothing about the book', async () => {
    // Given a Coinbase connection with heartbeats every 50 ms and no sequence gap
    const server = await FakeCoinbaseServer.start({ heartbeatMs: 50 });
    cleanups.push(() => server.close());
    const log = captureLogger();
    const feed = new CoinbaseFeed({ logger: log.logger, url: server.url, tuning: FAST_TUNING });
    cleanups.push(() => feed.stop());
    const agg = new Aggregator({ logger: log.logger, minProviders: 1, maxExchangeAgeMs: 400, maxReceiveAgeMs: 400, evaluateIntervalMs: 0 });
    await agg.start();
    cleanups.push(() => agg.stop());
    agg.attach(feed);
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    await feed.start();
    await waitFor(() => ticks.length >= 4, 'snapshot ticks');
    const coinbase = () => {
      agg.evaluateAll();
      return agg.latest('BTCUSDT')!.sources.find((s) => s.venue === 'coinbase')!;
    };
    // When a current ticker arrives and then only heartbeats
    server.sendEnvelope(server.server.connections[0]!, {
      channel: 'ticker',
      client_id: '',
      timestamp: new Date().toISOString(),
      events: [{ type: 'update', tickers: [{ type: 'ticker', product_id: 'BTC-USDT', price: '97020.01', best_bid: '97020.00', best_ask: '97020.02' }] }],
    });
    await waitFor(() => ticks.length >= 5, 'current ticker');
    expect(coinbase()).toMatchObject({ status: 'ok', mid: 97_020_010_000n });
    await new Promise((r) => setTimeout(r, 700));
    // Then the venue goes stale with the age limit, heartbeats notwithstanding
    expect(feed.health()[0]!).toMatchObject({ gaps: 0, connected: true });
    expect(feed.restatedTicks).toBe(0);
    expect(coinbase().status).toBe('stale');
  });
});
