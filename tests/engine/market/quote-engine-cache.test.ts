import { describe, expect, it, vi } from 'vitest';
import bs58 from 'bs58';
import { QuoteCacheBuilder, quoteCacheKey, type QuoteTerms } from '../../../engine/src/market/quote-engine-cache.js';
import { verifySignature } from '../../../engine/src/signer/sign.js';
import { signQuote } from '../../../engine/src/signer/signed-quote.js';
import { decodeQuote } from '../../../engine/src/signer/quote-message.js';
import { verifySignedQuote } from '../../../engine/src/client/verify-quote.js';
import type { MarketSurface, SignedQuoteJson } from '../../../engine/src/market/types.js';
import { BTC, PROGRAM_ID, SIGNER, START, T0, bps, signer, snap, useQuoteEngineHarness } from './quote-engine-harness.js';
import { v1 } from '../../helpers/market-surface.js';

const { published, last, makeEngine } = useQuoteEngineHarness({ symbols: ['BTCUSDT'], maxIntervalMs: 60_000 });
const ids = (s: MarketSurface): string[] => s.rounds.flatMap((r) => r.quotes.map((q) => q.quoteId));

/** Every quote verifies against its bytes, is valid at `now`, ends by its round's close and carries `epoch`. */
function expectServable(s: MarketSurface, now: number, epoch = 7n): void {
  for (const round of s.rounds) {
    for (const q of round.quotes.map(v1)) {
      const message = Buffer.from(q.message, 'base64');
      expect(verifySignature(message, bs58.decode(q.signature), signer.publicKey)).toBe(true);
      const f = decodeQuote(message);
      expect(Buffer.from(f.quoteId).toString('hex')).toBe(q.quoteId);
      expect(f.epoch).toBe(epoch);
      expect(Number(f.expiryTs)).toBe(round.expiryTs);
      expect(Number(f.validUntilMs)).toBe(q.validUntilMs);
      expect(q.validUntilMs).toBeGreaterThan(now);
      expect(q.validUntilMs).toBeLessThanOrEqual(round.tradingCloseTs * 1000);
    }
    // the full client check (tweetnacl, every JSON field against the bytes) on one quote per round
    if (round.quotes[0]) verifySignedQuote(v1(round.quotes[0]), { expectedSigner: SIGNER, nowMs: now });
  }
}

function expectSeqsConsecutive(): void {
  expect(published.map((s) => s.seq)).toEqual(published.map((_, i) => i + 1));
}

describe('QuoteEngine quote reuse', () => {
  it('keeps the signed quote of every strike whose terms did not change and signs the others', async () => {
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    vi.advanceTimersByTime(100);
    e.onIndex(snap(bps(BTC, 3n)));
    expect(published).toHaveLength(2);
    const [first, second] = published as [MarketSurface, MarketSurface];
    let reused = 0;
    let resigned = 0;
    second.rounds.forEach((round, r) => {
      round.quotes.forEach((q) => {
        const before = first.rounds[r]!.quotes.find((b) => b.strike === q.strike)!;
        expect(before).toBeDefined();
        if (q.upPrice === before.upPrice && q.downPrice === before.downPrice) {
          // the very same signed quote: id, bytes, signature, validity and reference price
          expect(q).toBe(before);
          reused++;
        } else {
          expect(q.quoteId).not.toBe(before.quoteId);
          expect(q.generatedAtMs).toBe(START + 100);
          expect(q.refPrice).toBe(bps(BTC, 3n).toString());
          resigned++;
        }
      });
    });
    expect(reused).toBeGreaterThan(0);
    expect(resigned).toBeGreaterThan(0);
    expect(reused + resigned).toBe(44);
    expect(e.health()[0]).toMatchObject({ quotesSigned: 44 + resigned, quotesReused: reused });
    expectServable(second, START + 100);
    expectSeqsConsecutive();
  });

  it('re-signs a quote once less than the configured fraction of a fresh validity is left', async () => {
    const e = await makeEngine({ quoteTtlMs: 3000, quoteReuseMinTtlFraction: 0.5 });
    e.onIndex(snap(BTC));
    const deepId = last().rounds[0]!.quotes[0]!.quoteId;
    // +1400 ms: 1600 ms of 3000 left (>= 1500): the deep strike keeps its quote
    vi.advanceTimersByTime(1400);
    e.onIndex(snap(bps(BTC, 3n)));
    expect(last().rounds[0]!.quotes[0]!).toMatchObject({ quoteId: deepId, validUntilMs: START + 3000 });
    expectServable(last(), START + 1400);
    // +1600 ms: 1400 ms left (< 1500): signed again with a fresh validity
    vi.advanceTimersByTime(200);
    e.onIndex(snap(BTC));
    const q = last().rounds[0]!.quotes[0]!;
    expect(q.quoteId).not.toBe(deepId);
    expect(q.validUntilMs).toBe(START + 1600 + 3000);
    expectServable(last(), START + 1600);
    expectSeqsConsecutive();
  });

  it('a higher fraction re-signs sooner, and 0 signs every quote anew', async () => {
    const e = await makeEngine({ quoteReuseMinTtlFraction: 0.9 });
    e.onIndex(snap(BTC));
    const deepId = last().rounds[0]!.quotes[0]!.quoteId;
    vi.advanceTimersByTime(200);
    e.onIndex(snap(bps(BTC, 3n)));
    expect(last().rounds[0]!.quotes[0]!.quoteId).toBe(deepId);
    vi.advanceTimersByTime(200);
    e.onIndex(snap(BTC));
    expect(last().rounds[0]!.quotes[0]!.quoteId).not.toBe(deepId);
    await e.stop();

    published.length = 0;
    const never = await makeEngine({ quoteReuseMinTtlFraction: 0 });
    never.onIndex(snap(BTC));
    vi.advanceTimersByTime(100);
    never.onIndex(snap(bps(BTC, 3n)));
    const [a, b] = published as [MarketSurface, MarketSurface];
    expect(ids(b).filter((id) => ids(a).includes(id))).toEqual([]);
    expect(never.health()[0]).toMatchObject({ quotesSigned: 88, quotesReused: 0 });
  });

  it('reuses nothing across a halt', async () => {
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    const before = ids(last());
    vi.advanceTimersByTime(100);
    e.onIndex(snap(null, { status: 'halted', haltReason: '1 fresh provider, 2 required', sourceTs: null, providers: 1 }));
    expect(last()).toMatchObject({ status: 'halted', seq: 2 });
    vi.advanceTimersByTime(100);
    // same price, well inside the old quotes' validity: still every quote is new
    e.onIndex(snap(BTC));
    expect(last()).toMatchObject({ status: 'open', seq: 3 });
    expect(ids(last()).filter((id) => before.includes(id))).toEqual([]);
    for (const q of last().rounds.flatMap((r) => r.quotes)) expect(q.generatedAtMs).toBe(START + 200);
    expectServable(last(), START + 200);
    expectSeqsConsecutive();
  });

  it('reuses nothing across an epoch change, which regenerates at once', async () => {
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    const before = ids(last());
    vi.advanceTimersByTime(10);
    e.setEpoch(8n);
    expect(e.quoteEpoch).toBe(8n);
    expect(published).toHaveLength(2);
    expect(last().generatedAtMs).toBe(START + 10);
    expect(ids(last()).filter((id) => before.includes(id))).toEqual([]);
    for (const q of last().rounds.flatMap((r) => r.quotes)) expect(q.epoch).toBe('8');
    expectServable(last(), START + 10, 8n);
    vi.advanceTimersByTime(100);
    e.onIndex(snap(bps(BTC, 3n)));
    expect(last().rounds.flatMap((r) => r.quotes).every((q) => q.epoch === '8')).toBe(true);
    expectSeqsConsecutive();
    expect(() => e.setEpoch(8n)).toThrow(/epoch/);
    expect(() => e.setEpoch(1n << 64n)).toThrow(/epoch/);
  });

  it('never serves a quote past its round trading close, and keeps rounds of one expiry apart', async () => {
    // 1m round 240..300 (close 290) and 5m round 0..300 (close 270) share expiry T0+300
    vi.setSystemTime(T0 + 265_000);
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    const [m1, m5] = last().rounds as [MarketSurface['rounds'][0], MarketSurface['rounds'][0]];
    expect(m1.expiryTs).toBe(m5.expiryTs);
    expect(m5.quotes.every((q) => q.validUntilMs === T0 + 268_000)).toBe(true);
    vi.advanceTimersByTime(1_000);
    e.onIndex(snap(bps(BTC, 1n)));
    const again = last().rounds;
    again[0]!.quotes.forEach((q, i) => expect(q.quoteId).not.toBe(again[1]!.quotes[i]!.quoteId));
    expectServable(last(), T0 + 266_000);
    // the 5m round closes at +270 s: the next surface shows the next 5m round, none of the old quotes
    const oldM5 = new Set(last().rounds[1]!.quotes.map((q) => q.quoteId));
    vi.advanceTimersByTime(4_000);
    expect(last().generatedAtMs).toBe(T0 + 270_000);
    expect(last().rounds[1]!.expiryTs).toBe(T0 / 1000 + 600);
    expect(ids(last()).filter((id) => oldM5.has(id))).toEqual([]);
    expectServable(last(), T0 + 270_000);
    expectSeqsConsecutive();
  });

  it('close to the trading close keeps quotes capped at the close instead of re-signing them', async () => {
    vi.setSystemTime(T0 + 49_000);
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    const deep = last().rounds[0]!.quotes[0]!;
    expect(deep.validUntilMs).toBe(T0 + 50_000);
    vi.advanceTimersByTime(800);
    e.onIndex(snap(bps(BTC, 3n)));
    expect(last().rounds[0]!.quotes[0]).toBe(deep);
    expectServable(last(), T0 + 49_800);
  });
});

describe('QuoteCacheBuilder', () => {
  const NOW = 1_795_000_000_000;
  const terms: QuoteTerms = {
    durationSec: 300,
    expiryTs: 1_795_000_200,
    tradingCloseTs: 1_795_000_170,
    strike: 97_300_000_000n,
    upPrice: 990_000n,
    downPrice: 20_000n,
    maxSize: 1_000_000_000n,
    flags: 0,
    epoch: 7n,
  };
  const key = quoteCacheKey(terms.durationSec, terms.expiryTs, terms.strike);
  const quote = (validUntilMs: number): SignedQuoteJson =>
    signQuote(
      {
        cluster: 1,
        asset: 1,
        flags: 0,
        programId: bs58.decode(PROGRAM_ID),
        quoteId: new Uint8Array(16).fill(3),
        epoch: terms.epoch,
        expiryTs: BigInt(terms.expiryTs),
        strike: terms.strike,
        upPrice: terms.upPrice,
        downPrice: terms.downPrice,
        maxSize: terms.maxSize,
        validUntilMs: BigInt(validUntilMs),
        generatedAtMs: BigInt(NOW),
        refPrice: BTC,
        refTsMs: BigInt(NOW - 20),
      },
      signer,
      'BTCUSDT',
    );
  const previous = (q: SignedQuoteJson): QuoteCacheBuilder => {
    const b = new QuoteCacheBuilder(new Map(), 0.5);
    b.keep(key, terms, q, true);
    return new QuoteCacheBuilder(b.build(), 0.5);
  };

  it('finds a quote only for identical terms', () => {
    const q = quote(NOW + 3000);
    expect(previous(q).find(key, terms, NOW + 100, NOW + 3100)).toBe(q);
    const changes: Array<Partial<QuoteTerms>> = [
      { upPrice: 989_999n },
      { downPrice: 20_001n },
      { maxSize: 1n },
      { flags: 1 },
      { epoch: 8n },
      { tradingCloseTs: terms.tradingCloseTs + 1 },
      { durationSec: 900 },
      { expiryTs: terms.expiryTs + 300 },
      { strike: terms.strike + 1n },
    ];
    for (const change of changes) expect(previous(q).find(key, { ...terms, ...change }, NOW + 100, NOW + 3100), JSON.stringify(change, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).toBeUndefined();
    expect(previous(q).find(quoteCacheKey(60, terms.expiryTs, terms.strike), terms, NOW + 100, NOW + 3100)).toBeUndefined();
  });

  it('requires the fraction of a fresh validity to remain, a future validUntil and an open round', () => {
    const q = quote(NOW + 3000);
    expect(previous(q).find(key, terms, NOW + 1500, NOW + 4500)).toBe(q); // 1500 left of 3000: exactly half
    expect(previous(q).find(key, terms, NOW + 1501, NOW + 4501)).toBeUndefined();
    const atClose = quote(terms.tradingCloseTs * 1000);
    const closeMs = terms.tradingCloseTs * 1000;
    expect(previous(atClose).find(key, terms, closeMs - 10, closeMs)).toBe(atClose);
    expect(previous(atClose).find(key, terms, closeMs, closeMs)).toBeUndefined();
    const pastClose = quote(closeMs + 1);
    expect(previous(pastClose).find(key, terms, NOW, Math.min(NOW + 3000, closeMs))).toBeUndefined();
    const disabled = new QuoteCacheBuilder(new Map([[key, { terms, quote: q }]]), 0);
    expect(disabled.find(key, terms, NOW + 1, NOW + 3001)).toBeUndefined();
  });

  it('counts signed and reused quotes and carries only what was kept', () => {
    const q = quote(NOW + 3000);
    const b = previous(q);
    expect(b.build().size).toBe(0);
    b.keep(key, terms, q, false);
    expect(b).toMatchObject({ signed: 0, reused: 1 });
    expect(b.build().get(key)?.quote).toBe(q);
  });
});
