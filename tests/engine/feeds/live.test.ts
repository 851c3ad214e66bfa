import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createLiveFeed } from '../../../engine/src/feeds/live.js';
import { MARKET_SYMBOLS, type LiveVenue, type Tick } from '../../../engine/src/feeds/types.js';
import { EngineError } from '../../../engine/src/lib/errors.js';
import { FakeBinanceServer } from './binance/fake-binance-server.js';
import { FakeBybitServer } from './bybit/fake-bybit-server.js';
import { FakeCoinbaseServer } from './coinbase/fake-coinbase-server.js';
import { FakeKrakenServer } from './kraken/fake-kraken-server.js';
import { FAST_TUNING, waitFor } from './test-helpers.js';

const logger = pino({ level: 'silent' });

describe('createLiveFeed', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('rejects an empty or unknown venue list with EXEC_ERR_FEED_OPTIONS', () => {
    const deps = { logger, symbols: MARKET_SYMBOLS, now: Date.now };
    for (const venues of [[], ['binance', 'ftx']] as LiveVenue[][]) {
      try {
        createLiveFeed(venues, deps);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(EngineError);
        expect((err as EngineError).code).toBe('EXEC_ERR_FEED_OPTIONS');
      }
    }
  });

  it('fans in real ticks of all four venues and reports health per venue and symbol', async () => {
    const [binance, coinbase, kraken, bybit] = await Promise.all([
      FakeBinanceServer.start(),
      FakeCoinbaseServer.start({ heartbeatMs: 50 }),
      FakeKrakenServer.start({ heartbeatMs: 50 }),
      FakeBybitServer.start(),
    ]);
    cleanups.push(async () => {
      await Promise.all([binance.close(), coinbase.close(), kraken.close(), bybit.close()]);
    });
    const feed = createLiveFeed(['binance', 'coinbase', 'kraken', 'bybit', 'kraken'], {
      logger,
      symbols: MARKET_SYMBOLS,
      now: Date.now,
      urls: { binance: binance.url, coinbase: coinbase.url, kraken: kraken.url, bybit: bybit.url },
      tuning: FAST_TUNING,
    });
    cleanups.push(() => feed.stop());
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    expect(feed.simulated).toBe(false);
    await feed.start();
    await waitFor(() => new Set(ticks.map((t) => `${t.venue}:${t.symbol}`)).size === 12, 'every venue x symbol');
    const health = feed.health();
    expect(health.map((h) => h.venue)).toEqual(['binance', 'coinbase', 'kraken', 'bybit']);
    for (const h of health) {
      expect(h.connected).toBe(true);
      expect(h.symbols.map((s) => s.symbol)).toEqual([...MARKET_SYMBOLS]);
      expect(h.symbols.every((s) => s.messages > 0 && !s.silent)).toBe(true);
    }
    expect(ticks.every((t) => t.simulated === false)).toBe(true);

    // stop() closes every venue connection and nothing reconnects afterwards
    await feed.stop();
    const counts = [binance, coinbase, kraken, bybit].map((s) => s.server.connections.length);
    await new Promise((r) => setTimeout(r, 200));
    expect([binance, coinbase, kraken, bybit].map((s) => s.server.connections.length)).toEqual(counts);
    expect(feed.health().every((h) => !h.connected)).toBe(true);
  });
});
