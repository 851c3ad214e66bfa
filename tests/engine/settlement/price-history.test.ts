import { describe, expect, it } from 'vitest';
import { PriceHistory } from '../../../engine/src/settlement/price-history.js';

describe('PriceHistory', () => {
  it('keeps per-venue observations sorted (out-of-order inserts too), deduplicated, within retention', () => {
    const h = new PriceHistory(10_000);
    h.observe('BTCUSDT', 'binance', 100n, 1_000);
    h.observe('BTCUSDT', 'binance', 100n, 1_000); // duplicate
    h.observe('BTCUSDT', 'binance', 102n, 3_000);
    h.observe('BTCUSDT', 'binance', 101n, 2_000); // late arrival
    h.observe('BTCUSDT', 'kraken', 0n, 2_500); // not a price
    h.observe('ETHUSDT', 'binance', 7n, 2_000);
    expect(h.between('BTCUSDT', 0, 5_000).map((p) => [p.mid, p.exchangeTs])).toEqual([
      [100n, 1_000],
      [101n, 2_000],
      [102n, 3_000],
    ]);
    h.observe('BTCUSDT', 'binance', 110n, 12_500); // drops everything older than 2_500
    expect(h.between('BTCUSDT', 0, 20_000).map((p) => p.exchangeTs)).toEqual([3_000, 12_500]);
    expect(h.between('BTCUSDT', 3_001, 12_499)).toEqual([]);
  });

  it('takes venue mids from index snapshots, skipping invalid and missing ones', () => {
    const h = new PriceHistory(60_000);
    h.observeSnapshot({
      symbol: 'SOLUSDT',
      price: 150_000_000n,
      ts: 5_000,
      sourceTs: 4_900,
      providers: 2,
      confidence: 0n,
      status: 'open',
      haltReason: null,
      simulated: false,
      sources: [
        { venue: 'binance', mid: 150_000_000n, exchangeTs: 4_900, receivedTs: 4_950, status: 'ok' },
        { venue: 'kraken', mid: 151_000_000n, exchangeTs: 4_800, receivedTs: 4_950, status: 'outlier' },
        { venue: 'bybit', mid: 1n, exchangeTs: 4_800, receivedTs: 4_950, status: 'invalid' },
        { venue: 'coinbase', mid: null, exchangeTs: 0, receivedTs: 0, status: 'stale' },
      ],
    });
    expect(h.between('SOLUSDT', 0, 10_000).map((p) => p.venue).sort()).toEqual(['binance', 'kraken']);
  });
});
