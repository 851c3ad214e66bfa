import { describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { verifySignedQuote } from '../../../engine/src/client/verify-quote.js';
import { FLAG_SIMULATED } from '../../../engine/src/signer/quote-message.js';
import type { IndexSnapshot } from '../../../engine/src/aggregator/types.js';
import type { MarketSymbol, Tick, VenueName } from '../../../engine/src/feeds/types.js';
import { Aggregator } from '../../../engine/src/aggregator/aggregator.js';
import { BTC, PROGRAM_ID, SIGNER, START, T0, bps, snap, useQuoteEngineHarness } from './quote-engine-harness.js';
import { v1 } from '../../helpers/market-surface.js';

const { published, last, makeEngine, buildEngine } = useQuoteEngineHarness({ symbols: ['BTCUSDT', 'SOLUSDT'] });

function expectSeqsConsecutive(symbol: MarketSymbol = 'BTCUSDT', from = 1): void {
  const seqs = published.filter((s) => s.symbol === symbol).map((s) => s.seq);
  expect(seqs).toEqual(seqs.map((_, i) => from + i));
}

describe('QuoteEngine surfaces', () => {
  it('publishes a full, signed surface for the first snapshot', async () => {
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    expect(published).toHaveLength(1);
    const s = last();
    expect(s).toMatchObject({ symbol: 'BTCUSDT', asset: 'BTC', seq: 1, status: 'open', haltReason: null, simulated: false, generatedAtMs: START });
    expect(s.index.price).toBe(BTC.toString());
    expect(s.rounds.map((r) => r.durationSec)).toEqual([60, 300, 900, 3600]);
    expect(s.rounds.map((r) => r.expiryTs)).toEqual([T0 / 1000 + 60, T0 / 1000 + 300, T0 / 1000 + 900, T0 / 1000 + 3600]);
    for (const round of s.rounds) {
      expect(round.volatility).toBe('500000');
      expect(round.quotes).toHaveLength(11);
      const strikes = round.quotes.map((q) => BigInt(q.strike));
      expect(strikes[5]).toBe(97_300_000_000n);
      for (let i = 1; i < strikes.length; i++) expect(strikes[i]! - strikes[i - 1]!).toBe(100_000_000n);
      const ups = round.quotes.map((q) => BigInt(q.upPrice));
      for (let i = 1; i < ups.length; i++) expect(ups[i]! <= ups[i - 1]!).toBe(true);
      for (const q of round.quotes) {
        // signature verifies (tweetnacl) and every JSON field equals the signed bytes
        const f = verifySignedQuote(v1(q), { expectedSigner: SIGNER, nowMs: START });
        expect(f.expiryTs).toBe(BigInt(round.expiryTs));
        expect(f.upPrice + f.downPrice >= 1_000_000n).toBe(true);
        expect(q).toMatchObject({
          symbol: 'BTCUSDT',
          cluster: 'devnet',
          programId: PROGRAM_ID,
          epoch: '7',
          maxSize: '1000000000',
          validUntilMs: START + 3000,
          generatedAtMs: START,
          refPrice: BTC.toString(),
          refTsMs: START - 20,
          simulated: false,
        });
        expect(f.flags).toBe(0);
      }
    }
    const ids = s.rounds.flatMap((r) => r.quotes.map((q) => q.quoteId));
    expect(new Set(ids).size).toBe(44);
  });

  it('caps validUntil at the trading close', async () => {
    vi.setSystemTime(T0 + 48_500);
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    const [m1, m5] = last().rounds;
    expect(m1!.tradingCloseTs).toBe(T0 / 1000 + 50);
    for (const q of m1!.quotes) expect(q.validUntilMs).toBe(T0 + 50_000);
    for (const q of m5!.quotes) expect(q.validUntilMs).toBe(T0 + 48_500 + 3000);
  });

  it('coalesces a burst inside the floor into one regeneration from the latest snapshot', async () => {
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    vi.advanceTimersByTime(10);
    e.onIndex(snap(bps(BTC, 10n)));
    vi.advanceTimersByTime(10);
    e.onIndex(snap(bps(BTC, 20n)));
    vi.advanceTimersByTime(10);
    e.onIndex(snap(bps(BTC, 15n)));
    expect(published).toHaveLength(1);
    vi.advanceTimersByTime(19);
    expect(published).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(published).toHaveLength(2);
    expect(last().generatedAtMs).toBe(START + 50);
    expect(last().index.price).toBe(bps(BTC, 15n).toString());
    vi.advanceTimersByTime(200);
    expect(published).toHaveLength(2);
    expectSeqsConsecutive();
  });

  it('regenerates only when the move exceeds the threshold', async () => {
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    vi.advanceTimersByTime(100);
    e.onIndex(snap(bps(BTC, 1n)));
    e.onIndex(snap(bps(BTC, 2n)));
    expect(published).toHaveLength(1);
    e.onIndex(snap(BTC - (BTC * 3n) / 10_000n));
    expect(published).toHaveLength(2);
    expect(last().generatedAtMs).toBe(START + 100);
    expectSeqsConsecutive();
  });

  it('regenerates every maxIntervalMs without a move', async () => {
    const e = await makeEngine({ maxIntervalMs: 1000 });
    e.onIndex(snap(BTC));
    vi.advanceTimersByTime(999);
    expect(published).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(published).toHaveLength(2);
    e.onIndex(snap(BTC));
    vi.advanceTimersByTime(1000);
    expect(published).toHaveLength(3);
    expect(published.map((s) => s.generatedAtMs)).toEqual([START, START + 1000, START + 2000]);
    expect(last().rounds[0]!.quotes[0]!.validUntilMs).toBe(START + 5000);
    expectSeqsConsecutive();
  });

  it('regenerates at a trading close and rolls the round over', async () => {
    vi.setSystemTime(T0 + 49_900);
    const e = await makeEngine({ maxIntervalMs: 60_000 });
    e.onIndex(snap(BTC));
    expect(last().rounds[0]!.expiryTs).toBe(T0 / 1000 + 60);
    vi.advanceTimersByTime(99);
    expect(published).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(published).toHaveLength(2);
    const m1 = last().rounds[0]!;
    expect(m1).toMatchObject({ startTs: T0 / 1000 + 60, expiryTs: T0 / 1000 + 120, tradingCloseTs: T0 / 1000 + 110 });
    expect(m1.quotes).toHaveLength(11);
    for (const q of m1.quotes) expect(q.expiryTs).toBe(T0 / 1000 + 120);
    expect(last().rounds[1]!.expiryTs).toBe(T0 / 1000 + 300);
    expectSeqsConsecutive();
  });

  it('seq continues from initialSeq and is per symbol', async () => {
    const e = await makeEngine({ initialSeq: { BTCUSDT: 41 } });
    e.onIndex(snap(BTC));
    e.onIndex(snap(150_000_000n, {}, 'SOLUSDT'));
    e.onIndex(snap(1n, {}, 'ETHUSDT'));
    expect(published.map((s) => [s.symbol, s.seq])).toEqual([
      ['BTCUSDT', 42],
      ['SOLUSDT', 1],
    ]);
  });
});

describe('QuoteEngine refusals', () => {
  it('halted snapshot -> one halted surface with empty quotes; resume regenerates immediately', async () => {
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    vi.advanceTimersByTime(10);
    e.onIndex(snap(null, { status: 'halted', haltReason: '1 fresh provider, 2 required', sourceTs: null }));
    expect(published).toHaveLength(2);
    expect(last()).toMatchObject({ status: 'halted', haltReason: '1 fresh provider, 2 required', seq: 2 });
    expect(last().rounds).toHaveLength(4);
    for (const r of last().rounds) expect(r.quotes).toEqual([]);
    e.onIndex(snap(null, { status: 'halted', haltReason: '0 fresh providers, 2 required', sourceTs: null }));
    vi.advanceTimersByTime(5_000);
    expect(published).toHaveLength(2);
    e.onIndex(snap(BTC));
    expect(published).toHaveLength(3);
    expect(last()).toMatchObject({ status: 'open', haltReason: null, seq: 3 });
    expect(last().rounds[0]!.quotes).toHaveLength(11);
    expectSeqsConsecutive();
  });

  it('never signs a simulated snapshot outside demo mode', async () => {
    const e = await makeEngine();
    e.onIndex(snap(BTC, { simulated: true }));
    expect(last()).toMatchObject({ status: 'halted', simulated: true });
    expect(last().haltReason).toMatch(/simulated/);
    expect(last().rounds.every((r) => r.quotes.length === 0)).toBe(true);
  });

  it('demo mode signs simulated prices and flags every quote SIMULATED', async () => {
    const e = await makeEngine({ simulated: true });
    e.onIndex(snap(BTC, { simulated: true }));
    e.onIndex(snap(150_000_000n, { simulated: false }, 'SOLUSDT'));
    expect(published).toHaveLength(2);
    for (const s of published) {
      expect(s.status).toBe('open');
      expect(s.simulated).toBe(true);
      const quotes = s.rounds.flatMap((r) => r.quotes);
      expect(quotes).toHaveLength(44);
      for (const q of quotes) expect(q.simulated).toBe(true);
      // the flag is in the signed bytes (tweetnacl verify is slow: check one quote per round)
      for (const r of s.rounds) {
        expect(verifySignedQuote(v1(r.quotes[0]!), { expectedSigner: SIGNER }).flags & FLAG_SIMULATED).toBe(FLAG_SIMULATED);
      }
    }
  });

  it('refuses a stale index, and halts when the index goes stale with time', async () => {
    const e = await makeEngine({ maxIndexAgeMs: 2000 });
    e.onIndex(snap(BTC, { sourceTs: START - 2001 }));
    expect(last().status).toBe('halted');
    expect(last().haltReason).toMatch(/stale/);
    e.onIndex(snap(BTC));
    expect(last().status).toBe('open');
    // no more snapshots: the max-interval regeneration finds the index too old
    // (sourceTs is 20 ms behind each snapshot: 1020 ms old at +1 s, 2020 ms at +2 s)
    vi.advanceTimersByTime(1000);
    expect(last()).toMatchObject({ status: 'open', generatedAtMs: START + 1000 });
    vi.advanceTimersByTime(1000);
    expect(last()).toMatchObject({ status: 'halted', generatedAtMs: START + 2000 });
    expect(last().rounds.every((r) => r.quotes.length === 0)).toBe(true);
    const count = published.length;
    vi.advanceTimersByTime(3000);
    expect(published).toHaveLength(count);
    expectSeqsConsecutive();
  });

  it('a halted surface is republished when the rounds roll over', async () => {
    vi.setSystemTime(T0 + 49_000);
    const e = await makeEngine();
    e.onIndex(snap(null, { status: 'halted', haltReason: 'no providers', sourceTs: null }));
    expect(published).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(published).toHaveLength(2);
    expect(last()).toMatchObject({ status: 'halted', seq: 2 });
    expect(last().rounds[0]!.expiryTs).toBe(T0 / 1000 + 120);
  });
});

describe('QuoteEngine lifecycle', () => {
  it('publishes nothing before start and after stop, and stop clears every timer', async () => {
    const engine = buildEngine({ cluster: 'localnet', programId: PROGRAM_ID, epoch: 0n, simulated: false });
    engine.onIndex(snap(BTC));
    expect(published).toHaveLength(0);
    await engine.start();
    expect(published).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1);
    await engine.stop();
    expect(vi.getTimerCount()).toBe(0);
    engine.onIndex(snap(bps(BTC, 50n)));
    vi.advanceTimersByTime(10_000);
    expect(published).toHaveLength(1);
  });

  it('a failing publish callback is logged, not thrown, and seq still advances', async () => {
    const e = await makeEngine({
      publish: (s) => {
        published.push(s);
        return Promise.reject(new Error('store down'));
      },
    });
    e.onIndex(snap(BTC));
    vi.advanceTimersByTime(1000);
    await Promise.resolve();
    expect(published.map((s) => s.seq)).toEqual([1, 2]);
  });

  it('rejects invalid settings at construction', async () => {
    await expect(makeEngine({ programId: 'xyz' })).rejects.toThrow(/program id/);
    await expect(makeEngine({ minIntervalMs: 2000, maxIntervalMs: 1000 })).rejects.toThrow(/minIntervalMs/);
    await expect(makeEngine({ epoch: -1n })).rejects.toThrow(/epoch/);
  });
});

describe('QuoteEngine start-up warm-up', () => {
  /** The aggregator's first snapshots at start-up: one venue delivers, the quorum is not reached yet. */
  const connecting = (): IndexSnapshot =>
    snap(null, {
      status: 'halted',
      haltReason: '1 fresh provider, 2 required',
      sourceTs: null,
      providers: 1,
      sources: [{ venue: 'binance', mid: BTC, exchangeTs: Date.now() - 20, receivedTs: Date.now() - 5, status: 'ok' }],
    });

  it('holds back the start-up halt while venues connect; the first surface is the open one', async () => {
    const e = await makeEngine();
    e.onIndex(connecting());
    vi.advanceTimersByTime(300);
    e.onIndex(connecting());
    expect(published).toHaveLength(0);
    expect(e.health().find((h) => h.symbol === 'BTCUSDT')).toMatchObject({ status: 'waiting', seq: 0 });
    vi.advanceTimersByTime(200);
    e.onIndex(snap(BTC));
    expect(published).toHaveLength(1);
    expect(last()).toMatchObject({ status: 'open', seq: 1, generatedAtMs: START + 500 });
    // later halts are published at once, even of the same kind
    vi.advanceTimersByTime(100);
    e.onIndex(connecting());
    expect(last()).toMatchObject({ status: 'halted', seq: 2 });
    expectSeqsConsecutive();
  });

  it('publishes the halt when the warm-up passes without opening, from the timer alone', async () => {
    const e = await makeEngine({ startupWarmupMs: 2000 });
    e.onIndex(connecting());
    vi.advanceTimersByTime(1999);
    expect(published).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(published).toHaveLength(1);
    expect(last()).toMatchObject({ status: 'halted', seq: 1, haltReason: '1 fresh provider, 2 required', generatedAtMs: START + 2000 });
    expect(e.health().find((h) => h.symbol === 'BTCUSDT')).toMatchObject({ status: 'halted', seq: 1 });
    e.onIndex(snap(BTC));
    expect(last()).toMatchObject({ status: 'open', seq: 2 });
    expectSeqsConsecutive();
  });

  it('the warm-up counts from the symbol first snapshot, not from start()', async () => {
    const e = await makeEngine({ startupWarmupMs: 1000 });
    vi.advanceTimersByTime(5000);
    e.onIndex(connecting());
    expect(published).toHaveLength(0);
    vi.advanceTimersByTime(1000);
    expect(last()).toMatchObject({ status: 'halted', generatedAtMs: START + 6000 });
  });

  it('halts with no venue delivering a price, and engine refusals, are published at once', async () => {
    const e = await makeEngine();
    e.onIndex(snap(null, { status: 'halted', haltReason: '0 fresh providers, 2 required; stale: binance', sourceTs: null, providers: 0, sources: [{ venue: 'binance', mid: BTC, exchangeTs: START - 9000, receivedTs: START - 9000, status: 'stale' }] }));
    expect(last()).toMatchObject({ symbol: 'BTCUSDT', status: 'halted', seq: 1 });
    e.onIndex(snap(150_000_000n, { simulated: true }, 'SOLUSDT'));
    expect(last()).toMatchObject({ symbol: 'SOLUSDT', status: 'halted', seq: 1 });
  });

  it('startupWarmupMs 0 publishes start-up halts at once; stop during the warm-up clears its timer', async () => {
    const e = await makeEngine({ startupWarmupMs: 0 });
    e.onIndex(connecting());
    expect(last()).toMatchObject({ status: 'halted', seq: 1 });
    await e.stop();
    published.length = 0;
    const held = await makeEngine();
    held.onIndex(connecting());
    expect(vi.getTimerCount()).toBe(1);
    await held.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(published).toHaveLength(0);
  });

  it('with the real aggregator, venues connecting one after another publish no halted surface', async () => {
    const aggregator = new Aggregator({ logger: pino({ level: 'silent' }), symbols: ['BTCUSDT'], evaluateIntervalMs: 0 });
    await aggregator.start();
    const e = await makeEngine({ symbols: ['BTCUSDT'] });
    aggregator.onSnapshot((snapshot) => e.onIndex(snapshot));
    const tick = (venue: VenueName): Tick => {
      const now = Date.now();
      return { venue, symbol: 'BTCUSDT', bid: '97312.34', ask: '97312.36', last: null, exchangeTs: now - 5, receivedTs: now, simulated: false };
    };
    aggregator.ingest(tick('binance'));
    expect(aggregator.latest('BTCUSDT')).toMatchObject({ status: 'halted', providers: 1 });
    vi.advanceTimersByTime(150);
    aggregator.ingest(tick('binance'));
    expect(published).toHaveLength(0);
    vi.advanceTimersByTime(150);
    aggregator.ingest(tick('coinbase'));
    expect(published.map((s) => [s.seq, s.status])).toEqual([[1, 'open']]);
    await aggregator.stop();
  });

  it('rejects a negative warm-up and a reuse fraction outside 0..1', async () => {
    await expect(makeEngine({ startupWarmupMs: -1 })).rejects.toThrow(/startupWarmupMs/);
    await expect(makeEngine({ quoteReuseMinTtlFraction: 1.5 })).rejects.toThrow(/quoteReuseMinTtlFraction/);
    await expect(makeEngine({ quoteReuseMinTtlFraction: Number.NaN })).rejects.toThrow(/quoteReuseMinTtlFraction/);
  });
});
