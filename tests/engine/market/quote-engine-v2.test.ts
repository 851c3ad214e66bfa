/**
 * The QuoteEngine in quote format v2: one signature per round ladder, leaves with their own ids and
 * decay rates, every leaf verifiable against its round's root by the SDK (once per ladder), the
 * reuse rule applied to whole ladders, and the same refusals as v1 (halts sign nothing).
 */
import { describe, expect, it, vi } from 'vitest';
import { QuoteVerifier } from '../../../engine/src/client/verify/quote-verifier.js';
import { verifyLadderRound } from '../../../engine/src/client/verify/ladder-verify.js';
import { decodeLadderRoot } from '../../../engine/src/client/ladder.js';
import { resolveQuoteEngineSettings } from '../../../engine/src/market/quote-engine-options.js';
import { isLadderLeafJson, type LadderLeafJson, type MarketSurface } from '../../../engine/src/market/types.js';
import { BTC, PROGRAM_ID, SIGNER, START, T0, bps, snap, useQuoteEngineHarness } from './quote-engine-harness.js';

const { published, last, makeEngine } = useQuoteEngineHarness({ symbols: ['BTCUSDT'], quoteFormat: 'v2', maxIntervalMs: 60_000 });
const leaves = (s: MarketSurface): LadderLeafJson[] => s.rounds.flatMap((r) => r.quotes.filter(isLadderLeafJson));

describe('QuoteEngine, quote format v2', () => {
  it('signs each round once: 4 signatures for 44 quotes, each leaf verifies against its root', async () => {
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    const s = last();
    expect(s.rounds).toHaveLength(4);
    const verifier = await QuoteVerifier.create();
    for (const round of s.rounds) {
      expect(round.ladder).toBeDefined();
      const root = decodeLadderRoot(Buffer.from(round.ladder!.root, 'base64'));
      expect(root).toMatchObject({ cluster: 1, asset: 1, flags: 0, epoch: 7n, expiryTs: BigInt(round.expiryTs), leafCount: 11, generatedAtMs: BigInt(START), validUntilMs: BigInt(START + 3000) });
      expect(round.ladder).toMatchObject({ signer: SIGNER, leafCount: 11 });
      expect(round.ladder!.nodes).toBeUndefined();
      expect(round.quotes.map((q) => (q as LadderLeafJson).index)).toEqual(Array.from({ length: 11 }, (_, i) => i));
      const verdicts = await verifier.verifyRound(round, { expectedSigner: SIGNER, nowMs: START });
      expect(verdicts).toHaveLength(11);
      for (const [i, v] of verdicts.entries()) {
        if (!v.ok) throw v.error;
        const q = round.quotes[i] as LadderLeafJson;
        expect(q).toMatchObject({ format: 2, symbol: 'BTCUSDT', programId: PROGRAM_ID, epoch: '7', validUntilMs: START + 3000, generatedAtMs: START, refPrice: BTC.toString(), refTsMs: START - 20, simulated: false });
        expect(v.fields.upPrice + v.fields.downPrice >= 1_000_000n).toBe(true);
        expect(v.decayMicrosPerSec.toString()).toBe(q.decayMicrosPerSec);
      }
      // the synchronous form agrees
      expect(verifyLadderRound(round, { expectedSigner: SIGNER }).every((v) => v.ok)).toBe(true);
    }
    expect(new Set(leaves(s).map((q) => q.quoteId)).size).toBe(44);
    expect(e.health()[0]).toMatchObject({ quotesSigned: 44, quotesReused: 0, signatures: 4 });
  });

  it('prices decay from the volatility: highest at the money and in the shortest round, zero far out', async () => {
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    const s = last();
    const decay = (r: number): bigint[] => s.rounds[r]!.quotes.map((q) => BigInt((q as LadderLeafJson).decayMicrosPerSec));
    const atm = 5;
    for (let r = 0; r < 4; r++) {
      const d = decay(r);
      expect(d[atm]! > 0n).toBe(true);
      expect(d[atm]! >= d[0]! && d[atm]! >= d[10]!).toBe(true);
    }
    // 59 s to expiry at 50 % volatility: phi(~0.1) * sqrt(2/pi) / sqrt(59) ≈ 4.1 % a second
    expect(decay(0)[atm]).toBeGreaterThanOrEqual(40_000n);
    expect(decay(0)[atm]! > decay(3)[atm]!).toBe(true);
    // and scale 0 turns decay off: v2 with flat prices
    await e.stop();
    published.length = 0;
    const flat = await makeEngine({ decay: { scaleBps: 0, maxMicrosPerSec: 100_000 } });
    flat.onIndex(snap(BTC));
    expect(leaves(last()).every((q) => q.decayMicrosPerSec === '0')).toBe(true);
  });

  it('keeps a whole ladder when nothing it states changed, and signs the round anew when a price moved', async () => {
    const e = await makeEngine({ quoteTtlMs: 3000, quoteReuseMinTtlFraction: 0.5 });
    e.onIndex(snap(BTC));
    const first = last();
    vi.advanceTimersByTime(100);
    e.onIndex(snap(BTC));
    expect(published).toHaveLength(1); // no move, no regeneration before the max interval
    vi.advanceTimersByTime(100);
    e.onIndex(snap(bps(BTC, 5n)));
    const second = last();
    let kept = 0;
    second.rounds.forEach((round, r) => {
      const before = first.rounds[r]!;
      if (round.ladder!.root === before.ladder!.root) {
        kept++;
        expect(round.ladder).toBe(before.ladder);
        round.quotes.forEach((q, i) => expect(q).toBe(before.quotes[i]));
      } else {
        const ids = new Set(before.quotes.map((q) => q.quoteId));
        expect(round.quotes.every((q) => !ids.has(q.quoteId))).toBe(true);
        expect(round.quotes.every((q) => q.generatedAtMs === START + 200)).toBe(true);
      }
    });
    const health = e.health()[0]!;
    expect(health.signatures).toBe(4 + (4 - kept));
    expect(health.quotesReused).toBe(kept * 11);
  });

  it('signs nothing while halted, and publishes rounds without a ladder', async () => {
    const e = await makeEngine();
    e.onIndex(snap(null, { status: 'halted', haltReason: 'no providers' }));
    const s = last();
    expect(s.status).toBe('halted');
    expect(s.rounds.every((r) => r.quotes.length === 0 && r.ladder === undefined)).toBe(true);
    expect(e.health()[0]).toMatchObject({ signatures: 0 });
  });

  it("caps a ladder's validity at its round's trading close", async () => {
    vi.setSystemTime(T0 + 48_500);
    const e = await makeEngine();
    e.onIndex(snap(BTC));
    const [m1, m5] = last().rounds;
    expect(decodeLadderRoot(Buffer.from(m1!.ladder!.root, 'base64')).validUntilMs).toBe(BigInt(T0 + 50_000));
    expect(m1!.quotes.every((q) => q.validUntilMs === T0 + 50_000)).toBe(true);
    expect(decodeLadderRoot(Buffer.from(m5!.ladder!.root, 'base64')).validUntilMs).toBe(BigInt(T0 + 48_500 + 3000));
  });

  it('refuses a ladder of more than 32 strikes', () => {
    expect(() => resolveQuoteEngineSettings({ quoteFormat: 'v2', ladder: { spacing: { BTC: 1n, ETH: 1n, SOL: 1n }, strikesPerSide: 16 } })).toThrow(/at most 32 leaves; 16 strikes per side make 33/);
    expect(resolveQuoteEngineSettings({ quoteFormat: 'v2', ladder: { spacing: { BTC: 1n, ETH: 1n, SOL: 1n }, strikesPerSide: 15 } }).quoteFormat).toBe('v2');
    expect(resolveQuoteEngineSettings({ quoteFormat: 'v1', ladder: { spacing: { BTC: 1n, ETH: 1n, SOL: 1n }, strikesPerSide: 16 } }).quoteFormat).toBe('v1');
  });
});
