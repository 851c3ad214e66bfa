import { afterEach, describe, expect, it } from 'vitest';
import { BinanceFeed } from '../../../../engine/src/feeds/binance/feed.js';
import type { ConnectionTuning } from '../../../../engine/src/feeds/connection/resilient-websocket.js';
import type { Tick } from '../../../../engine/src/feeds/types.js';
import { FakeVenueServer } from '../fake-venue-server.js';
import { FakeBinanceServer } from '../binance/fake-binance-server.js';
import { FAST_TUNING, captureLogger, waitFor } from '../test-helpers.js';

/** Connection behaviour of the shared base class, exercised through the Binance adapter. */
describe('ResilientWebSocket', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function feedFor(url: string, tuning: Partial<ConnectionTuning> = {}) {
    const log = captureLogger();
    const feed = new BinanceFeed({ logger: log.logger, url, tuning: { ...FAST_TUNING, ...tuning } });
    cleanups.push(() => feed.stop());
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    return { feed, ticks, log };
  }

  it('reconnects after the server drops the connection, resubscribes and resets sequence state', async () => {
    const server = await FakeBinanceServer.start();
    cleanups.push(() => server.close());
    const { feed, ticks } = feedFor(server.url);
    await feed.start();
    await waitFor(() => ticks.length >= 9, 'first batch');
    const firstBatch = ticks.length;

    // When the server cuts the TCP connection without a close frame
    server.server.dropAll();

    // Then a new connection subscribes again and the same trade ids are accepted (state was reset)
    await waitFor(() => ticks.length >= firstBatch * 2, 'second batch');
    expect(server.server.connections).toHaveLength(2);
    expect(JSON.parse(server.server.connections[1]!.received[0]!)).toMatchObject({ method: 'SUBSCRIBE' });
    const h = feed.health()[0]!;
    expect(h.reconnects).toBe(1);
    expect(h.connected).toBe(true);
    // the SOL gap appears once per connection; the disconnect itself is not a false gap
    expect(h.gaps).toBe(2);
  });

  it('replaces a connection that went silent (no frame within staleTimeoutMs)', async () => {
    const server = await FakeBinanceServer.start({ mute: true });
    cleanups.push(() => server.close());
    const { feed, log } = feedFor(server.url, { staleTimeoutMs: 200 });
    await feed.start();
    await waitFor(() => server.server.connections.length >= 2, 'replacement connection', 3_000);
    expect(log.has('connection stale: replacing it')).toBe(true);
    // the silent socket was terminated, not left open next to the new one
    await waitFor(() => server.server.openConnections.length <= 1, 'old socket closed');
    expect(feed.health()[0]!.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('replaces a zombie connection that still sends ping frames but no data', async () => {
    // pings every 300 ms stay under the fake's 5 inbound messages/s (the pongs count, as on Binance)
    const server = await FakeBinanceServer.start({ lines: [], pingIntervalMs: 300 });
    cleanups.push(() => server.close());
    const { feed, log } = feedFor(server.url, { staleTimeoutMs: 1_000 });
    await feed.start();
    await waitFor(() => server.server.connections.length >= 2, 'replacement connection', 3_000);
    // the first connection was pinged (and answered) the whole time, yet replaced
    expect(server.server.connections[0]!.pongs.length).toBeGreaterThanOrEqual(2);
    expect(log.has('connection stale: replacing it')).toBe(true);
    expect(server.rateLimitClosures).toBe(0);
    expect(feed.health()[0]!.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('backs off exponentially with jitter, capped, while the venue keeps refusing', async () => {
    const arrivals: number[] = [];
    const server = await FakeVenueServer.listen((conn) => {
      arrivals.push(Date.now());
      conn.drop();
    });
    cleanups.push(() => server.close());
    const { feed } = feedFor(server.url('/stream'), { backoffInitialMs: 40, backoffMaxMs: 200, stableAfterMs: 60_000 });
    await feed.start();
    await waitFor(() => arrivals.length >= 7, '7 attempts', 5_000);
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
    // attempt n waits 40 * 2^n (+0-50 %), capped at 200
    expect(gaps[0]!).toBeGreaterThanOrEqual(35);
    expect(gaps[1]!).toBeGreaterThanOrEqual(75);
    expect(gaps[2]!).toBeGreaterThanOrEqual(155);
    for (const g of gaps.slice(3)) {
      expect(g).toBeGreaterThanOrEqual(190);
      expect(g).toBeLessThan(400);
    }
  });

  it('reconnects proactively when the connection reaches its lifetime cap', async () => {
    const server = await FakeBinanceServer.start();
    cleanups.push(() => server.close());
    const { feed, log } = feedFor(server.url, { maxLifetimeMs: 150 });
    await feed.start();
    await waitFor(() => server.server.connections.length >= 3, 'two proactive reconnects');
    expect(log.lines.some((l) => l['reason'] === 'connection lifetime cap')).toBe(true);
  });

  it('stop() closes the socket, cancels a pending reconnect and leaves no timer behind', async () => {
    const server = await FakeVenueServer.listen((conn) => conn.drop());
    cleanups.push(() => server.close());
    const { feed } = feedFor(server.url('/stream'), { backoffInitialMs: 100, backoffMaxMs: 100 });
    await feed.start();
    await waitFor(() => server.connections.length >= 1, 'first attempt');
    await feed.stop();
    const attempts = server.connections.length;
    await new Promise((r) => setTimeout(r, 350));
    expect(server.connections.length).toBe(attempts);
    expect(feed.health()[0]!.connected).toBe(false);
  });

  it('stop() on an open connection sends a close frame, resolves, and leaves no timer or socket', async () => {
    const server = await FakeBinanceServer.start();
    cleanups.push(() => server.close());
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const baseline = timers();
    const { feed, ticks } = feedFor(server.url, { keepAliveIntervalMs: 1_000, maxLifetimeMs: 60_000 });
    await feed.start();
    await waitFor(() => ticks.length > 0, 'data');
    expect(timers()).toBeGreaterThan(baseline);
    const closed = new Promise<number>((resolve) => server.server.connections[0]!.ws.once('close', (code) => resolve(code)));
    await feed.stop();
    expect(await closed).toBe(1000);
    expect(timers()).toBe(baseline);
  });
});
