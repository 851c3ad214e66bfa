import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Aggregator } from '../../../../engine/src/aggregator/aggregator.js';
import { parseDecimal } from '../../../../engine/src/lib/fixed-point.js';
import { SimFeed, type SimFeedOptions } from '../../../../engine/src/feeds/sim/sim-feed.js';
import { SIM_VENUE_PROFILES } from '../../../../engine/src/feeds/sim/venue-profiles.js';
import type { Tick } from '../../../../engine/src/feeds/types.js';

const logger = pino({ level: 'silent' });
const T0 = 1_700_000_000_000;
const started: { stop(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
});

function manualSim(options: Partial<SimFeedOptions> = {}): { sim: SimFeed; ticks: Tick[]; clock: { t: number } } {
  const clock = { t: T0 };
  const sim = new SimFeed({ logger, manual: true, now: () => clock.t, ...options });
  const ticks: Tick[] = [];
  sim.onTick((t) => ticks.push(t));
  return { sim, ticks, clock };
}

function run(sim: SimFeed, clock: { t: number }, steps: number): void {
  for (let i = 0; i < steps; i += 1) {
    clock.t += 100;
    sim.step();
  }
}

function mid(t: Tick): bigint {
  return (parseDecimal(t.bid!)! + parseDecimal(t.ask!)!) / 2n;
}

function bpsBetween(a: bigint, b: bigint): number {
  return Number(((a > b ? a - b : b - a) * 1_000_000n) / b) / 100;
}

describe('SimFeed', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = manualSim({ seed: 42 });
    const b = manualSim({ seed: 42 });
    const c = manualSim({ seed: 43 });
    run(a.sim, a.clock, 50);
    run(b.sim, b.clock, 50);
    run(c.sim, c.clock, 50);
    expect(a.ticks).toHaveLength(50 * 3 * 4);
    expect(b.ticks).toEqual(a.ticks);
    expect(c.ticks).not.toEqual(a.ticks);
  });

  it('emits realistic simulated ticks in each venue precision', () => {
    const { sim, ticks, clock } = manualSim();
    run(sim, clock, 200);
    const near = { BTCUSDT: 97_000n, ETHUSDT: 3_400n, SOLUSDT: 150n };
    for (const t of ticks) {
      expect(t.simulated).toBe(true);
      const lag = t.receivedTs - t.exchangeTs;
      const p = SIM_VENUE_PROFILES[t.venue];
      expect(lag).toBeGreaterThanOrEqual(p.lagMinMs);
      expect(lag).toBeLessThanOrEqual(p.lagMaxMs);
      const decimals = p.decimals[t.symbol];
      const re = new RegExp(`^\\d+\\.\\d{${decimals}}$`);
      expect(t.bid).toMatch(re);
      expect(t.ask).toMatch(re);
      expect([t.bid, t.ask]).toContain(t.last);
      const bid = parseDecimal(t.bid!)!;
      const ask = parseDecimal(t.ask!)!;
      expect(bid).toBeLessThan(ask);
      // within 1% of the starting price after 20 simulated seconds
      expect(bpsBetween(mid(t), near[t.symbol] * 1_000_000n)).toBeLessThan(100);
    }
    // and venues stay within a few bps of the common path
    const last = ticks.slice(-12);
    for (const t of last) expect(bpsBetween(mid(t), sim.pathPrice(t.symbol)!)).toBeLessThan(5);
  });

  it('silences one venue without changing the price paths, and restores it', () => {
    const base = manualSim({ seed: 7 });
    const faulty = manualSim({ seed: 7 });
    faulty.sim.silence('kraken');
    run(base.sim, base.clock, 10);
    run(faulty.sim, faulty.clock, 10);
    expect(faulty.ticks.some((t) => t.venue === 'kraken')).toBe(false);
    expect(faulty.ticks).toEqual(base.ticks.filter((t) => t.venue !== 'kraken'));
    const health = faulty.sim.health().find((h) => h.venue === 'kraken')!;
    expect(health.symbols.every((s) => s.silent)).toBe(true);
    expect(health.messages).toBe(0);
    faulty.sim.restore('kraken');
    faulty.ticks.length = 0;
    run(faulty.sim, faulty.clock, 1);
    expect(faulty.ticks.filter((t) => t.venue === 'kraken')).toHaveLength(3);
  });

  it('moves one venue by the requested deviation and the aggregator drops it as an outlier', async () => {
    const { sim, ticks, clock } = manualSim({ symbols: ['BTCUSDT'] });
    const agg = new Aggregator({ logger, allowSimulated: true, now: () => clock.t, evaluateIntervalMs: 0 });
    agg.attach(sim);
    await agg.start();
    started.push(agg);
    sim.deviate('bybit', 120);
    run(sim, clock, 5);
    const bybit = ticks.filter((t) => t.venue === 'bybit').at(-1)!;
    const dev = bpsBetween(mid(bybit), sim.pathPrice('BTCUSDT')!);
    expect(dev).toBeGreaterThan(115);
    expect(dev).toBeLessThan(125);
    const s = agg.latest('BTCUSDT')!;
    expect(s.status).toBe('open');
    expect(s.simulated).toBe(true);
    expect(s.sources.find((x) => x.venue === 'bybit')?.status).toBe('outlier');
    expect(bpsBetween(s.price!, sim.pathPrice('BTCUSDT')!)).toBeLessThan(5);
  });

  it('ticks on its own timer at the configured rate and stops cleanly', async () => {
    const sim = new SimFeed({ logger, tickHz: 50, symbols: ['SOLUSDT'], venues: ['binance', 'bybit'] });
    const ticks: Tick[] = [];
    sim.onTick((t) => ticks.push(t));
    await sim.start();
    started.push(sim);
    await new Promise((r) => setTimeout(r, 300));
    await sim.stop();
    const count = ticks.length;
    // about 50/s * 2 venues * 0.3 s = 30, generous bounds for a loaded machine
    expect(count).toBeGreaterThanOrEqual(10);
    expect(count).toBeLessThanOrEqual(40);
    await new Promise((r) => setTimeout(r, 100));
    expect(ticks.length).toBe(count);
    expect(sim.health().every((h) => !h.connected)).toBe(true);
  });

  it('refuses bad options with a typed error', () => {
    expect(() => new SimFeed({ logger, tickHz: 0 })).toThrow(expect.objectContaining({ code: 'EXEC_ERR_FEED_OPTIONS' }));
    expect(() => new SimFeed({ logger, startPrices: { BTCUSDT: '-1' } })).toThrow(expect.objectContaining({ code: 'EXEC_ERR_FEED_OPTIONS' }));
    const sim = new SimFeed({ logger, venues: ['binance'] });
    expect(() => sim.silence('kraken')).toThrow(expect.objectContaining({ code: 'EXEC_ERR_FEED_OPTIONS' }));
  });
});
