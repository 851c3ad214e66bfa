/**
 * applyDelta (SDK) on hostile /v1/stream `delta` frames: mutations of a real delta (any field
 * replaced by anything, as a broken or hostile server could send after JSON.parse) against a real
 * base. Only EXEC_ERR_DELTA_BASE may escape; a delta that applies yields the delta's rounds.
 */
import { expect } from 'vitest';
import { applyDelta, type SurfaceDelta } from '../../engine/src/client/surface-delta.js';
import { base, delta, round } from '../engine/client/fixtures/surface-delta.js';
import { fuzzTarget, hostileText, onlyTypedErrors } from './fuzz.js';

const good = delta();

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
  const out = onlyTypedErrors(['EXEC_ERR_DELTA_BASE'], () => applyDelta(base, delta as SurfaceDelta<{ quoteId: string; upPrice: string }>));
  if (out !== undefined) {
    expect(out.seq).toBe((delta as { seq: unknown }).seq);
    for (const r of out.rounds) for (const quote of r.quotes) expect(typeof quote.quoteId).toBe('string');
  }
}, REGRESSIONS);
