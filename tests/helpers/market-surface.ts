/**
 * Builds MarketSurface values with real signed quotes (signer/signed-quote.ts) for store, API and
 * benchmark tests that must not depend on the QuoteEngine.
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import type { MarketSymbol } from '../../engine/src/feeds/types.js';
import { ASSET_IDS, CLUSTER_IDS, SYMBOL_ASSET, type MarketSurface, type RoundSurface, type SignedQuoteJson } from '../../engine/src/market/types.js';
import type { Ed25519Signer } from '../../engine/src/signer/sign.js';
import { signQuote } from '../../engine/src/signer/signed-quote.js';
import { FLAG_SIMULATED } from '../../engine/src/signer/quote-message.js';
import { DEFAULT_PROGRAM_ID } from '../../engine/src/config/defaults.js';

const STEP: Record<MarketSymbol, bigint> = { BTCUSDT: 100_000_000n, ETHUSDT: 10_000_000n, SOLUSDT: 1_000_000n };
const REF: Record<MarketSymbol, bigint> = { BTCUSDT: 97_312_345_678n, ETHUSDT: 3_412_500_000n, SOLUSDT: 187_250_000n };
const DURATIONS = [60, 300, 900, 3600];

export interface SurfaceSpec {
  readonly symbol: MarketSymbol;
  readonly seq: number;
  readonly signer: Ed25519Signer;
  readonly nowMs?: number;
  readonly status?: 'open' | 'halted';
  readonly rounds?: number;
  readonly strikes?: number;
  readonly validForMs?: number;
}

export function makeSurface(spec: SurfaceSpec): MarketSurface<SignedQuoteJson> {
  const now = spec.nowMs ?? Date.now();
  const status = spec.status ?? 'open';
  const strikes = spec.strikes ?? 11;
  const ref = REF[spec.symbol];
  const step = STEP[spec.symbol];
  const atm = (ref / step) * step;
  const asset = SYMBOL_ASSET[spec.symbol];
  const rounds: RoundSurface<SignedQuoteJson>[] = DURATIONS.slice(0, spec.rounds ?? 4).map((durationSec) => {
    const nowSec = Math.floor(now / 1000);
    const startTs = nowSec - (nowSec % durationSec);
    const expiryTs = startTs + durationSec;
    const quotes =
      status === 'halted'
        ? []
        : Array.from({ length: strikes }, (_, i) => {
            const strike = atm + BigInt(i - Math.floor(strikes / 2)) * step;
            const up = BigInt(100_000 + i * 70_000);
            return signQuote(
              {
                cluster: CLUSTER_IDS.devnet,
                asset: ASSET_IDS[asset],
                flags: FLAG_SIMULATED,
                programId: bs58.decode(DEFAULT_PROGRAM_ID),
                quoteId: randomBytes(16),
                epoch: 1n,
                expiryTs: BigInt(expiryTs),
                strike,
                upPrice: up,
                downPrice: 1_020_000n - up,
                maxSize: 1_000_000_000n,
                validUntilMs: BigInt(now + (spec.validForMs ?? 3_000)),
                generatedAtMs: BigInt(now),
                refPrice: ref,
                refTsMs: BigInt(now - 5),
              },
              spec.signer,
              spec.symbol,
            );
          });
    return { durationSec, startTs, expiryTs, tradingCloseTs: expiryTs - 5, volatility: '600000', quotes };
  });
  return {
    symbol: spec.symbol,
    asset,
    seq: spec.seq,
    status,
    haltReason: status === 'halted' ? '1 fresh provider, 2 required' : null,
    simulated: true,
    generatedAtMs: now,
    index: {
      price: status === 'halted' ? null : ref.toString(),
      ts: now,
      sourceTs: now - 5,
      providers: status === 'halted' ? 1 : 3,
      confidence: status === 'halted' ? null : '1500000',
      sources: [],
    },
    rounds,
  };
}

/**
 * `base` re-issued as `seq`: round i keeps the quotes `keep(i, j)` selects and takes the others
 * freshly signed by `signer` (new ids and signatures, same strikes); `over` replaces whole fields.
 */
export function deriveSurface(
  base: MarketSurface,
  seq: number,
  signer: Ed25519Signer,
  keep: (round: number, strike: number) => boolean,
  over: Partial<MarketSurface> = {},
): MarketSurface {
  const fresh = makeSurface({ symbol: base.symbol, seq, signer, nowMs: base.generatedAtMs + 50 });
  const rounds: RoundSurface[] = base.rounds.map((r, i) => ({
    ...r,
    quotes: r.quotes.map((q, j) => (keep(i, j) ? q : (fresh.rounds[i]?.quotes[j] ?? q))),
  }));
  return { ...base, seq, generatedAtMs: base.generatedAtMs + 50, index: { ...base.index, ts: base.index.ts + 50 }, rounds, ...over };
}

/** The quote as a v1 quote; throws when it is a quote format v2 leaf (for tests of v1 surfaces). */
export function v1<Q extends { readonly quoteId: string }>(q: Q): Exclude<Q, { readonly format: 2 }> {
  if ((q as { format?: unknown }).format === 2) throw new Error(`quote ${q.quoteId} is a v2 ladder leaf, a v1 quote was expected`);
  return q as Exclude<Q, { readonly format: 2 }>;
}

/** Every quote of the surface as v1 quotes (throws on a v2 leaf). */
export function v1Quotes<Q extends { readonly quoteId: string }>(s: { readonly rounds: ReadonlyArray<{ readonly quotes: readonly Q[] }> }): Exclude<Q, { readonly format: 2 }>[] {
  return s.rounds.flatMap((r) => r.quotes.map(v1));
}
