import { describe, expect, it } from 'vitest';
import { applyDelta, type SurfaceDelta } from '../../../engine/src/client/surface-delta.js';
import { base, delta, index, q, round, type Q } from './fixtures/surface-delta.js';
import { SurfaceDeltaError } from '../../../engine/src/client/errors.js';

describe('applyDelta', () => {
  it('keeps base quotes by id, adds the new ones, and takes everything else from the delta', () => {
    const out = applyDelta(base, delta());
    expect(out).toEqual({
      ...base,
      seq: 8,
      generatedAtMs: 2_000,
      index: { ...index, ts: 2 },
      rounds: [
        { ...round, quotes: [q('a'), q('d'), q('c')] },
        { ...round, durationSec: 300, expiryTs: 300, tradingCloseTs: 270, quotes: [q('e')] },
      ],
    });
    expect(out.rounds[0]?.quotes[0]).toBe(base.rounds[0]?.quotes[0]);
    expect(base.seq).toBe(7);
  });

  it('a quote sent again in the delta replaces the base one with the same id', () => {
    const out = applyDelta(base, delta({ rounds: [{ ...round, quoteIds: ['a'] }], quotes: [q('a', '510000')] }));
    expect(out.rounds[0]?.quotes).toEqual([q('a', '510000')]);
  });

  it('halted: empty rounds and the halt reason', () => {
    const out = applyDelta(base, delta({ status: 'halted', haltReason: 'index stale', rounds: [{ ...round, quoteIds: [] }], quotes: [] }));
    expect(out).toMatchObject({ status: 'halted', haltReason: 'index stale', rounds: [{ quotes: [] }] });
  });

  it.each([
    ['another base seq (a frame was missed)', { baseSeq: 6 }, 'against seq 6, held seq is 7'],
    ['another symbol', { symbol: 'ETHUSDT' }, 'ETHUSDT applied to a BTCUSDT'],
    ['a quote id nobody holds', { quotes: [q('d')] }, 'names quote e'],
  ] as const)('refuses %s with EXEC_ERR_DELTA_BASE', (_name, over, message) => {
    const attempt = () => applyDelta(base, delta(over));
    expect(attempt).toThrow(SurfaceDeltaError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (err) {
      expect((err as SurfaceDeltaError).code).toBe('EXEC_ERR_DELTA_BASE');
    }
  });
});
