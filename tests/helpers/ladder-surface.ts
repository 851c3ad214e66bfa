/**
 * Quote format v2 MarketSurfaces with real signed ladders (signer/signed-ladder.ts), for store, API,
 * stream and benchmark tests that must not depend on the QuoteEngine. The v1 twin is market-surface.ts.
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import type { MarketSymbol } from '../../engine/src/feeds/types.js';
import { ASSET_IDS, CLUSTER_IDS, SYMBOL_ASSET, type LadderLeafJson, type MarketSurface, type RoundSurface } from '../../engine/src/market/types.js';
import type { Ed25519Signer } from '../../engine/src/signer/sign.js';
import { signLadder } from '../../engine/src/signer/signed-ladder.js';
import { FLAG_SIMULATED } from '../../engine/src/signer/quote-message.js';
import { decodeLadderLeaf, type LadderLeafFields } from '../../engine/src/client/ladder.js';
import { DEFAULT_PROGRAM_ID } from '../../engine/src/config/defaults.js';
import type { SurfaceSpec } from './market-surface.js';

const STEP: Record<MarketSymbol, bigint> = { BTCUSDT: 100_000_000n, ETHUSDT: 10_000_000n, SOLUSDT: 1_000_000n };
const REF: Record<MarketSymbol, bigint> = { BTCUSDT: 97_312_345_678n, ETHUSDT: 3_412_500_000n, SOLUSDT: 187_250_000n };
const DURATIONS = [60, 300, 900, 3600];

/** One round's ladder signed at `now`; `leaf(i)` overrides leaf fields. */
export function ladderRoundOf(symbol: MarketSymbol, durationSec: number, now: number, signer: Ed25519Signer, strikes: number, validForMs: number, leaf: (i: number) => Partial<LadderLeafFields> = () => ({})): RoundSurface {
  const nowSec = Math.floor(now / 1000);
  const startTs = nowSec - (nowSec % durationSec);
  const expiryTs = startTs + durationSec;
  const atm = (REF[symbol] / STEP[symbol]) * STEP[symbol];
  const leaves = Array.from({ length: strikes }, (_, i): LadderLeafFields => {
    const up = BigInt(100_000 + i * 70_000);
    return {
      quoteId: Uint8Array.from(randomBytes(16)),
      strike: atm + BigInt(i - Math.floor(strikes / 2)) * STEP[symbol],
      upPrice: up,
      downPrice: 1_020_000n - up,
      maxSize: 1_000_000_000n,
      refPrice: REF[symbol],
      refTsMs: BigInt(now - 5),
      decayMicrosPerSec: BigInt(1_000 + 100 * Math.abs(i - Math.floor(strikes / 2))),
      ...leaf(i),
    };
  });
  const head = {
    cluster: CLUSTER_IDS.devnet,
    asset: ASSET_IDS[SYMBOL_ASSET[symbol]],
    flags: FLAG_SIMULATED,
    programId: bs58.decode(DEFAULT_PROGRAM_ID),
    epoch: 1n,
    expiryTs: BigInt(expiryTs),
    generatedAtMs: BigInt(now),
    validUntilMs: BigInt(Math.min(now + validForMs, (expiryTs - 5) * 1000)),
  };
  const signed = signLadder(head, leaves, signer, symbol);
  return { durationSec, startTs, expiryTs, tradingCloseTs: expiryTs - 5, volatility: '600000', quotes: signed.quotes, ladder: signed.ladder };
}

export function makeLadderSurface(spec: SurfaceSpec): MarketSurface {
  const now = spec.nowMs ?? Date.now();
  const halted = spec.status === 'halted';
  const rounds = DURATIONS.slice(0, spec.rounds ?? 4).map((d) => {
    const round = ladderRoundOf(spec.symbol, d, now, spec.signer, spec.strikes ?? 11, spec.validForMs ?? 3_000);
    if (!halted) return round;
    const { ladder: _ladder, ...meta } = round;
    return { ...meta, quotes: [] };
  });
  const ref = REF[spec.symbol];
  return {
    symbol: spec.symbol,
    asset: SYMBOL_ASSET[spec.symbol],
    seq: spec.seq,
    status: halted ? 'halted' : 'open',
    haltReason: halted ? '1 fresh provider, 2 required' : null,
    simulated: true,
    generatedAtMs: now,
    index: { price: halted ? null : ref.toString(), ts: now, sourceTs: now - 5, providers: halted ? 1 : 3, confidence: halted ? null : '1500000', sources: [] },
    rounds,
  };
}

/**
 * `base` re-issued as `seq` 50 ms later: rounds `keep(i)` selects keep their signed ladder as it
 * is; the others are signed anew (new ids and root), with the same strikes and prices except
 * where `leaf` says otherwise.
 */
export function deriveLadderSurface(base: MarketSurface, seq: number, signer: Ed25519Signer, keep: (round: number) => boolean, leaf: (round: number, i: number) => Partial<LadderLeafFields> = () => ({})): MarketSurface {
  const now = base.generatedAtMs + 50;
  const rounds = base.rounds.map((r, i) => {
    if (keep(i) || r.ladder === undefined) return r;
    const old = r.quotes.map((q) => decodeLadderLeaf(Buffer.from((q as LadderLeafJson).leaf, 'base64')));
    return ladderRoundOf(base.symbol, r.durationSec, now, signer, r.quotes.length, 3_000, (j) => ({ strike: old[j]!.strike, upPrice: old[j]!.upPrice, downPrice: old[j]!.downPrice, decayMicrosPerSec: old[j]!.decayMicrosPerSec, ...leaf(i, j) }));
  });
  return { ...base, seq, generatedAtMs: now, index: { ...base.index, ts: base.index.ts + 50 }, rounds };
}
