/**
 * GET /v1/markets/:symbol/history over the real API and store: one sample per second of the index
 * and each venue's mid, oldest first, limited to the last `seconds`; the route's JSON schema
 * refuses a bad query with EXEC_ERR_BAD_REQUEST and serializes exactly the documented fields.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketSurface } from '../../../../../engine/src/market/types.js';
import { makeSurface } from '../../../../helpers/market-surface.js';
import { signer, startApi, type Harness } from '../../harness.js';

const T0 = 1_795_000_000_000;

function surface(seq: number, ts: number, price: string): MarketSurface {
  const s = makeSurface({ symbol: 'BTCUSDT', seq, signer, nowMs: ts, rounds: 1, strikes: 1 });
  return {
    ...s,
    index: {
      ...s.index,
      price,
      ts,
      sources: [
        { venue: 'binance', mid: price, exchangeTs: ts - 10, receivedTs: ts - 5, status: 'ok' },
        { venue: 'kraken', mid: null, exchangeTs: ts - 4_000, receivedTs: ts - 4_000, status: 'stale' },
      ],
    },
  };
}

describe('GET /v1/markets/:symbol/history', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('keeps one sample per second, oldest first, with each venue mid, for the last `seconds`', async () => {
    // Given surfaces every 400 ms for 10 s
    let now = T0;
    h = await startApi({ now: () => now });
    for (let i = 0; i < 25; i++) await h.store.publishSurface(surface(i + 1, T0 + i * 400, String(97_000_000_000 + i * 1_000_000)));
    now = T0 + 10_000;

    // When the last 5 s are asked for
    const res = await h.app.inject({ method: 'GET', url: '/v1/markets/btcusdt/history?seconds=5' });

    // Then the samples are at least a second apart, in order, within the window, with the venues' mids
    expect(res.statusCode).toBe(200);
    const body = res.json() as { symbol: string; intervalMs: number; simulated: boolean; samples: Array<{ ts: number; price: string; mids: Record<string, string | null> }> };
    expect(body).toMatchObject({ symbol: 'BTCUSDT', intervalMs: 1000, simulated: true });
    const ts = body.samples.map((s) => s.ts);
    expect(ts).toEqual([T0 + 6_000, T0 + 7_200, T0 + 8_400, T0 + 9_600]); // kept: 0, 1.2, 2.4, … 9.6 s
    expect(body.samples[0]).toEqual({ ts: T0 + 6_000, price: '97015000000', mids: { binance: '97015000000', kraken: null } });

    // and the default window (900 s) holds every sample since the first
    const all = (await h.app.inject({ method: 'GET', url: '/v1/markets/BTCUSDT/history' })).json() as { samples: unknown[] };
    expect(all.samples).toHaveLength(9); // 0, 1.2, 2.4, … 9.6 s: one per ≥ 1 s
  });

  it('answers 404 EXEC_ERR_UNKNOWN_SYMBOL for a symbol it does not serve and 400 EXEC_ERR_BAD_REQUEST for a bad query or symbol', async () => {
    h = await startApi({ symbols: ['BTCUSDT'] });
    const get = (url: string) => h!.app.inject({ method: 'GET', url });
    const unknown = await get('/v1/markets/ETHUSDT/history');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'EXEC_ERR_UNKNOWN_SYMBOL' } });
    for (const url of ['/v1/markets/BTCUSDT/history?seconds=3601', '/v1/markets/BTCUSDT/history?seconds=0', '/v1/markets/BTCUSDT/history?seconds=abc', '/v1/markets/BTC-USDT/history']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ error: { code: 'EXEC_ERR_BAD_REQUEST' } });
    }
    // a symbol with no surface yet has an empty history, not an error
    expect((await get('/v1/markets/BTCUSDT/history')).json()).toMatchObject({ samples: [] });
  });
});
