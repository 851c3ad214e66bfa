import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Aggregator, type AggregatorOptions } from '../../../engine/src/aggregator/aggregator.js';
import type { IndexSnapshot } from '../../../engine/src/aggregator/types.js';
import type { LiveVenue, MarketSymbol, Tick } from '../../../engine/src/feeds/types.js';

const logger = pino({ level: 'silent' });
const T0 = 1_700_000_000_000;

class Clock {
  t = T0;
  now = (): number => this.t;
}

function tick(venue: LiveVenue, bid: string | null, ask: string | null, ts: number, extra: Partial<Tick> = {}): Tick {
  return { venue, symbol: 'BTCUSDT', bid, ask, last: null, exchangeTs: ts - 10, receivedTs: ts, simulated: false, ...extra };
}

const running: Aggregator[] = [];
async function make(clock: Clock, options: Partial<AggregatorOptions> = {}): Promise<{ agg: Aggregator; seen: IndexSnapshot[] }> {
  const agg = new Aggregator({ logger, now: clock.now, evaluateIntervalMs: 0, ...options });
  const seen: IndexSnapshot[] = [];
  agg.onSnapshot((s) => seen.push(s));
  await agg.start();
  running.push(agg);
  return { agg, seen };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop()));
});

function statuses(s: IndexSnapshot | null): Record<string, string> {
  return Object.fromEntries((s?.sources ?? []).map((x) => [x.venue, x.status]));
}

describe('Aggregator', () => {
  it('publishes the median of four venues after every tick, with confidence and oldest source time', async () => {
    // Given four fresh venues
    const clock = new Clock();
    const { agg, seen } = await make(clock);
    agg.ingest(tick('binance', '97000.00', '97000.02', clock.t, { exchangeTs: clock.t - 5 }));
    agg.ingest(tick('coinbase', '97001.00', '97001.02', clock.t, { exchangeTs: clock.t - 40 }));
    agg.ingest(tick('kraken', '96999.0', '96999.2', clock.t));
    // When the fourth arrives
    agg.ingest(tick('bybit', '97004.00', '97004.02', clock.t));
    // Then one snapshot per tick, the last one open at the even median
    expect(seen).toHaveLength(4);
    const s = agg.latest('BTCUSDT')!;
    expect(s.status).toBe('open');
    expect(s.providers).toBe(4);
    // mids 96999.1, 97000.01, 97001.01, 97004.01 -> (97000.01 + 97001.01) / 2
    expect(s.price).toBe(97_000_510_000n);
    expect(s.confidence).toBe(3_500_000n); // 97004.01 - 97000.51
    expect(s.sourceTs).toBe(clock.t - 40);
    expect(s.simulated).toBe(false);
    expect(s.haltReason).toBeNull();
    expect(agg.latest('ETHUSDT')).toBeNull();
  });

  it('halts with one provider and says why, then resumes when a second venue returns', async () => {
    const clock = new Clock();
    const { agg } = await make(clock);
    agg.ingest(tick('bybit', '100', '100', clock.t));
    expect(agg.latest('BTCUSDT')?.status).toBe('halted');
    expect(agg.latest('BTCUSDT')?.haltReason).toBe('1 fresh provider (bybit), 2 required');
    expect(agg.latest('BTCUSDT')?.price).toBeNull();
    agg.ingest(tick('binance', '100.2', '100.2', clock.t));
    const s = agg.latest('BTCUSDT')!;
    expect(s.status).toBe('open');
    expect(s.price).toBe(100_100_000n);
  });

  it('marks a venue stale by exchange time and by receive time', async () => {
    const clock = new Clock();
    const { agg } = await make(clock, { minProviders: 1 });
    // exchange clock 3 s behind though the message just arrived
    agg.ingest(tick('kraken', '100', '100', clock.t, { exchangeTs: clock.t - 3_000 }));
    agg.ingest(tick('binance', '100', '100', clock.t));
    expect(statuses(agg.latest('BTCUSDT'))).toEqual({ binance: 'ok', kraken: 'stale' });
    // binance goes quiet; coinbase keeps ticking
    clock.t += 1_500;
    agg.ingest(tick('coinbase', '100.1', '100.1', clock.t));
    expect(agg.latest('BTCUSDT')?.providers).toBe(2);
    clock.t += 600;
    agg.ingest(tick('coinbase', '100.1', '100.1', clock.t));
    expect(statuses(agg.latest('BTCUSDT'))).toEqual({ binance: 'stale', coinbase: 'ok', kraken: 'stale' });
    expect(agg.latest('BTCUSDT')?.price).toBe(100_100_000n);
  });

  it('does not trust exchange timestamps too far in the future', async () => {
    const clock = new Clock();
    const { agg } = await make(clock);
    agg.ingest(tick('binance', '100', '100', clock.t));
    agg.ingest(tick('bybit', '100', '100', clock.t, { exchangeTs: clock.t + 5_000 }));
    const s = agg.latest('BTCUSDT')!;
    expect(statuses(s)).toEqual({ binance: 'ok', bybit: 'stale' });
    expect(s.haltReason).toBe('1 fresh provider (binance), 2 required; stale: bybit');
  });

  it('drops an outlier among four and among three venues', async () => {
    const clock = new Clock();
    const { agg } = await make(clock);
    agg.ingest(tick('binance', '100.00', '100.00', clock.t));
    agg.ingest(tick('coinbase', '100.10', '100.10', clock.t));
    agg.ingest(tick('kraken', '99.95', '99.95', clock.t));
    agg.ingest(tick('bybit', '105.00', '105.00', clock.t));
    let s = agg.latest('BTCUSDT')!;
    expect(statuses(s)).toEqual({ binance: 'ok', coinbase: 'ok', kraken: 'ok', bybit: 'outlier' });
    expect(s.price).toBe(100_000_000n);
    expect(s.confidence).toBe(100_000n);
    // kraken goes stale; three fresh venues with bybit still far off
    clock.t += 2_100;
    agg.ingest(tick('binance', '100.00', '100.00', clock.t));
    agg.ingest(tick('coinbase', '100.10', '100.10', clock.t));
    agg.ingest(tick('bybit', '105.00', '105.00', clock.t));
    s = agg.latest('BTCUSDT')!;
    expect(statuses(s)).toEqual({ binance: 'ok', coinbase: 'ok', kraken: 'stale', bybit: 'outlier' });
    expect(s.price).toBe(100_050_000n);
  });

  it('halts when only two venues are fresh and they disagree beyond the bound', async () => {
    const clock = new Clock();
    const { agg } = await make(clock);
    agg.ingest(tick('binance', '100', '100', clock.t));
    agg.ingest(tick('coinbase', '100.6', '100.6', clock.t));
    const s = agg.latest('BTCUSDT')!;
    expect(s.status).toBe('halted');
    expect(s.haltReason).toBe('0 fresh providers, 2 required; outlier: binance, coinbase');
    // coinbase comes back in line: both usable again
    agg.ingest(tick('coinbase', '100.4', '100.4', clock.t));
    expect(agg.latest('BTCUSDT')?.status).toBe('open');
  });

  it('halts on the periodic evaluation when ticks stop arriving, without any new tick', async () => {
    // Given an aggregator with a fast evaluation timer and two fresh venues
    const clock = new Clock();
    const { agg, seen } = await make(clock, { evaluateIntervalMs: 10 });
    agg.ingest(tick('binance', '100', '100', clock.t));
    agg.ingest(tick('bybit', '100', '100', clock.t));
    expect(agg.latest('BTCUSDT')?.status).toBe('open');
    // When time passes with no ticks at all
    clock.t += 2_500;
    const deadline = Date.now() + 2_000;
    while (agg.latest('BTCUSDT')?.status !== 'halted' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    // Then the timer alone produced a halted snapshot
    const s = agg.latest('BTCUSDT')!;
    expect(s.status).toBe('halted');
    expect(s.haltReason).toBe('0 fresh providers, 2 required; stale: binance, bybit');
    expect(seen.length).toBeGreaterThan(2);
    // and symbols that never ticked are reported halted too
    expect(agg.latest('SOLUSDT')?.haltReason).toBe('0 fresh providers, 2 required; no ticks received');
  });

  it('rejects simulated ticks unless allowed', async () => {
    const clock = new Clock();
    const { agg } = await make(clock);
    agg.ingest(tick('binance', '100', '100', clock.t, { simulated: true }));
    agg.ingest(tick('bybit', '100', '100', clock.t, { simulated: true }));
    const s = agg.latest('BTCUSDT')!;
    expect(s.status).toBe('halted');
    expect(s.price).toBeNull();
    expect(s.sources.map((x) => [x.status, x.mid])).toEqual([
      ['invalid', null],
      ['invalid', null],
    ]);
    expect(agg.stats().rejectedSimulated).toBe(2);

    const demo = await make(clock, { allowSimulated: true });
    demo.agg.ingest(tick('binance', '100', '100', clock.t, { simulated: true }));
    demo.agg.ingest(tick('bybit', '100', '100', clock.t));
    expect(demo.agg.latest('BTCUSDT')?.status).toBe('open');
    expect(demo.agg.latest('BTCUSDT')?.simulated).toBe(true);
  });

  it('ignores unusable prices and falls back to last', async () => {
    const clock = new Clock();
    const { agg } = await make(clock, { minProviders: 1 });
    const cases: [LiveVenue, Partial<Tick>, string, bigint | null][] = [
      ['binance', { bid: '0', ask: '0' }, 'invalid', null],
      ['coinbase', { bid: '-5', ask: '10', last: 'abc' }, 'invalid', null],
      ['kraken', { bid: '101', ask: '100', last: '100.5' }, 'ok', 100_500_000n], // crossed book -> last
      ['bybit', { bid: null, ask: null, last: '100.25' }, 'ok', 100_250_000n], // trade only
    ];
    for (const [venue, fields] of cases) agg.ingest(tick(venue, null, null, clock.t, fields));
    const s = agg.latest('BTCUSDT')!;
    for (const [venue, , status, mid] of cases) {
      const src = s.sources.find((x) => x.venue === venue)!;
      expect([venue, src.status, src.mid]).toEqual([venue, status, mid]);
    }
    expect(agg.stats().invalidTicks).toBe(2);
    expect(s.haltReason).toBeNull();
    expect(s.price).toBe(100_375_000n);
  });

  it('handles only its own symbols, only while started, and survives a throwing listener', async () => {
    const clock = new Clock();
    const agg = new Aggregator({ logger, now: clock.now, evaluateIntervalMs: 0, symbols: ['BTCUSDT'] as MarketSymbol[] });
    agg.ingest(tick('binance', '100', '100', clock.t));
    expect(agg.latest('BTCUSDT')).toBeNull();
    await agg.start();
    running.push(agg);
    agg.onSnapshot(() => {
      throw new Error('listener bug');
    });
    const seen: IndexSnapshot[] = [];
    const off = agg.onSnapshot((s) => seen.push(s));
    agg.ingest({ ...tick('binance', '3400', '3400', clock.t), symbol: 'ETHUSDT' });
    agg.ingest(tick('binance', '100', '100', clock.t));
    off();
    agg.ingest(tick('bybit', '100', '100', clock.t));
    expect(seen).toHaveLength(1);
    expect(agg.latest('BTCUSDT')?.status).toBe('open');
    expect(agg.stats()).toMatchObject({ ticks: 2, ignoredTicks: 1 });
    await agg.stop();
    agg.ingest(tick('bybit', '200', '200', clock.t));
    expect(agg.latest('BTCUSDT')?.price).toBe(100_000_000n);
  });
});

describe('Aggregator: book and trade kept apart per venue', () => {
  function trade(venue: LiveVenue, last: string, ts: number, exchangeTs = ts - 10): Tick {
    return { venue, symbol: 'BTCUSDT', bid: null, ask: null, last, exchangeTs, receivedTs: ts, simulated: false };
  }
  function source(agg: Aggregator, venue: LiveVenue) {
    return agg.latest('BTCUSDT')!.sources.find((s) => s.venue === venue)!;
  }

  it('interleaved book and trade ticks give the book mid, never the last trade', async () => {
    // Given a venue whose book mid is 100.01 and whose trades print at the touch
    const clock = new Clock();
    const { agg, seen } = await make(clock, { minProviders: 1 });
    const mids: (bigint | null)[] = [];
    agg.onSnapshot((s) => mids.push(s.sources.find((x) => x.venue === 'binance')!.mid));
    // When book and trade ticks alternate
    for (let i = 0; i < 5; i += 1) {
      agg.ingest(tick('binance', '100.00', '100.02', clock.t));
      clock.t += 50;
      agg.ingest(trade('binance', i % 2 === 0 ? '100.02' : '100.00', clock.t));
      clock.t += 50;
    }
    // Then every snapshot used the book mid, with the book's timestamps
    expect(mids).toEqual(Array(10).fill(100_010_000n));
    expect(seen.every((s) => s.price === 100_010_000n)).toBe(true);
    expect(source(agg, 'binance')).toMatchObject({ status: 'ok', receivedTs: clock.t - 100, exchangeTs: clock.t - 110 });
  });

  it('a stale book falls back to a fresh trade, and a new book takes over again', async () => {
    const clock = new Clock();
    const { agg } = await make(clock, { minProviders: 1 });
    agg.ingest(tick('kraken', '100.00', '100.02', clock.t));
    // Given the book goes quiet for longer than the age limit while trades keep printing
    clock.t += 2_100;
    agg.ingest(trade('kraken', '100.50', clock.t));
    // Then the venue counts with its last trade, stamped with the trade's times
    expect(source(agg, 'kraken')).toMatchObject({ status: 'ok', mid: 100_500_000n, exchangeTs: clock.t - 10, receivedTs: clock.t });
    expect(agg.latest('BTCUSDT')!.sourceTs).toBe(clock.t - 10);
    // When a fresh book arrives, it is the venue's price again
    clock.t += 10;
    agg.ingest(tick('kraken', '100.40', '100.42', clock.t));
    expect(source(agg, 'kraken')).toMatchObject({ status: 'ok', mid: 100_410_000n });
  });

  it('a book older than the limit and a trade older than the limit leave the venue stale', async () => {
    const clock = new Clock();
    const { agg } = await make(clock, { minProviders: 1 });
    agg.ingest(tick('bybit', '100.00', '100.02', clock.t));
    clock.t += 1_000;
    agg.ingest(trade('bybit', '100.05', clock.t));
    agg.ingest(tick('binance', '100.00', '100.02', clock.t + 1_500));
    // When both the book (2.5 s) and the trade (1.5 s + a lagging exchange clock) are too old
    clock.t += 1_500;
    agg.ingest(trade('bybit', '100.06', clock.t, clock.t - 2_500));
    // Then the venue is stale and reports its most recent observation (the trade)
    const s = source(agg, 'bybit');
    expect(s).toMatchObject({ status: 'stale', mid: 100_060_000n, receivedTs: clock.t });
    expect(agg.latest('BTCUSDT')!.providers).toBe(1);
    // and on a tie in receive time the book is reported
    clock.t += 3_000;
    agg.ingest(tick('bybit', '100.00', '100.02', clock.t, { exchangeTs: clock.t - 5_000 }));
    agg.ingest(trade('bybit', '100.07', clock.t, clock.t - 5_000));
    expect(source(agg, 'bybit')).toMatchObject({ status: 'stale', mid: 100_010_000n });
  });

  it('a crossed book with no last does not fall back to an old trade but to a fresh one', async () => {
    const clock = new Clock();
    const { agg } = await make(clock, { minProviders: 1 });
    agg.ingest(trade('coinbase', '100.03', clock.t));
    clock.t += 5;
    agg.ingest(tick('coinbase', '100.05', '100.00', clock.t));
    // the unusable book does not hide the fresh trade
    expect(source(agg, 'coinbase')).toMatchObject({ status: 'ok', mid: 100_030_000n });
    // once the trade is old, the venue is invalid (its latest observation, the book, is unusable)
    clock.t += 2_100;
    agg.evaluateAll();
    expect(source(agg, 'coinbase')).toMatchObject({ status: 'invalid', mid: null });
  });
});
