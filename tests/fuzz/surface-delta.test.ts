/**
 * applyDelta (SDK) on hostile /v1/stream `delta` frames: mutations of a real delta (any field
 * replaced by anything, as a broken or hostile server could send after JSON.parse) against a real
 * base. Only EXEC_ERR_DELTA_BASE may escape; a delta that applies yields the delta's rounds.
 */
import { expect } from 'vitest';
import { applyDelta, type SurfaceDelta, type SurfaceJson } from '../../engine/src/client/surface-delta.js';
import { fuzzTarget, hostileText, onlyTypedErrors } from './fuzz.js';

const index = { price: '97000000000', ts: 1, sourceTs: 1, providers: 3, confidence: '1', sources: [] };
const round = { durationSec: 60, startTs: 0, expiryTs: 60, tradingCloseTs: 50, volatility: '500000' };
const q = (quoteId: string) => ({ quoteId, upPrice: '500000' });
const base: SurfaceJson<{ quoteId: string }> = {
  symbol: 'BTCUSDT',
  asset: 'BTC',
  seq: 7,
  status: 'open',
  haltReason: null,
  simulated: true,
  generatedAtMs: 1_000,
  index,
  rounds: [{ ...round, quotes: [q('a'), q('b'), q('c')] }],
};
const good = {
  type: 'delta',
  symbol: 'BTCUSDT',
  seq: 8,
  baseSeq: 7,
  ts: 2_000.5,
  status: 'open',
  haltReason: null,
  simulated: true,
  generatedAtMs: 2_000,
  index,
  rounds: [{ ...round, quoteIds: ['a', 'd', 'c'] }],
  quotes: [q('d')],
};

/** Regressions found by this target: wire shapes that crashed with a TypeError instead of a typed error. */
const REGRESSIONS = [
  JSON.stringify({ ...good, quotes: null }),
  JSON.stringify({ ...good, rounds: 'x' }),
  JSON.stringify({ ...good, rounds: [{ ...round, quoteIds: 5 }] }),
  JSON.stringify({ ...good, quotes: [null] }),
  'null',
  '[]',
];

fuzzTarget('applyDelta', hostileText([JSON.stringify(good)]), (text) => {
  let delta: unknown;
  try {
    delta = JSON.parse(text);
  } catch {
    return; // not JSON: the client's JSON.parse refuses it before applyDelta
  }
  const out = onlyTypedErrors(['EXEC_ERR_DELTA_BASE'], () => applyDelta(base, delta as SurfaceDelta<{ quoteId: string }>));
  if (out !== undefined) {
    expect(out.seq).toBe((delta as { seq: unknown }).seq);
    for (const r of out.rounds) for (const quote of r.quotes) expect(typeof quote.quoteId).toBe('string');
  }
}, REGRESSIONS);
