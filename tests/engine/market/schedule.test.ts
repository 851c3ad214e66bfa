import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEDULE,
  activeRounds,
  buildScheduleOptions,
  currentRound,
  nextTransitionMs,
} from '../../../engine/src/market/schedule.js';

// 2026-01-01T00:00:00Z, a multiple of 3600 s.
const T0 = 1_767_225_600_000;

describe('round schedule', () => {
  it('defaults: 1m/5m/15m/1h with 10 s close for 1m and 30 s for the others', () => {
    expect(DEFAULT_SCHEDULE.rounds).toEqual([
      { durationSec: 60, closeOffsetSec: 10 },
      { durationSec: 300, closeOffsetSec: 30 },
      { durationSec: 900, closeOffsetSec: 30 },
      { durationSec: 3600, closeOffsetSec: 30 },
    ]);
  });

  it('expiries are multiples of the duration since the epoch', () => {
    const now = T0 + 1234_567;
    for (const r of activeRounds(DEFAULT_SCHEDULE, now)) {
      expect(r.expiryTs % r.durationSec).toBe(0);
      expect(r.startTs).toBe(r.expiryTs - r.durationSec);
      expect(r.tradingCloseTs * 1000).toBeGreaterThan(now);
    }
  });

  it('shows the current round until its trading close, then the next one', () => {
    const spec = { durationSec: 60, closeOffsetSec: 10 };
    expect(currentRound(spec, T0)).toEqual({ durationSec: 60, startTs: T0 / 1000, expiryTs: T0 / 1000 + 60, tradingCloseTs: T0 / 1000 + 50 });
    expect(currentRound(spec, T0 + 49_999).expiryTs).toBe(T0 / 1000 + 60);
    // At the close instant the round is closed: the next round is shown.
    expect(currentRound(spec, T0 + 50_000).expiryTs).toBe(T0 / 1000 + 120);
    expect(currentRound(spec, T0 + 59_999).expiryTs).toBe(T0 / 1000 + 120);
    expect(currentRound(spec, T0 + 60_000).expiryTs).toBe(T0 / 1000 + 120);
  });

  it('next transition is the earliest trading close', () => {
    expect(nextTransitionMs(DEFAULT_SCHEDULE, T0 + 1_000)).toBe(T0 + 50_000);
    expect(nextTransitionMs(DEFAULT_SCHEDULE, T0 + 50_000)).toBe(T0 + 110_000);
    // 5m round (close at 270 s) is earlier than the next 1m close at 290 s only once 1m rolled past 230.
    expect(nextTransitionMs(DEFAULT_SCHEDULE, T0 + 231_000)).toBe(T0 + 270_000);
  });

  it('close offsets and durations are configurable and validated', () => {
    const s = buildScheduleOptions([120, 30], [5, 0]);
    expect(s.rounds).toEqual([
      { durationSec: 30, closeOffsetSec: 0 },
      { durationSec: 120, closeOffsetSec: 5 },
    ]);
    expect(() => buildScheduleOptions([60], [60])).toThrow(/close offset/);
    expect(() => buildScheduleOptions([0])).toThrow(/positive integer/);
    expect(() => buildScheduleOptions([60, 60])).toThrow(/duplicate/);
    expect(() => buildScheduleOptions([])).toThrow(/no round/);
    expect(() => buildScheduleOptions([60, 300], [10])).toThrow(/close offsets/);
  });
});
