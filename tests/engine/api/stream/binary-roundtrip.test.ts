/** Binary frames decode to exactly the JSON-mode objects; deltas rebuild exactly the next surface. */
import { describe, expect, it } from 'vitest';
import { deriveSurface, makeSurface, v1 } from '../../../helpers/market-surface.js';
import { signer } from '../harness.js';
import type { MarketSurface } from '../../../../engine/src/market/types.js';
import { encodeDeltaFrame, encodeSurfaceFrame } from '../../../../engine/src/api/stream/binary-frame.js';
import { decodeStreamFrame } from '../../../../engine/src/client/stream/decode-frame.js';
import { applyBinaryDelta } from '../../../../engine/src/client/stream/apply-binary-delta.js';
import { quoteBytes } from '../../../../engine/src/client/quote-json.js';
import { verifySignedQuote } from '../../../../engine/src/client/verify-quote.js';

const derive = (base: MarketSurface, seq: number, keep: (round: number, strike: number) => boolean, over: Partial<MarketSurface> = {}): MarketSurface =>
  deriveSurface(base, seq, signer, keep, over);

describe('binary stream frames', () => {
  it('a snapshot decodes to the surface, byte for byte the same JSON', () => {
    const s = makeSurface({ symbol: 'ETHUSDT', seq: 7, signer });
    const frame = encodeSurfaceFrame(s, 'snapshot', 1_795_000_000_123.456, quoteBytes);
    const decoded = decodeStreamFrame(frame);
    expect(decoded).toMatchObject({ type: 'snapshot', symbol: 'ETHUSDT', seq: 7, ts: 1_795_000_000_123.456 });
    if (decoded.type === 'delta') throw new Error('not a delta');
    expect(decoded.surface).toEqual(s);
    expect(JSON.stringify(decoded.surface)).toBe(JSON.stringify(s));
    const quotes = s.rounds.reduce((n, r) => n + r.quotes.length, 0);
    expect(frame.length / quotes).toBeLessThan(250);
  });

  it('a halted surface (no quotes, halt reason, no index price) round-trips', () => {
    const s = makeSurface({ symbol: 'BTCUSDT', seq: 3, signer, status: 'halted' });
    const decoded = decodeStreamFrame(encodeSurfaceFrame(s, 'update', 5, quoteBytes));
    expect(decoded.type === 'update' ? decoded.surface : null).toEqual(s);
  });

  it('deltas rebuild every following surface exactly, and unchanged quotes cost nothing', () => {
    let held: MarketSurface = makeSurface({ symbol: 'SOLUSDT', seq: 1, signer });
    const s2 = derive(held, 2, (i, j) => (i + j) % 3 !== 0);
    const s3 = derive(s2, 3, () => true, { rounds: s2.rounds.slice(1) });
    const s4 = { ...derive(s3, 4, () => true), status: 'halted' as const, haltReason: 'index stale', rounds: s3.rounds.map((r) => ({ ...r, quotes: [] })) };
    const s5 = derive(s3, 5, () => false);
    const s6 = derive(s5, 6, (i) => i !== 1);
    let base = held;
    for (const next of [s2, s3, s4, s5, s6]) {
      const frame = encodeDeltaFrame(base, next, 9, quoteBytes);
      const decoded = decodeStreamFrame(frame);
      if (decoded.type !== 'delta') throw new Error('expected a delta');
      held = applyBinaryDelta(JSON.parse(JSON.stringify(held)), decoded) as MarketSurface;
      expect(held).toEqual(next);
      for (const q of held.rounds.flatMap((r) => r.quotes)) verifySignedQuote(v1(q));
      base = next;
    }
    // s3 keeps every quote of s2 (one round fewer): header, index and round heads only
    expect(encodeDeltaFrame(s2, s3, 9, quoteBytes).length).toBeLessThan(400);
  });
});
