import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CompositeFeed } from '../../../engine/src/feeds/composite-feed.js';
import { SimFeed } from '../../../engine/src/feeds/sim/sim-feed.js';
import type { Tick } from '../../../engine/src/feeds/types.js';

const logger = pino({ level: 'silent' });

describe('CompositeFeed', () => {
  it('merges ticks and health of its children', async () => {
    const a = new SimFeed({ logger, manual: true, venues: ['binance'], symbols: ['BTCUSDT'] });
    const b = new SimFeed({ logger, manual: true, venues: ['kraken', 'bybit'], symbols: ['BTCUSDT'] });
    const feed = new CompositeFeed([a, b]);
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    await feed.start();
    a.step();
    b.step();
    await feed.stop();
    expect(ticks.map((t) => t.venue)).toEqual(['binance', 'kraken', 'bybit']);
    expect(feed.health().map((h) => h.venue)).toEqual(['binance', 'kraken', 'bybit']);
    expect(feed.simulated).toBe(true);
    expect(feed.name).toBe('composite(sim,sim)');
  });

  it('stops the started children again when one fails to start', async () => {
    const ok = new SimFeed({ logger, tickHz: 100 });
    let okTicks = 0;
    ok.onTick(() => {
      okTicks += 1;
    });
    const broken = {
      name: 'broken',
      simulated: false,
      onTick: () => undefined,
      start: () => Promise.reject(new Error('no route to exchange')),
      stop: () => Promise.resolve(),
      health: () => [],
    };
    const feed = new CompositeFeed([ok, broken]);
    await expect(feed.start()).rejects.toThrow('no route to exchange');
    const n = okTicks;
    await new Promise((r) => setTimeout(r, 50));
    expect(okTicks).toBe(n);
    expect(ok.health().every((h) => !h.connected)).toBe(true);
  });
});
