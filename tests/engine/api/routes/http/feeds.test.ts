import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createLiveFeed } from '../../../../../engine/src/feeds/live.js';
import { MARKET_SYMBOLS } from '../../../../../engine/src/feeds/types.js';
import { FakeBinanceServer } from '../../../feeds/binance/fake-binance-server.js';
import { FakeKrakenServer } from '../../../feeds/kraken/fake-kraken-server.js';
import { FAST_TUNING, waitFor } from '../../../feeds/test-helpers.js';
import { startApi } from '../../harness.js';

describe('GET /v1/feeds', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('lists each venue with its counters and silent symbols, from a real live feed', async () => {
    // Given Binance (which never sends SOL data: unknown symbol) and Kraken fakes behind a live feed
    const logger = pino({ level: 'silent' });
    const binance = await FakeBinanceServer.start({ validSymbols: ['btcusdt', 'ethusdt'] });
    const kraken = await FakeKrakenServer.start({ heartbeatMs: 50 });
    cleanups.push(async () => {
      await binance.close();
      await kraken.close();
    });
    const feed = createLiveFeed(['binance', 'kraken'], {
      logger,
      symbols: MARKET_SYMBOLS,
      now: Date.now,
      urls: { binance: binance.url, kraken: kraken.url },
      tuning: { ...FAST_TUNING, symbolArrivalTimeoutMs: 200 },
    });
    cleanups.push(() => feed.stop());
    await feed.start();
    let u = 30_000_000_000;
    const pump = setInterval(() => {
      u += 1;
      binance.push(`{"stream":"btcusdt@bookTicker","data":{"u":${u},"s":"BTCUSDT","b":"97000.00","B":"1","a":"97000.10","A":"1"}}`);
      binance.push(`{"stream":"ethusdt@bookTicker","data":{"u":${u},"s":"ETHUSDT","b":"3400.00","B":"1","a":"3400.02","A":"1"}}`);
    }, 40);
    cleanups.push(async () => clearInterval(pump));
    const api = await startApi({ simulated: false, feedHealth: () => feed.health() });
    cleanups.push(() => api.close());
    await waitFor(() => feed.health().find((h) => h.venue === 'binance')!.symbols.some((s) => s.silent), 'binance SOL silent', 3_000);

    // When the route is called
    const res = await api.app.inject({ method: 'GET', url: '/v1/feeds' });

    // Then both venues are listed, connected, with Binance's SOL silent
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      simulated: boolean;
      connected: number;
      venues: { venue: string; connected: boolean; silentSymbols: string[]; ageMs: number | null; symbols: { symbol: string; messages: number }[] }[];
    };
    expect(body).toMatchObject({ simulated: false, connected: 2 });
    const [b, k] = body.venues;
    expect(b).toMatchObject({ venue: 'binance', connected: true, silentSymbols: ['SOLUSDT'] });
    expect(b!.symbols.find((s) => s.symbol === 'SOLUSDT')!.messages).toBe(0);
    expect(k).toMatchObject({ venue: 'kraken', connected: true });
    expect(k!.symbols.map((s) => s.symbol)).toEqual([...MARKET_SYMBOLS]);
    expect(k!.ageMs).not.toBeNull();
  });

  it('answers an empty list when no feed health is wired', async () => {
    const api = await startApi({ simulated: true });
    cleanups.push(() => api.close());
    const res = await api.app.inject({ method: 'GET', url: '/v1/feeds' });
    expect(res.json()).toEqual({ simulated: true, connected: 0, venues: [] });
  });
});
