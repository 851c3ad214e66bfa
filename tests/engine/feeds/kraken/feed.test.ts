import { afterEach, describe, expect, it } from 'vitest';
import { Aggregator } from '../../../../engine/src/aggregator/aggregator.js';
import type { ConnectionTuning } from '../../../../engine/src/feeds/connection/resilient-websocket.js';
import { KrakenFeed } from '../../../../engine/src/feeds/kraken/feed.js';
import type { MarketSymbol, Tick } from '../../../../engine/src/feeds/types.js';
import { fixtureLines } from '../fake-venue-server.js';
import { FAST_TUNING, captureLogger, waitFor } from '../test-helpers.js';
import { FakeKrakenServer, type FakeKrakenOptions } from './fake-kraken-server.js';

describe('KrakenFeed against a fake Kraken v2 server', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(serverOpts: FakeKrakenOptions = {}, feedOpts: Partial<ConstructorParameters<typeof KrakenFeed>[0]> = {}) {
    const server = await FakeKrakenServer.start({ heartbeatMs: 50, ...serverOpts });
    cleanups.push(() => server.close());
    const log = captureLogger();
    const feed = new KrakenFeed({ logger: log.logger, url: server.url, tuning: FAST_TUNING, ...feedOpts });
    cleanups.push(() => feed.stop());
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    await feed.start();
    return { server, feed, ticks, log };
  }

  it('subscribes ticker with event_trigger bbo and trade, and maps JSON floats to their exact digits', async () => {
    const { server, ticks } = await setup();
    await waitFor(() => ticks.length >= 6, '6 ticks');
    expect(server.server.connections[0]!.received.map((r) => JSON.parse(r))).toEqual([
      { method: 'subscribe', params: { channel: 'ticker', symbol: ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'], event_trigger: 'bbo', snapshot: true }, req_id: 1 },
      { method: 'subscribe', params: { channel: 'trade', symbol: ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'], snapshot: false }, req_id: 2 },
    ]);
    const sol = ticks.find((t) => t.symbol === 'SOLUSDT')!;
    // 240.10123456789012345 has 20 significant digits: a double would print 240.10123456789012
    expect(sol).toMatchObject({ venue: 'kraken', bid: '240.10123456789012345', ask: '240.12', last: '240.11' });
    expect(sol.exchangeTs).toBe(sol.receivedTs);
    const eth = ticks.find((t) => t.symbol === 'ETHUSDT')!;
    expect(eth).toMatchObject({ bid: '3400.95', ask: '3401.02', last: '3401.0' });
    const trade = ticks.find((t) => t.last === '97005.2' && t.bid === null)!;
    expect(trade).toMatchObject({ symbol: 'BTCUSDT', exchangeTs: Date.UTC(2025, 10, 25, 10, 50, 0, 925) });
  });

  it('detects the trade_id gap (4665847 -> 4665850)', async () => {
    const { feed, ticks } = await setup();
    await waitFor(() => ticks.filter((t) => t.bid === null).length >= 3, 'trades');
    expect(feed.health()[0]!.gaps).toBe(1);
  });

  it('turns an inactive symbol ticker (all zeros, epoch-zero time) into no tick at all', async () => {
    const inactive = fixtureLines('kraken', 'inactive-ticker');
    const { feed, ticks } = await setup({ tickerLines: inactive, tradeLines: [] });
    await waitFor(() => feed.health()[0]!.messages >= 8, 'acks and heartbeats');
    expect(ticks).toHaveLength(0);
    expect(feed.health()[0]!.parseErrors).toBe(0);
  });

  it('reports a symbol refused by its ack (v1 XBT name) as silent and keeps the others', async () => {
    const { feed, ticks, log } = await setup({}, { venueSymbols: { BTCUSDT: 'XBT/USDT' }, tuning: { ...FAST_TUNING, symbolArrivalTimeoutMs: 60_000 } });
    await waitFor(() => ticks.length >= 2, 'ticks');
    await waitFor(() => feed.health()[0]!.symbols.find((s) => s.symbol === 'BTCUSDT')!.silent, 'BTC silent');
    expect(feed.health()[0]!.symbols.filter((s) => s.silent).map((s) => s.symbol)).toEqual(['BTCUSDT']);
    expect(log.lines.some((l) => l['msg'] === 'subscription rejected' && String(l['reason']).includes('XBT/USDT'))).toBe(true);
  });

  it('pings with req_id on the keep-alive interval and accepts the pong', async () => {
    const { server, feed } = await setup({}, { tuning: { ...FAST_TUNING, keepAliveIntervalMs: 50 } });
    await waitFor(() => server.pings.length >= 2, 'two pings');
    expect(server.pings[0]).toMatchObject({ method: 'ping' });
    expect(feed.health()[0]!.parseErrors).toBe(0);
  });

  it('survives garbage, truncated JSON and unknown channels without reconnecting', async () => {
    const { server, feed, ticks } = await setup();
    await waitFor(() => ticks.length >= 6, 'ticks');
    const conn = server.server.connections[0]!;
    conn.send('{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USDT","bid":97');
    conn.send('\u0000\u0001binary-ish');
    conn.send('{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USDT"}]}');
    conn.send('{"channel":"book","type":"update","data":[]}');
    conn.send('{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USDT","bid":97006.1,"bid_qty":1.0,"ask":97006.2,"ask_qty":1.0,"last":97006.2}]}');
    await waitFor(() => ticks.some((t) => t.bid === '97006.1'), 'good tick after garbage');
    expect(feed.health()[0]!).toMatchObject({ parseErrors: 3, reconnects: 0, connected: true });
  });

  it('logs the status channel (connection_id beyond 2^63 kept exactly)', async () => {
    const { log, ticks } = await setup();
    await waitFor(() => ticks.length > 0, 'ticks');
    const status = log.lines.find((l) => l['msg'] === 'kraken engine status')!;
    expect(status).toMatchObject({ system: 'online', connectionId: '13834774380200032777' });
  });
});

describe('KrakenFeed quiet books: heartbeats restate an unchanged book', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Kraken feed -> real aggregator with a 400 ms age limit; heartbeats every 50 ms; no trades. */
  async function setup(serverOpts: FakeKrakenOptions = {}, tuning: Partial<ConnectionTuning> = {}) {
    const server = await FakeKrakenServer.start({ heartbeatMs: 50, tradeLines: [], ...serverOpts });
    cleanups.push(() => server.close());
    const log = captureLogger();
    const feed = new KrakenFeed({ logger: log.logger, url: server.url, tuning: { ...FAST_TUNING, symbolArrivalTimeoutMs: 10_000, restateMaxSilenceMs: 600, ...tuning } });
    cleanups.push(() => feed.stop());
    const agg = new Aggregator({ logger: log.logger, minProviders: 1, maxExchangeAgeMs: 400, maxReceiveAgeMs: 400, evaluateIntervalMs: 0 });
    await agg.start();
    cleanups.push(() => agg.stop());
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    agg.attach(feed);
    await feed.start();
    await waitFor(() => ticks.filter((t) => t.bid !== null).length >= 3, 'ticker snapshots');
    const kraken = (symbol: MarketSymbol = 'BTCUSDT') => {
      agg.evaluateAll();
      return agg.latest(symbol)!.sources.find((s) => s.venue === 'kraken')!;
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    return { server, feed, agg, ticks, log, kraken, sleep };
  }

  const BTC_MID = 97_005_150_000n; // (97005.1 + 97005.2) / 2

  it('keeps a quiet but heartbeating venue fresh with its unchanged book, without counting it as data', async () => {
    const { feed, kraken, sleep } = await setup();
    const messagesBefore = feed.health()[0]!.symbols.find((s) => s.symbol === 'BTCUSDT')!.messages;
    // Given no ticker update for well over the 400 ms age limit, only heartbeats
    await sleep(1_000);
    // Then the book still counts, stamped with the latest heartbeat's receive time
    const src = kraken();
    expect(src).toMatchObject({ status: 'ok', mid: BTC_MID });
    expect(Date.now() - src.receivedTs).toBeLessThan(400);
    expect(kraken('ETHUSDT')).toMatchObject({ status: 'ok', mid: 3_400_985_000n });
    expect(feed.restatedTicks).toBeGreaterThan(10);
    // and the restatements are not reported as symbol data
    expect(feed.health()[0]!.symbols.find((s) => s.symbol === 'BTCUSDT')!.messages).toBe(messagesBefore);
  });

  it('goes stale when heartbeats stop, and a stall is not vouched for once heartbeats resume', async () => {
    const { server, kraken, sleep } = await setup();
    await sleep(100);
    expect(kraken().status).toBe('ok');
    // When the server goes silent (no heartbeat, no data) for longer than restateMaxSilenceMs
    server.heartbeatsPaused = true;
    await sleep(800);
    expect(kraken().status).toBe('stale');
    // Then resumed heartbeats do not bring the old book back
    server.heartbeatsPaused = false;
    await sleep(600);
    expect(kraken().status).toBe('stale');
    // until the venue sends its book again
    server.server.connections[0]!.send('{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USDT","bid":97006.1,"ask":97006.2,"last":97006.2}]}');
    await sleep(600);
    expect(kraken()).toMatchObject({ status: 'ok', mid: 97_006_150_000n });
  });

  it('stops restating after a trade_id gap on the connection', async () => {
    const { server, feed, kraken, sleep } = await setup();
    const trades = fixtureLines('kraken', 'stream').filter((l) => l.includes('"channel":"trade"'));
    // When trades 4665847 -> 4665850 arrive (two lost)
    for (const l of trades) server.server.connections[0]!.send(l);
    await waitFor(() => feed.health()[0]!.gaps === 1, 'gap');
    await sleep(600);
    // Then the heartbeats no longer vouch for any book (the recorded trades are old, so nothing counts)
    expect(kraken().status).toBe('stale');
    expect(kraken('ETHUSDT').status).toBe('stale');
  });

  it('stops restating after an unparseable message (it may have been a book update)', async () => {
    const { server, kraken, sleep } = await setup();
    server.server.connections[0]!.send('{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USDT","bid":97');
    await sleep(600);
    expect(kraken().status).toBe('stale');
  });

  it('stops restating a book that the venue replaced with an empty one (zero prices, no tick)', async () => {
    const { server, ticks, kraken, sleep } = await setup();
    const before = ticks.length;
    server.server.connections[0]!.send('{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USDT","bid":0.0,"bid_qty":0.0,"ask":0.0,"ask_qty":0.0,"last":0.0}]}');
    await sleep(600);
    // no BTC tick at all after it: neither a mapped zero book nor a restatement of the old one
    expect(ticks.slice(before).filter((t) => t.symbol === 'BTCUSDT')).toEqual([]);
    expect(kraken().status).toBe('stale');
    // ETH was not touched and is still restated
    expect(kraken('ETHUSDT').status).toBe('ok');
  });

  it('never restates a book from before a reconnect', async () => {
    // Given a venue whose new connection sends acks and heartbeats but no ticker snapshot
    const { server, feed, kraken, sleep } = await setup({ quietReconnects: true });
    // When the connection drops and comes back
    server.server.dropAll();
    await waitFor(() => server.server.openConnections.length === 1 && server.server.connections.length === 2, 'reconnected');
    await sleep(600);
    // Then the heartbeating new connection does not revive the old book
    expect(feed.health()[0]!).toMatchObject({ connected: true, reconnects: 1 });
    expect(kraken().status).toBe('stale');
  });

  it('does not restate while the engine status is not online', async () => {
    const { server, kraken, sleep } = await setup();
    server.server.connections[0]!.send('{"channel":"status","data":[{"api_version":"v2","system":"maintenance","version":"2.0.0"}],"type":"update"}');
    await sleep(600);
    expect(kraken().status).toBe('stale');
    // back online, the books seen before the maintenance are still not vouched for
    server.server.connections[0]!.send('{"channel":"status","data":[{"api_version":"v2","system":"online","version":"2.0.0"}],"type":"update"}');
    await sleep(200);
    expect(kraken().status).toBe('stale');
  });

  it('restates a book at most symbolArrivalTimeoutMs after its last real update', async () => {
    // (a venue whose replacement connection sends no snapshot: after symbolArrivalTimeoutMs without
    // any real update the connection is also replaced, and nothing old may be restated on the new one)
    const { kraken, sleep } = await setup({ quietReconnects: true }, { symbolArrivalTimeoutMs: 900 });
    await sleep(500);
    expect(kraken().status).toBe('ok');
    await sleep(1_000);
    expect(kraken().status).toBe('stale');
  });
});
