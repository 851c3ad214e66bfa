/** IndexHistory's ring: a full ring keeps the newest `capacity` samples, oldest first. */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { IndexHistory } from '../../../engine/src/api/index-history.js';
import { MemoryStore } from '../../../engine/src/cache/memory-store.js';
import { makeSurface } from '../../helpers/market-surface.js';
import { signer } from './harness.js';

describe('IndexHistory', () => {
  it('keeps the newest samples once full, oldest first, one per interval; ignores a halted index', () => {
    const store = new MemoryStore({ logger: pino({ level: 'silent' }), quoteRetentionMs: 1_000 });
    const history = new IndexHistory(store, ['BTCUSDT'], { intervalMs: 1_000, capacity: 3 });
    const t0 = 1_795_000_000_000;
    for (let i = 0; i < 6; i++) history.record(makeSurface({ symbol: 'BTCUSDT', seq: i + 1, signer, nowMs: t0 + i * 1_000, rounds: 1, strikes: 1 }));
    history.record(makeSurface({ symbol: 'BTCUSDT', seq: 7, signer, nowMs: t0 + 5_500, rounds: 1, strikes: 1 })); // < 1 s after the last
    history.record(makeSurface({ symbol: 'BTCUSDT', seq: 8, signer, nowMs: t0 + 7_000, status: 'halted', rounds: 1 })); // no price
    expect(history.samples('BTCUSDT', 3_600, t0 + 8_000).map((s) => s.ts - t0)).toEqual([3_000, 4_000, 5_000]);
    expect(history.samples('BTCUSDT', 4, t0 + 8_000).map((s) => s.ts - t0)).toEqual([4_000, 5_000]);
  });
});
